import { describe, expect, test } from 'vitest'
import { evidenceRuleSchema } from './evidence-rule-schema.ts'

const valid = {
	name: 'Analyse uitgevoerd',
	competencyId: '0198a8f2-6c1e-7c6e-9b1e-1234567890ab',
	verbId: 'http://adlnet.gov/expapi/verbs/completed',
	activityMatch: 'id',
	activityPattern: 'https://lab.example/analyses/*',
	requiresSuccess: 'yes',
	minScoreKind: 'none',
	requiredCount: 5,
	periodMonths: 12,
}

const codes = (input: Record<string, unknown>) => evidenceRuleSchema.safeParse(input).error?.issues.map((issue) => [issue.path.join('.'), issue.message]) ?? []

describe('the rule form of /beheer/xapi-regels', () => {
	test('a valid rule without a minimum score drops any number typed', () => {
		const parsed = evidenceRuleSchema.parse({ ...valid, minScore: 0.8 })
		expect(parsed).toMatchObject({ requiresSuccess: true, minScoreKind: null, minScore: null, grantsLevel: null })
	})

	test('a raw score may be any number; a scaled one lies between −1 and 1', () => {
		expect(evidenceRuleSchema.parse({ ...valid, minScoreKind: 'raw', minScore: 42 })).toMatchObject({ minScoreKind: 'raw', minScore: 42 })
		expect(evidenceRuleSchema.parse({ ...valid, minScoreKind: 'scaled', minScore: -1 })).toMatchObject({ minScoreKind: 'scaled', minScore: -1 })
		expect(codes({ ...valid, minScoreKind: 'scaled', minScore: 2 })).toEqual([['minScore', 'XAPI_RULE_SCORE_INVALID']])
		expect(codes({ ...valid, minScoreKind: 'raw' })).toEqual([['minScore', 'XAPI_RULE_SCORE_INVALID']])
	})

	test('every refusal shows at once, each with its own code beside its field', () => {
		expect(codes({ name: ' ', activityMatch: 'id', requiresSuccess: 'yes', minScoreKind: 'scaled', minScore: 2, requiredCount: 0, periodMonths: 12 })).toEqual([
			['name', 'XAPI_RULE_NAME_REQUIRED'],
			['competencyId', 'XAPI_RULE_COMPETENCY_REQUIRED'],
			['verbId', 'XAPI_RULE_VERB_INVALID'],
			['activityPattern', 'XAPI_RULE_PATTERN_INVALID'],
			['requiredCount', 'XAPI_RULE_COUNT_INVALID'],
			['minScore', 'XAPI_RULE_SCORE_INVALID'],
		])
	})

	test('an activity is an IRI, with * for any run of characters, or * alone', () => {
		expect(evidenceRuleSchema.parse({ ...valid, activityPattern: '*' }).activityPattern).toBe('*')
		expect(codes({ ...valid, activityPattern: 'analyse zonder schema' })).toEqual([['activityPattern', 'XAPI_RULE_PATTERN_INVALID']])
	})
})
