import { describe, expect, test } from 'vitest'
import { fitsPattern, matchesRule, ruleEvidenceRef, ruleMetOn, ruleOutcome, type RuleStatement, type StatementRule } from './rules.ts'

const PERFORMED = 'https://w3id.org/xapi/dod-isd/verbs/performed'
const now = new Date('2026-12-05T12:00:00Z')
const rule: StatementRule = {
	verbId: PERFORMED,
	activity: { by: 'id', pattern: 'https://lims.nvwa.nl/analyses/salmonella-*' },
	requiresSuccess: true,
	minimumScore: null,
	count: 3,
	periodMonths: 12,
}
let serial = 0
const statement = (timestamp: string, changes: Partial<RuleStatement> = {}): RuleStatement => ({
	id: `s-${String(++serial).padStart(3, '0')}`,
	verbId: PERFORMED,
	activityId: 'https://lims.nvwa.nl/analyses/salmonella-pcr',
	activityType: 'https://lims.nvwa.nl/types/analysis',
	success: true,
	scaled: null,
	raw: null,
	timestamp: new Date(timestamp),
	voided: false,
	...changes,
})

describe('matching one statement to a rule', () => {
	test.each([
		['the verb, the activity by pattern, success', {}, rule, true],
		['another verb', { verbId: 'http://adlnet.gov/expapi/verbs/attempted' }, rule, false],
		['a voided statement', { voided: true }, rule, false],
		['a statement from the future', { timestamp: new Date('2026-12-06T00:00:00Z') }, rule, false],
		['an activity outside the pattern', { activityId: 'https://lims.nvwa.nl/analyses/listeria-pcr' }, rule, false],
		['no activity (an agent as object)', { activityId: null }, rule, false],
		['success false when success is required', { success: false }, rule, false],
		['no success when success is required', { success: null }, rule, false],
		['success false when success is not required', { success: false }, { ...rule, requiresSuccess: false }, true],
		['by type, with a wildcard in the middle', {}, { ...rule, activity: { by: 'type', pattern: 'https://*/types/analysis' } }, true],
		['by type, no type in the statement', { activityType: null }, { ...rule, activity: { by: 'type', pattern: '*' } }, false],
		['a scaled score at the minimum', { scaled: 0.8 }, { ...rule, minimumScore: { kind: 'scaled', value: 0.8 } }, true],
		['a scaled score below the minimum', { scaled: 0.79 }, { ...rule, minimumScore: { kind: 'scaled', value: 0.8 } }, false],
		['no score when a minimum is set', {}, { ...rule, minimumScore: { kind: 'raw', value: 1 } }, false],
		['a raw score at or above the minimum', { raw: 42 }, { ...rule, minimumScore: { kind: 'raw', value: 40 } }, true],
		['a raw score when the minimum is scaled', { raw: 42 }, { ...rule, minimumScore: { kind: 'scaled', value: 0.5 } }, false],
	] as const)('%s → %s', (_, changes, given, expected) => {
		expect(matchesRule(given, statement('2026-06-01T10:00:00Z', changes), { now })).toBe(expected)
	})

	test('a pattern is literal apart from *: dots, question marks and brackets mean themselves', () => {
		expect(fitsPattern('https://a.nl/x?y=[1]', 'https://a.nl/x?y=[1]')).toBe(true)
		expect(fitsPattern('https://a.nl/x?y=[1]', 'https://aXnl/x?y=[1]')).toBe(false)
		expect(fitsPattern('https://a.nl/*', 'https://a.nl/')).toBe(true)
		expect(fitsPattern('https://a.nl/*/b', 'https://a.nl/x/y/b')).toBe(true)
		expect(fitsPattern('https://a.nl/x', 'https://a.nl/x/y')).toBe(false)
	})
})

describe('n matching statements within m months', () => {
	test('given three successful analyses within a year, the rule is met on the day of the third, resting on all three', () => {
		const statements = [statement('2026-01-10T09:00:00Z'), statement('2026-03-10T09:00:00Z'), statement('2026-05-10T09:00:00Z')]
		const outcome = ruleOutcome(rule, statements, { now })
		expect(outcome?.completedBy.id).toBe(statements[2]!.id)
		expect(outcome?.restsOn.map((s) => s.id)).toEqual(statements.map((s) => s.id))
	})

	test('given two, the rule is not met', () => {
		expect(ruleOutcome(rule, [statement('2026-01-10T09:00:00Z'), statement('2026-03-10T09:00:00Z')], { now })).toBeNull()
	})

	test('the first and the last exactly twelve months apart (Amsterdam days) still count; a day more does not', () => {
		const onTheBoundary = [statement('2025-03-01T10:00:00Z'), statement('2025-09-01T10:00:00Z'), statement('2026-03-01T10:00:00Z')]
		expect(ruleOutcome(rule, onTheBoundary, { now })?.completedBy.id).toBe(onTheBoundary[2]!.id)
		const past = [statement('2025-03-01T10:00:00Z'), statement('2025-09-01T10:00:00Z'), statement('2026-03-02T10:00:00Z')]
		expect(ruleOutcome(rule, past, { now })).toBeNull()
	})

	test('the boundary is the Amsterdam day: 23:30 UTC on 28 February is 1 March in Amsterdam', () => {
		const statements = [statement('2025-02-28T23:30:00Z'), statement('2025-09-01T10:00:00Z'), statement('2026-03-01T10:00:00Z')]
		expect(ruleOutcome(rule, statements, { now })?.completedBy.id).toBe(statements[2]!.id)
	})

	test('statements arriving out of order are put in the order they happened', () => {
		const late = statement('2026-02-01T09:00:00Z')
		const statements = [statement('2026-06-01T09:00:00Z'), statement('2026-04-01T09:00:00Z'), late]
		const outcome = ruleOutcome(rule, statements, { now })
		expect(outcome?.completedBy.timestamp.toISOString()).toBe('2026-06-01T09:00:00.000Z')
		expect(outcome?.restsOn[0]!.id).toBe(late.id)
	})

	test('a voided statement does not count towards the number', () => {
		const statements = [statement('2026-01-10T09:00:00Z'), statement('2026-03-10T09:00:00Z', { voided: true }), statement('2026-05-10T09:00:00Z')]
		expect(ruleOutcome(rule, statements, { now })).toBeNull()
	})

	test('the latest completing moment wins: evaluating after a fourth names the fourth', () => {
		const statements = [statement('2026-01-10T09:00:00Z'), statement('2026-03-10T09:00:00Z'), statement('2026-05-10T09:00:00Z'), statement('2026-07-10T09:00:00Z')]
		const outcome = ruleOutcome(rule, statements, { now })
		expect(outcome?.completedBy.id).toBe(statements[3]!.id)
		expect(outcome?.restsOn.map((s) => s.id)).toEqual(statements.slice(1).map((s) => s.id))
	})

	test('an old window still counts when the newest statements lie too far apart', () => {
		const statements = [statement('2023-01-10T09:00:00Z'), statement('2023-02-10T09:00:00Z'), statement('2023-03-10T09:00:00Z'), statement('2026-07-10T09:00:00Z')]
		expect(ruleOutcome(rule, statements, { now })?.completedBy.id).toBe(statements[2]!.id)
	})

	test('a count of one: the latest matching statement', () => {
		const statements = [statement('2026-01-10T09:00:00Z'), statement('2026-02-10T09:00:00Z', { success: false })]
		expect(ruleOutcome({ ...rule, count: 1 }, statements, { now })?.completedBy.id).toBe(statements[0]!.id)
	})

	test('one evidence reference per rule and day', () => {
		expect(ruleEvidenceRef('r1', '2026-03-10')).toBe('rule:r1:2026-03-10')
	})

	test("met on a day: the latest moment among that day's and earlier statements falls on it; voided ones do not count", () => {
		const statements = [statement('2026-03-01T09:00:00Z'), statement('2026-04-01T09:00:00Z'), statement('2026-05-01T09:00:00Z'), statement('2026-06-01T09:00:00Z')]
		expect(ruleMetOn(rule, statements, '2026-05-01', { now })).toBe(true)
		expect(ruleMetOn(rule, statements, '2026-06-01', { now })).toBe(true)
		// A day on which no statement completed the count.
		expect(ruleMetOn(rule, statements, '2026-05-15', { now })).toBe(false)
		// Voided, the May statement leaves May's count unmet; June's still stands on March, April and June.
		const voided = statements.map((s, index) => (index === 2 ? { ...s, voided: true } : s))
		expect(ruleMetOn(rule, voided, '2026-05-01', { now })).toBe(false)
		expect(ruleMetOn(rule, voided, '2026-06-01', { now })).toBe(true)
	})
})
