import { describe, expect, test } from 'vitest'
import {
	acceptedLanguages,
	agentKey,
	agentKeyOfParameter,
	checkSignature,
	checkStatement,
	comparableDuration,
	formatStatement,
	indexStatement,
	mergeActivityDefinitions,
	normalizeStatement,
	parseXapiVersion,
	sameStatement,
} from './statements.ts'

const statement = {
	actor: { objectType: 'Agent', name: 'Sanne', mbox: 'mailto:sanne@example.nl' },
	verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'nl-NL': 'voltooide', 'en-US': 'completed' } },
	object: { id: 'http://example.nl/analyse-x', definition: { name: { 'nl-NL': 'Analyse X', 'en-GB': 'Analysis X' } } },
}

describe('xAPI statements', () => {
	test('the version header: 1.0.x and 2.0.x, nothing else', () => {
		expect([parseXapiVersion('1.0.3'), parseXapiVersion('1.0'), parseXapiVersion('2.0.0'), parseXapiVersion('0.95'), parseXapiVersion(null)]).toEqual(['1.0.3', '1.0.3', '2.0.0', null, null])
	})

	test('a valid statement passes; a broken one is refused with the property named', () => {
		expect(checkStatement(statement, '1.0.3')).toEqual({ ok: true })
		const broken = checkStatement({ ...statement, actor: { mbox: 'sanne@example.nl' } }, '1.0.3')
		expect(broken.ok).toBe(false)
		expect(!broken.ok && broken.message).toMatch(/actor\.mbox/)
	})

	test('context agents are 2.0 only, and checked', () => {
		const withContextAgents = { ...statement, context: { contextAgents: [{ objectType: 'contextAgent', agent: { mbox: 'mailto:a@example.nl' } }] } }
		expect(checkStatement(withContextAgents, '2.0.0')).toEqual({ ok: true })
		expect(checkStatement(withContextAgents, '1.0.3').ok).toBe(false)
		expect(checkStatement({ ...statement, context: { contextAgents: [{ objectType: 'contextAgent', agent: { mbox: 'nope' } }] } }, '2.0.0').ok).toBe(false)
	})

	test('a voiding statement needs a StatementRef', () => {
		const voiding = { ...statement, verb: { id: 'http://adlnet.gov/expapi/verbs/voided' } }
		expect(checkStatement(voiding, '2.0.0').ok).toBe(false)
		expect(checkStatement({ ...voiding, object: { objectType: 'StatementRef', id: '0f6b7c2e-7c5e-4b0e-9b1e-2a9c1d7b3a11' } }, '2.0.0')).toEqual({ ok: true })
	})

	test('one context activity becomes an array, without touching the input', () => {
		const sent = { ...statement, context: { contextActivities: { parent: { id: 'http://example.nl/p' } } } }
		expect(normalizeStatement(sent).context).toEqual({ contextActivities: { parent: [{ id: 'http://example.nl/p' }] } })
		expect(sent.context.contextActivities.parent).toEqual({ id: 'http://example.nl/p' })
	})

	test('agents are keyed by their identifier; a parameter with two identifiers is refused', () => {
		expect(agentKey({ account: { homePage: 'https://hr.example.nl', name: '1234' } })).toBe('account:https://hr.example.nl|1234')
		expect(agentKeyOfParameter('{"mbox":"mailto:a@example.nl"}')).toBe('mbox:mailto:a@example.nl')
		expect(agentKeyOfParameter('{"mbox":"mailto:a@example.nl","openid":"http://a.example.nl"}')).toBeNull()
		expect(agentKeyOfParameter('geen json')).toBeNull()
	})

	test('the index names the actor, the verb and every related activity', () => {
		const index = indexStatement({ ...statement, context: { registration: 'AB6B7C2E-7C5E-4B0E-9B1E-2A9C1D7B3A11', contextActivities: { parent: [{ id: 'http://example.nl/p' }] } } })
		expect(index).toMatchObject({ actorKey: 'mbox:mailto:sanne@example.nl', verbId: statement.verb.id, activityId: statement.object.id, registration: 'ab6b7c2e-7c5e-4b0e-9b1e-2a9c1d7b3a11' })
		expect(index.activityIds.sort()).toEqual(['http://example.nl/analyse-x', 'http://example.nl/p'])
	})

	test('formats: ids keeps identifiers, canonical one language', () => {
		expect(formatStatement(statement, 'ids')).toMatchObject({ actor: { objectType: 'Agent', mbox: 'mailto:sanne@example.nl' }, verb: { id: statement.verb.id }, object: { id: statement.object.id } })
		const canonical = formatStatement(statement, 'canonical', acceptedLanguages('en;q=0.9, de;q=0.5'))
		expect(canonical.verb).toEqual({ id: statement.verb.id, display: { 'en-US': 'completed' } })
		expect((canonical.object as { definition: unknown }).definition).toEqual({ name: { 'en-GB': 'Analysis X' } })
	})

	test('the statement\'s own version: 1.0.x for a 1.0.3 client, 1.0.x or 2.0.x for a 2.0 client', () => {
		expect(checkStatement({ ...statement, version: '2.0.0' }, '2.0.0')).toEqual({ ok: true })
		expect(checkStatement({ ...statement, version: '1.0.1' }, '2.0.0')).toEqual({ ok: true })
		expect(checkStatement({ ...statement, version: '2.0.0' }, '1.0.3').ok).toBe(false)
		expect(checkStatement({ ...statement, version: '0.95' }, '2.0.0').ok).toBe(false)
	})

	test('ids reduces activities to their id and verbs to theirs, in sub-statements and context too', () => {
		const nested = {
			...statement,
			context: { contextActivities: { category: [{ objectType: 'Activity', id: 'http://example.nl/c', definition: { name: { 'nl-NL': 'C' } } }] }, instructor: { objectType: 'Agent', name: 'Els', mbox: 'mailto:els@example.nl' } },
			object: { objectType: 'SubStatement', actor: { objectType: 'Group', name: 'Team', mbox: 'mailto:team@example.nl' }, verb: statement.verb, object: { objectType: 'Activity', ...statement.object } },
		}
		const ids = formatStatement(nested, 'ids')
		expect(ids.object).toEqual({ objectType: 'SubStatement', actor: { objectType: 'Group', mbox: 'mailto:team@example.nl' }, verb: { id: statement.verb.id }, object: { id: statement.object.id } })
		expect(ids.context).toEqual({ contextActivities: { category: [{ id: 'http://example.nl/c' }] }, instructor: { objectType: 'Agent', mbox: 'mailto:els@example.nl' } })
	})

	test('canonical chooses one language in context activities and attachments as well', () => {
		const withContext = {
			...statement,
			context: { contextActivities: { category: [{ id: 'http://example.nl/c', definition: { name: { 'en-GB': 'meeting', 'en-US': 'meeting', 'nl-NL': 'overleg' } } }] } },
			attachments: [{ usageType: 'http://example.nl/u', display: { 'en-US': 'report', 'nl-NL': 'verslag' }, contentType: 'text/plain', length: 1, sha2: 'ab' }],
		}
		const canonical = formatStatement(withContext, 'canonical', ['nl-NL'])
		expect((canonical.context as { contextActivities: { category: { definition: unknown }[] } }).contextActivities.category[0]!.definition).toEqual({ name: { 'nl-NL': 'overleg' } })
		expect((canonical.attachments as { display: unknown }[])[0]!.display).toEqual({ 'nl-NL': 'verslag' })
		expect(formatStatement(withContext, 'canonical', ['en-GB']).verb).toEqual({ id: statement.verb.id, display: { 'en-US': 'completed' } })
	})

	test('durations are compared to hundredths of a second', () => {
		expect(comparableDuration('P1DT12H36M0.1237S')).toBe('P1DT12H36M0.12S')
		expect(comparableDuration('PT5.00S')).toBe('PT5S')
		expect(comparableDuration('PT1H')).toBe('PT1H')
		const timed = (duration: string) => ({ ...statement, result: { duration } })
		expect(sameStatement(timed('P1DT12H36M0.12S'), timed('P1DT12H36M0.1237S'))).toBe(true)
		expect(sameStatement(timed('P1DT12H36M0.12S'), timed('P1DT12H36M0.13S'))).toBe(false)
	})

	test('an activity\'s definitions merge: languages and extensions key by key, the latest wins otherwise', () => {
		const merged = mergeActivityDefinitions([
			{ name: { 'en-US': 'meeting' }, type: 'http://example.nl/old', extensions: { 'http://example.nl/a': 1 }, choices: [{ id: 'a', description: { 'en-US': 'A' } }] },
			'not a definition',
			{ name: { 'fr-FR': 'réunion' }, type: 'http://example.nl/new', extensions: { 'http://example.nl/b': 2 }, choices: [{ id: 'a', description: { 'nl-NL': 'A' } }, { id: 'b' }] },
		])
		expect(merged).toEqual({
			name: { 'en-US': 'meeting', 'fr-FR': 'réunion' },
			type: 'http://example.nl/new',
			extensions: { 'http://example.nl/a': 1, 'http://example.nl/b': 2 },
			choices: [{ id: 'a', description: { 'en-US': 'A', 'nl-NL': 'A' } }, { id: 'b' }],
		})
		expect(mergeActivityDefinitions([])).toBeNull()
	})

	test('the same statement sent again is the same, whatever the store added', () => {
		expect(sameStatement({ ...statement, id: 'x', stored: 'then', authority: {} }, { ...statement })).toBe(true)
		expect(sameStatement(statement, { ...statement, verb: { id: 'http://adlnet.gov/expapi/verbs/failed' } })).toBe(false)
	})
})

// Node has both globally; the domain's type-check knows no platform (no DOM, no Node types).
declare function btoa(data: string): string
declare function atob(data: string): string

describe('signed statements', () => {
	const encode = (value: unknown) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
	const decode = (part: string) => atob(part.replace(/-/g, '+').replace(/_/g, '/'))
	const jws = (alg: string, payload: unknown) => `${encode({ alg })}.${encode(payload)}.c2lnbmF0dXJl`

	test('a JWS of the statement with RS256 passes; another algorithm, another payload or no JWS is refused', () => {
		expect(checkSignature(statement, jws('RS256', statement), decode)).toEqual({ ok: true })
		expect(checkSignature(statement, jws('HS256', statement), decode).ok).toBe(false)
		expect(checkSignature(statement, jws('RS512', { ...statement, verb: { id: 'http://example.nl/other' } }), decode).ok).toBe(false)
		expect(checkSignature(statement, 'geen.jws', decode).ok).toBe(false)
	})
})
