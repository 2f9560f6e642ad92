import { z } from 'zod'
import { fail, ok, type Result } from '../result.ts'
import type { EnrolmentRuleKey, PoSettings } from './po-settings.ts'

/** Why a typed rule value is refused (error codes; the UI shows each next to its field). */
export type RuleInputError = 'RULE_AMOUNT_INVALID' | 'RULE_DAYS_INVALID' | 'RULE_CHOICE_INVALID'

/** What a form sends for one rule: its value, and for approval above a price the threshold in euros. */
export type RuleInput = { value: string; threshold?: string }

const euros = z
	.string()
	.trim()
	.regex(/^\d{1,7}([.,]\d{1,2})?$/)
	.transform((value) => Math.round(Number(value.replace(',', '.')) * 100))
const days = z.coerce.number().int().min(0).max(90)

/**
 * Parses one enrolment rule as typed in a form (euros with a comma or a point, whole days,
 * a choice from a list), for a unit's own value and for the concern default alike.
 */
export function parseRuleInput<K extends EnrolmentRuleKey>(key: K, input: RuleInput): Result<PoSettings[K], RuleInputError>
export function parseRuleInput(key: EnrolmentRuleKey, { value, threshold = '' }: RuleInput): Result<PoSettings[EnrolmentRuleKey], RuleInputError> {
	switch (key) {
		case 'approval': {
			if (value === 'never' || value === 'always') return ok({ mode: value })
			if (value !== 'above_price') return fail('RULE_CHOICE_INVALID')
			const amount = euros.safeParse(threshold)
			return amount.success ? ok({ mode: 'above_price', thresholdCents: amount.data }) : fail('RULE_AMOUNT_INVALID')
		}
		case 'yearlyBudgetCents': {
			const amount = euros.safeParse(value)
			return amount.success ? ok(amount.data) : fail('RULE_AMOUNT_INVALID')
		}
		case 'freeCancellationDays': {
			// An empty field is not zero days.
			const count = value.trim() === '' ? null : days.safeParse(value)
			return count?.success ? ok(count.data) : fail('RULE_DAYS_INVALID')
		}
		case 'costCentreRequired':
		case 'acceptsOtherUnits':
			return value === 'true' || value === 'false' ? ok(value === 'true') : fail('RULE_CHOICE_INVALID')
		case 'approvers':
			return value === 'manager' || value === 'manager_then_coordinator' ? ok(value) : fail('RULE_CHOICE_INVALID')
		case 'budgetExceeded':
			return value === 'block' || value === 'require_approval' || value === 'allow' ? ok(value) : fail('RULE_CHOICE_INVALID')
		case 'noShowPolicy':
			return value === 'none' || value === 'warn' || value === 'charge' ? ok(value) : fail('RULE_CHOICE_INVALID')
		default: {
			const unreachable: never = key
			return unreachable
		}
	}
}
