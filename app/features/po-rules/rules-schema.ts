import { ENROLMENT_RULE_KEYS, parseRuleInput, type EnrolmentRuleKey, type PoSettings } from '@leerplein/domain'
import { z } from 'zod'
import { requiredPassMark } from '../lti/online-part-schema.ts'
import type { ErrorCode } from '../../core/error-codes.ts'

// The two P&O rules forms, one schema each, used by the action (parseForm) and by the page (Conform's
// useForm), so the browser refuses what the server would. Each rule's fields are named
// `<rule>.value` (and `approval.threshold`); on a unit's page also `<rule>.mode`: follow the concern
// (`inherit`) or an own value (`override`). A value is read by the domain's parseRuleInput, whose
// codes (RULE_AMOUNT_INVALID…) are the messages, beside the field they are about.

/** What the form sends for one rule, as text. */
export type RuleFields = { mode?: 'inherit' | 'override'; value?: string; threshold?: string }

/** The form's values, rule by rule (Conform's view of the form). */
export type RulesFormValues = Record<EnrolmentRuleKey, RuleFields | undefined>

export type EnrolmentRules = Pick<PoSettings, EnrolmentRuleKey>

const ruleFields = z.object({ mode: z.enum(['inherit', 'override']).optional(), value: z.string().optional(), threshold: z.string().optional() }).optional()

/** One rule's typed value, or an issue on the field that is wrong (the threshold of approval above a price, else the value). */
function typed<K extends EnrolmentRuleKey>(key: K, fields: RuleFields | undefined, ctx: z.RefinementCtx): PoSettings[K] {
	const parsed = parseRuleInput(key, { value: fields?.value ?? '', threshold: fields?.threshold ?? '' })
	if (parsed.ok) return parsed.value
	const field = key === 'approval' && parsed.code === 'RULE_AMOUNT_INVALID' ? 'threshold' : 'value'
	ctx.addIssue({ code: 'custom', message: parsed.code satisfies ErrorCode, path: [field] })
	return z.NEVER
}

type RuleShape<Out extends Record<EnrolmentRuleKey, unknown>> = { [K in EnrolmentRuleKey]: z.ZodType<Out[K], RuleFields | undefined> }

function eachRule<Out extends Record<EnrolmentRuleKey, unknown>>(rule: (key: EnrolmentRuleKey) => z.ZodType) {
	return z.object(Object.fromEntries(ENROLMENT_RULE_KEYS.map((key) => [key, rule(key)])) as RuleShape<Out>)
}

/** The concern defaults: every rule has a value. */
export const concernDefaultsSchema = eachRule<EnrolmentRules>((key) => ruleFields.transform((fields, ctx) => typed(key, fields, ctx)))

/**
 * A unit's rules: a rule set to an own value is checked and gives that value; one that follows the
 * concern (or is not sent) gives undefined, and leaves the unit's overrides.
 */
export const unitRulesSchema = eachRule<{ [K in EnrolmentRuleKey]: PoSettings[K] | undefined }>((key) =>
	ruleFields.transform((fields, ctx) => (fields?.mode === 'override' ? typed(key, fields, ctx) : undefined)),
)

/** A rule's value as the form shows it: euros with the reader's decimal sign, days and choices as text. */
export function ruleFormValue<K extends EnrolmentRuleKey>(key: K, value: PoSettings[K], language: string): Omit<RuleFields, 'mode'> {
	const euro = (cents: number) => (cents / 100).toFixed(2).replace('.', language === 'nl' ? ',' : '.')
	switch (key) {
		case 'approval': {
			const approval = value as PoSettings['approval']
			return { value: approval.mode, threshold: approval.mode === 'above_price' ? euro(approval.thresholdCents) : '' }
		}
		case 'yearlyBudgetCents':
			return { value: euro(value as number) }
		default:
			return { value: String(value) }
	}
}

/** The whole form's values: each rule's value as shown, and on a unit's page whether it is the unit's own. */
export function rulesFormValues(rules: EnrolmentRules, language: string, own?: (key: EnrolmentRuleKey) => boolean): RulesFormValues {
	return Object.fromEntries(
		ENROLMENT_RULE_KEYS.map((key) => [key, { ...ruleFormValue(key, rules[key], language), ...(own ? { mode: own(key) ? 'override' : 'inherit' } : {}) }]),
	) as RulesFormValues
}

/** The pass mark a new online part gets when its tool sends none (ADR 026): a whole number from 0 to 100. */
export const defaultPassMarkSchema = z.object({ defaultPassMarkPercent: requiredPassMark() })
