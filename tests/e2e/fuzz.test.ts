import fc from 'fast-check'
import { testDrivers } from '@leerplein/db/testing'
import { beforeAll, describe, expect, test } from 'vitest'
import { BAD_INPUT_TARGETS, type BadInputFixtures, type BadInputTarget } from '../isolation/bad-input.ts'
import { plantFixtures, signIn } from '../isolation/bad-input-fixtures.ts'
import type { Persona } from '../isolation/probes.ts'
import { useE2E } from '../support/e2e.ts'

// Property-based fuzzing over the whole route manifest (issue 12, ADR 021): for every route, as a
// persona it admits (tests/isolation/bad-input.ts), hostile values in one or more of its form
// fields, query parameters and route parameters. Whatever arrives, the answer is never a 5xx:
// bad input is a 400, 404, 415 or the tool protocol's own refusal. The seed is fixed, so a run is
// the same run every time; a failure prints the request that shrank to the smallest one found.

type RouteModule = { module: { loader?: unknown; action?: unknown } }
const manifest = (await import(new URL('../../app/build/server/index.js', import.meta.url).href)) as { routes: Record<string, RouteModule> }

const SEED = 20261203
/** Runs per route with an action, and per route with only a page; each run sends three requests at once, so with ~45 routes about 2,800. */
const RUNS_WITH_ACTION = 30
const RUNS_PAGE_ONLY = 12
const REQUESTS_PER_RUN = 3

/** Every query parameter a loader or action of the portal reads, so each route is also asked with the others'. */
const QUERY_NAMES = [
	'q', 'pagina', 'sorteer', 'richting', 'vorm', 'thema', 'aanbieder', 'plaats', 'periode', 'taal', 'kosten', 'duur',
	'title', 'description', 'cursus', 'historie', 'scan', 'ongedaan-maken', 'opgeslagen', 'resultaat', 'terug', 'moodle',
	'webservices', 'verwijderen', 'deactiveren', 'sleutel', 'gekoppeld', 'reden', 'gedaan', 'rlid', 'tag', 'resource_id',
	'resource_link_id', 'user_id', 'limit', 'redirect_uri', 'client_id', 'login_hint', 'lti_message_hint', 'state', 'nonce',
	'response_type', 'scope', 'code', 'error', 'openid_configuration', 'registration_token', 'zoek', 'toegevoegd', 'wie',
]

/** Fields every form may be sent besides its own. */
const EXTRA_FIELDS = ['intent', 'id', 'redirectTo', 'sessionId', 'courseId', 'toolId', 'ids', 'cursus', 'canonicalId', 'mergeId']

const hostileText = fc.oneof(
	fc.constantFrom(
		'', ' ', '\u0000', '\u0001\u001b[31m', '\t', '\r\n', '\u007f', '\u202e', '\ufeff', '\ud800', '\udfff', '😀', 'Ω≈ç√∫',
		'%00', '%ZZ', '%', '../../../etc/passwd', '..%2f..%2f', '/\t/evil.example', '//evil.example', 'javascript:alert(1)',
		"' or 1=1 --", "'; drop table users; --", '"; select pg_sleep(0) --', '\\', '$1', '${x}', '{{x}}', '<script>alert(1)</script>',
		'99999999999999999999', '-99999999999999999999', '2147483648', '-2147483649', '9223372036854775808', '9007199254740993',
		'-1', '0', '1e400', '-1e400', '1e-400', 'NaN', 'Infinity', '-Infinity', '0x10', '1.5', '0.1', '١٢٣', '+1', ' 1 ',
		'not-a-uuid', '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', '00000000-0000-4000-8000-00000000000g',
		'true', 'false', 'null', 'undefined', '[]', '{}', '[object Object]', '__proto__', 'constructor',
		'2026-02-30', '9999-12-31', '0000-00-00', '2026-13', '-0001-01',
	),
	fc.integer().map(String),
	fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
	fc.double().map(String),
	fc.uuid().map((uuid) => uuid.toUpperCase()),
	fc.string({ unit: 'binary', maxLength: 40 }),
	fc.string({ unit: 'grapheme', maxLength: 40 }),
	fc.tuple(fc.constantFrom('a', 'é', '€', '\u0000', '😀', '9', '%'), fc.integer({ min: 256, max: 20_000 })).map(([unit, times]) => unit.repeat(times)),
)

/** One hostile thing done to a request: a field (once, or several times as an array), a query parameter or a route parameter. */
type Mutation =
	| { where: 'field'; name: string; values: string[] }
	| { where: 'query'; name: string; values: string[] }
	| { where: 'param'; index: number; value: string; raw: boolean }

type FuzzRequest = { method: 'GET' | 'POST' | 'PUT'; mutations: Mutation[] }

function requestsFor(routeId: string, target: BadInputTarget, fixtures: BadInputFixtures): fc.Arbitrary<FuzzRequest> {
	const module = manifest.routes[routeId]!.module
	// Well-formed ids of the wrong kind (a course's id where a theme's belongs) reach further than random ones.
	const ids = Object.values(fixtures).map((fixture) => (typeof fixture === 'string' ? fixture : fixture.id))
	const hostile = fc.oneof({ weight: 4, arbitrary: hostileText }, { weight: 1, arbitrary: fc.constantFrom(...ids) })
	const values = fc.oneof({ weight: 4, arbitrary: hostile.map((one) => [one]) }, { weight: 1, arbitrary: fc.array(hostile, { minLength: 2, maxLength: 3 }) })
	const methods: FuzzRequest['method'][] = [...(module.loader ? ['GET' as const] : []), ...(module.action ? [target.method ?? ('POST' as const)] : [])]
	const fields = [...new Set([...Object.keys(target.form?.(fixtures) ?? {}), ...EXTRA_FIELDS])]
	const params = paramSegments(routeId)
	const mutation: fc.Arbitrary<Mutation> = fc.oneof(
		fc.record({ where: fc.constant('field' as const), name: fc.constantFrom(...fields), values }),
		fc.record({ where: fc.constant('query' as const), name: fc.constantFrom(...QUERY_NAMES), values }),
		...(params.length > 0 ? [fc.record({ where: fc.constant('param' as const), index: fc.constantFrom(...params), value: hostile, raw: fc.boolean() })] : []),
	)
	return fc.record({ method: fc.constantFrom(...methods), mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }) })
}

/** The indexes of the URL path's segments that are route parameters (`$courseId`), after the leading slash. */
function paramSegments(routeId: string): number[] {
	if (routeId === 'routes/$') return [0]
	const segments = routeId.replace(/^routes\//, '').split('.').filter((segment) => segment !== '_index')
	return segments.flatMap((segment, index) => (segment.startsWith('$') ? [index] : []))
}

/** A value as it can travel in a URL: lone surrogates cannot be encoded, so they become U+FFFD as a browser sends them. */
function encoded(value: string): string {
	return encodeURIComponent(wellFormed(value))
}

function wellFormed(value: string): string {
	return value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
}

function build(target: BadInputTarget, fixtures: BadInputFixtures, request: FuzzRequest): { url: string; body?: string } {
	const [pathname, search = ''] = target.path(fixtures).split('?') as [string, string?]
	const segments = pathname.split('/').slice(1)
	const query = new URLSearchParams(search)
	const form = new URLSearchParams()
	for (const [name, value] of Object.entries(target.form?.(fixtures) ?? {})) for (const one of [value].flat()) form.append(name, one)
	for (const mutation of request.mutations) {
		if (mutation.where === 'param') segments[mutation.index] = mutation.raw ? mutation.value.replaceAll('?', '%3F').replaceAll('#', '%23') : encoded(mutation.value)
		else {
			const into = mutation.where === 'field' ? form : query
			into.delete(mutation.name)
			for (const value of mutation.values) into.append(mutation.name, wellFormed(value))
		}
	}
	const queryString = query.toString()
	const url = `/${segments.join('/')}${queryString ? `?${queryString}` : ''}`
	return request.method === 'GET' ? { url } : { url, body: form.toString() }
}

// On PostgreSQL only: one driver is enough for the parsing, and PostgreSQL is where an integer overflows.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

describe.each(drivers)('hostile input over the whole route manifest on %s', (driver) => {
	// A portal of its own: a fuzzed request that is valid enough saves what it sends. Sign-in is not
	// rate limited here, as sessions that a request ends are signed in again.
	const e2e = useE2E({ driver, own: true, browser: false, env: { RATE_LIMIT_SIGN_IN: '100000/60' } })
	let fixtures: BadInputFixtures
	const cookies = new Map<Persona, string>()

	beforeAll(async () => {
		fixtures = await plantFixtures(e2e.portal.databaseUrl!)
	})

	async function cookieFor(persona: Persona, fresh: boolean): Promise<string> {
		if (fresh || !cookies.has(persona)) cookies.set(persona, await signIn(e2e.portal, persona))
		return cookies.get(persona)!
	}

	async function send(target: BadInputTarget, request: FuzzRequest) {
		const { url, body } = build(target, fixtures, request)
		const headers: Record<string, string> = { Origin: e2e.portal.url }
		if (target.as) headers.Cookie = await cookieFor(target.as, target.ownSession === true)
		if (body !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded'
		const init = { method: request.method, headers, body, redirect: 'manual' } as const
		// A kept-alive connection the server closed after a large body it did not read is reset: that is no answer, so ask once more.
		const response = await fetch(`${e2e.portal.url}${url}`, init).catch(() => fetch(`${e2e.portal.url}${url}`, init))
		const text = await response.text()
		// A request that ended the persona's session (signing out, say) costs the next one its way past the guard.
		if (target.as && (response.headers.get('location') ?? '').startsWith('/inloggen')) cookies.delete(target.as)
		return { status: response.status, url, body, text: text.slice(0, 300) }
	}

	// What the fuzz found, each pinned by a request of its own; before the fuzz, which may change the rows they aim at.
	describe('the 500s the fuzz found stay fixed', () => {
		async function post(as: Persona, path: string, form: Record<string, string>) {
			const response = await fetch(`${e2e.portal.url}${path}`, {
				method: 'POST',
				headers: { Origin: e2e.portal.url, Cookie: await cookieFor(as, false), 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams(form),
				redirect: 'manual',
			})
			return { status: response.status, text: await response.text() }
		}

		test('a course whose theme is a well-formed id of no theme is refused beside the theme field, not by the foreign key', async () => {
			const course = BAD_INPUT_TARGETS['routes/beheer.cursussen.nieuw']!.form!(fixtures) as Record<string, string>
			const answer = await post('rvo-coordinator', '/beheer/cursussen/nieuw', { ...course, themeId: fixtures.course.id })
			expect(answer.status).toBe(400)
			expect(answer.text).toContain('Kies een thema uit de lijst.')
		})

		test.each(['99999999999999999999', '2147483648'])('a Moodle course id of %s, beyond its integer column, is refused beside the field', async (moodleCourseId) => {
			const path = `/catalogus/${fixtures.course.id}/online-onderdelen`
			const ids = await post('rvo-coordinator', path, { intent: 'moodle-ids', resourceLinkId: fixtures.onlinePart.id, moodleCourseId, moodleActivityId: '42' })
			expect(ids.status).toBe(400)
			// The error beside the field (the page shows the Moodle ids form only while identifying a part; the reply carries it).
			expect(ids.text).toContain('MOODLE_ID_INVALID')
			const link = await post('rvo-coordinator', path, { intent: 'link', toolId: fixtures.tool.id, title: 'Online module', moodleCourseId, moodleActivityId: '42' })
			expect(link.status).toBe(400)
			expect(link.text).toContain('MOODLE_ID_INVALID')
		})

		test('two saves of the same new search synonym at once: one is saved, the others are told the term is taken', async () => {
			const save = () => post('concern-admin', '/beheer/zoeksynoniemen', { intent: 'save', id: '', term: 'gelijktijdig', expansions: 'tegelijk, simultaan' })
			const answers = await Promise.all([save(), save(), save(), save(), save(), save()])
			const statuses = answers.map((answer) => answer.status).sort()
			expect(statuses.filter((status) => status >= 300 && status < 400)).toHaveLength(1)
			expect(statuses.filter((status) => status < 300 || status >= 400)).toEqual([409, 409, 409, 409, 409])
			for (const refused of answers.filter((answer) => answer.status === 409)) expect(refused.text).toContain('SYNONYM_TERM_TAKEN')
		})

		test('an online part whose id is no UUID is not found, on the start route and on the online-parts page', async () => {
			const start = await fetch(`${e2e.portal.url}/lti/starten/geen-uuid`, { headers: { Cookie: await cookieFor('rvo-employee', false) }, redirect: 'manual' })
			expect(start.status).toBe(404)
			expect(await start.text()).toContain('Dit online onderdeel bestaat niet (meer).')
			const removed = await post('rvo-coordinator', `/catalogus/${fixtures.course.id}/online-onderdelen`, { intent: 'remove', resourceLinkId: 'geen-uuid' })
			expect(removed.status).toBe(400)
		})
	})

	for (const [routeId, target] of Object.entries(BAD_INPUT_TARGETS).filter(([id]) => manifest.routes[id])) {
		const numRuns = manifest.routes[routeId]!.module.action ? RUNS_WITH_ACTION : RUNS_PAGE_ONLY
		test(`${routeId} never answers hostile input with a 5xx`, { timeout: 120_000 }, async () => {
			await fc.assert(
				fc.asyncProperty(fc.array(requestsFor(routeId, target, fixtures), { minLength: REQUESTS_PER_RUN, maxLength: REQUESTS_PER_RUN }), async (requests) => {
					const answers = await Promise.all(requests.map((request) => send(target, request)))
					for (const [index, answer] of answers.entries()) {
						const said = `${requests[index]!.method} ${answer.url}${answer.body ? ` with ${answer.body.slice(0, 500)}` : ''} answered ${answer.status}: ${answer.text}`
						expect(answer.status, said).toBeLessThan(500)
					}
				}),
				{ seed: SEED, numRuns, endOnFailure: false },
			)
		})
	}
})
