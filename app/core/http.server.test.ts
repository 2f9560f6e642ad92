import { describe, expect, test } from 'vitest'
import { safeRedirectPath } from './http.server.ts'

describe('safeRedirectPath', () => {
	test('keeps a local path with its query', () => {
		expect(safeRedirectPath('/catalogus?pagina=3')).toBe('/catalogus?pagina=3')
	})

	test.each(['https://evil.example', '//evil.example', '/\\evil.example', 'catalogus', ''])(
		'replaces %j by the fallback',
		(target) => {
			expect(safeRedirectPath(target, '/catalogus')).toBe('/catalogus')
		},
	)

	test('replaces a missing target by the fallback', () => {
		expect(safeRedirectPath(null)).toBe('/')
	})
})
