import { describe, expect, test } from 'vitest'
import { routeIdMatcher } from './route-ids.ts'

// The shape of Remix's build.routes for a few of the portal's own routes.
const routes = {
	root: { id: 'root', path: '' },
	'routes/_index': { id: 'routes/_index', parentId: 'root', index: true },
	'routes/$': { id: 'routes/$', parentId: 'root', path: '*' },
	'routes/beheer.logboek': { id: 'routes/beheer.logboek', parentId: 'root', path: 'beheer/logboek' },
	'routes/beheer.logboek_.export': { id: 'routes/beheer.logboek_.export', parentId: 'root', path: 'beheer/logboek/export' },
	'routes/beheer.cursussen': { id: 'routes/beheer.cursussen', parentId: 'root', path: 'beheer/cursussen' },
	'routes/beheer.cursussen._index': { id: 'routes/beheer.cursussen._index', parentId: 'routes/beheer.cursussen', index: true },
	'routes/beheer.cursussen.nieuw': { id: 'routes/beheer.cursussen.nieuw', parentId: 'routes/beheer.cursussen', path: 'nieuw' },
	'routes/beheer.cursussen.$courseId': { id: 'routes/beheer.cursussen.$courseId', parentId: 'routes/beheer.cursussen', path: ':courseId' },
}

describe('routeIdMatcher', () => {
	const routeOf = routeIdMatcher(routes)

	test('names the route that serves a path, never the path itself', () => {
		expect(routeOf('/beheer/logboek')).toBe('routes/beheer.logboek')
		expect(routeOf('/beheer/logboek/export')).toBe('routes/beheer.logboek_.export')
		expect(routeOf('/beheer/cursussen/3f1c9a4e-0000-4000-8000-000000000000')).toBe('routes/beheer.cursussen.$courseId')
	})

	test('prefers a static segment over a dynamic one, and an index route over its layout', () => {
		expect(routeOf('/beheer/cursussen/nieuw')).toBe('routes/beheer.cursussen.nieuw')
		expect(routeOf('/beheer/cursussen')).toBe('routes/beheer.cursussen._index')
		expect(routeOf('/')).toBe('routes/_index')
	})

	test('ignores case and trailing slashes as the router does; anything else is the splat route', () => {
		expect(routeOf('/Beheer/Logboek/')).toBe('routes/beheer.logboek')
		expect(routeOf('/nergens/iets')).toBe('routes/$')
	})

	test('without a splat route an unknown path has no route', () => {
		const { 'routes/$': _splat, ...rest } = routes
		expect(routeIdMatcher(rest)('/nergens')).toBeNull()
	})
})
