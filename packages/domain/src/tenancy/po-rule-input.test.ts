import { describe, expect, test } from 'vitest'
import { parseRuleInput } from './po-rule-input.ts'

describe('parseRuleInput', () => {
	test('reads euros with a comma or a point as whole cents', () => {
		expect(parseRuleInput('yearlyBudgetCents', { value: '1250,5' })).toEqual({ ok: true, value: 125_050 })
		expect(parseRuleInput('yearlyBudgetCents', { value: ' 800.25 ' })).toEqual({ ok: true, value: 80_025 })
		expect(parseRuleInput('yearlyBudgetCents', { value: '-5' })).toEqual({ ok: false, code: 'RULE_AMOUNT_INVALID' })
		expect(parseRuleInput('yearlyBudgetCents', { value: 'veel' })).toEqual({ ok: false, code: 'RULE_AMOUNT_INVALID' })
	})

	test('approval above a price needs a valid threshold; never and always need none', () => {
		expect(parseRuleInput('approval', { value: 'above_price', threshold: '250' })).toEqual({ ok: true, value: { mode: 'above_price', thresholdCents: 25_000 } })
		expect(parseRuleInput('approval', { value: 'above_price', threshold: '' })).toEqual({ ok: false, code: 'RULE_AMOUNT_INVALID' })
		expect(parseRuleInput('approval', { value: 'always', threshold: 'rubbish' })).toEqual({ ok: true, value: { mode: 'always' } })
		expect(parseRuleInput('approval', { value: 'sometimes' })).toEqual({ ok: false, code: 'RULE_CHOICE_INVALID' })
	})

	test('free cancellation is a whole number of days from 0 to 90, and an empty field is not zero', () => {
		expect(parseRuleInput('freeCancellationDays', { value: '0' })).toEqual({ ok: true, value: 0 })
		expect(parseRuleInput('freeCancellationDays', { value: '90' })).toEqual({ ok: true, value: 90 })
		expect(parseRuleInput('freeCancellationDays', { value: '91' })).toEqual({ ok: false, code: 'RULE_DAYS_INVALID' })
		expect(parseRuleInput('freeCancellationDays', { value: '2.5' })).toEqual({ ok: false, code: 'RULE_DAYS_INVALID' })
		expect(parseRuleInput('freeCancellationDays', { value: '' })).toEqual({ ok: false, code: 'RULE_DAYS_INVALID' })
	})

	test('choices accept only their own options', () => {
		expect(parseRuleInput('approvers', { value: 'manager_then_coordinator' })).toEqual({ ok: true, value: 'manager_then_coordinator' })
		expect(parseRuleInput('costCentreRequired', { value: 'false' })).toEqual({ ok: true, value: false })
		expect(parseRuleInput('noShowPolicy', { value: 'fine' })).toEqual({ ok: false, code: 'RULE_CHOICE_INVALID' })
		expect(parseRuleInput('budgetExceeded', { value: '' })).toEqual({ ok: false, code: 'RULE_CHOICE_INVALID' })
	})
})
