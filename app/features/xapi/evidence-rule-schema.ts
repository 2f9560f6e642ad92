import { getZodConstraint } from '@conform-to/zod/v4'
import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'
import { optionalLevel } from '../passport/requirement-schema.ts'

// The rule form of /beheer/xapi-regels (ADR 039, "Statements that count"), on the server and in
// the browser: each refusal beside its field; the level against the competency is the service's.

/** An IRI as xAPI names verbs and activities: a scheme, no spaces; `*` allowed in a pattern. */
const iri = (code: ErrorCode) =>
	z
		.string({ error: code })
		.trim()
		.min(1, { error: code })
		.max(500, { error: code })
		.regex(/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/, { error: code })

const count = (code: ErrorCode, max: number) => z.number({ error: code }).int({ error: code }).min(1, { error: code }).max(max, { error: code })

const ruleFields = z.object({
	name: z
		.string({ error: 'XAPI_RULE_NAME_REQUIRED' satisfies ErrorCode })
		.trim()
		.min(1, { error: 'XAPI_RULE_NAME_REQUIRED' satisfies ErrorCode })
		.max(200, { error: 'XAPI_RULE_NAME_TOO_LONG' satisfies ErrorCode }),
	competencyId: z.uuid({ error: 'XAPI_RULE_COMPETENCY_REQUIRED' satisfies ErrorCode }),
	grantsLevel: optionalLevel,
	verbId: iri('XAPI_RULE_VERB_INVALID'),
	activityMatch: z.enum(['id', 'type'], { error: 'XAPI_RULE_ACTIVITY_MATCH_REQUIRED' satisfies ErrorCode }),
	activityPattern: z.union([iri('XAPI_RULE_PATTERN_INVALID'), z.literal('*')], { error: 'XAPI_RULE_PATTERN_INVALID' satisfies ErrorCode }),
	requiresSuccess: z.enum(['yes', 'no'], { error: 'XAPI_RULE_SUCCESS_REQUIRED' satisfies ErrorCode }),
	minScoreKind: z.enum(['none', 'scaled', 'raw'], { error: 'XAPI_RULE_SCORE_KIND_REQUIRED' satisfies ErrorCode }),
	minScore: z.number({ error: 'XAPI_RULE_SCORE_INVALID' satisfies ErrorCode }).min(-1e9, { error: 'XAPI_RULE_SCORE_INVALID' satisfies ErrorCode }).max(1e9, { error: 'XAPI_RULE_SCORE_INVALID' satisfies ErrorCode }).optional(),
	requiredCount: count('XAPI_RULE_COUNT_INVALID', 100),
	periodMonths: count('XAPI_RULE_PERIOD_INVALID', 120),
})

/** Whether a minimum score has its number, and a scaled one lies between −1 and 1. */
const scoreFits = ({ minScoreKind, minScore }: { minScoreKind: 'none' | 'scaled' | 'raw'; minScore?: number | undefined }) =>
	minScoreKind === 'none' || (minScore !== undefined && (minScoreKind === 'raw' || (minScore >= -1 && minScore <= 1)))

/**
 * A new rule: a minimum score needs its kind and a number (scaled: −1 to 1); without a kind the
 * number is dropped. The score is checked even when other fields are wrong (`when`), so every
 * refusal shows at once.
 */
export const evidenceRuleSchema = ruleFields
	.refine(scoreFits, {
		error: 'XAPI_RULE_SCORE_INVALID' satisfies ErrorCode,
		path: ['minScore'],
		when: ({ issues }) => !issues.some((issue) => issue.path?.[0] === 'minScoreKind' || issue.path?.[0] === 'minScore'),
	})
	.transform(({ minScoreKind, minScore, requiresSuccess, ...rest }) => ({
		...rest,
		requiresSuccess: requiresSuccess === 'yes',
		minScoreKind: minScoreKind === 'none' ? null : minScoreKind,
		minScore: minScoreKind === 'none' ? null : (minScore ?? null),
	}))

export type EvidenceRuleInput = z.infer<typeof evidenceRuleSchema>

/** The fields' constraints for the browser: Conform cannot read them through the transform. */
export const evidenceRuleConstraint = getZodConstraint(ruleFields)

/** Switching a rule on or off names it. */
export const ruleSwitchSchema = z.object({ ruleId: z.uuid({ error: 'XAPI_RULE_NOT_FOUND' satisfies ErrorCode }) })

/** Why Leerplein withdrew a piece of evidence itself: a statement it rested on was voided (ADR 039); the history says so in words. */
export const XAPI_VOIDED_REASON = 'xapi_statement_voided'
