import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, test } from 'vitest'
import { isErrorCode } from '../../core/error-codes.ts'
import { CONCERN_DEFAULT_PO_SETTINGS } from '@leerplein/domain'
import { concernDefaultsSchema, ruleFormValue, rulesFormValues, unitRulesSchema } from './rules-schema.ts'

const form = (fields: Record<string, string>) => {
	const data = new FormData()
	for (const [name, value] of Object.entries(fields)) data.set(name, value)
	return data
}

const CONCERN_FORM = {
	'approval.value': 'above_price',
	'approval.threshold': '500,00',
	'approvers.value': 'manager',
	'yearlyBudgetCents.value': '1500,00',
	'budgetExceeded.value': 'require_approval',
	'costCentreRequired.value': 'false',
	'freeCancellationDays.value': '14',
	'noShowPolicy.value': 'warn',
	'acceptsOtherUnits.value': 'true',
}

describe('the concern defaults form', () => {
	test('gives every rule its typed value', () => {
		const submission = parseWithZod(form(CONCERN_FORM), { schema: concernDefaultsSchema })
		expect(submission.status === 'success' && submission.value).toEqual({
			approval: { mode: 'above_price', thresholdCents: 50_000 },
			approvers: 'manager',
			yearlyBudgetCents: 150_000,
			budgetExceeded: 'require_approval',
			costCentreRequired: false,
			freeCancellationDays: 14,
			noShowPolicy: 'warn',
			acceptsOtherUnits: true,
		})
	})

	test('puts each refusal as an error code beside its own field: the threshold, an amount, days, a choice', () => {
		const submission = parseWithZod(
			form({ ...CONCERN_FORM, 'approval.threshold': 'veel', 'yearlyBudgetCents.value': '-5', 'freeCancellationDays.value': '', 'noShowPolicy.value': 'fine' }),
			{ schema: concernDefaultsSchema },
		)
		expect(submission.status === 'error' && submission.error).toEqual({
			'approval.threshold': ['RULE_AMOUNT_INVALID'],
			'yearlyBudgetCents.value': ['RULE_AMOUNT_INVALID'],
			'freeCancellationDays.value': ['RULE_DAYS_INVALID'],
			'noShowPolicy.value': ['RULE_CHOICE_INVALID'],
		})
		for (const codes of Object.values(submission.status === 'error' ? (submission.error ?? {}) : {})) expect(codes?.every(isErrorCode)).toBe(true)
	})

	test('a rule left out of the post is refused, not taken as a default', () => {
		const { 'approvers.value': _left, ...rest } = CONCERN_FORM
		const submission = parseWithZod(form(rest), { schema: concernDefaultsSchema })
		expect(submission.status === 'error' && submission.error).toEqual({ 'approvers.value': ['RULE_CHOICE_INVALID'] })
	})
})

describe("a unit's rules form", () => {
	test('checks and gives only the rules set to an own value; the rest follow the concern', () => {
		const submission = parseWithZod(
			form({ 'freeCancellationDays.mode': 'override', 'freeCancellationDays.value': '21', 'noShowPolicy.mode': 'inherit', 'noShowPolicy.value': 'nonsense' }),
			{ schema: unitRulesSchema },
		)
		expect(submission.status).toBe('success')
		expect(submission.status === 'success' && Object.entries(submission.value).filter(([, value]) => value !== undefined)).toEqual([['freeCancellationDays', 21]])
	})

	test('refuses an own value that is not valid, beside its field', () => {
		const submission = parseWithZod(form({ 'freeCancellationDays.mode': 'override', 'freeCancellationDays.value': '365' }), { schema: unitRulesSchema })
		expect(submission.status === 'error' && submission.error).toEqual({ 'freeCancellationDays.value': ['RULE_DAYS_INVALID'] })
	})
})

test("a rule's value is shown in the form as typed, with the reader's decimal sign", () => {
	expect(ruleFormValue('approval', { mode: 'above_price', thresholdCents: 49_995 }, 'nl')).toEqual({ value: 'above_price', threshold: '499,95' })
	expect(ruleFormValue('approval', { mode: 'never' }, 'nl')).toEqual({ value: 'never', threshold: '' })
	expect(ruleFormValue('yearlyBudgetCents', 150_000, 'en')).toEqual({ value: '1500.00' })
	expect(ruleFormValue('costCentreRequired', false, 'nl')).toEqual({ value: 'false' })
	expect(ruleFormValue('freeCancellationDays', 7, 'nl')).toEqual({ value: '7' })
})

test('the form shown from stored rules parses back to the same rules, and says which are the unit’s own', () => {
	const { branding: _branding, shareContactDetailsWithTools: _share, defaultLanguage: _language, ...rules } = CONCERN_DEFAULT_PO_SETTINGS
	const values = rulesFormValues(rules, 'nl', (key) => key === 'freeCancellationDays')
	expect(values.freeCancellationDays).toEqual({ value: '14', mode: 'override' })
	expect(values.approval).toEqual({ value: 'above_price', threshold: '500,00', mode: 'inherit' })
	const fields = Object.entries(values).flatMap(([key, rule]) => Object.entries(rule ?? {}).filter(([name]) => name !== 'mode').map(([name, value]) => [`${key}.${name}`, value ?? '']))
	const submission = parseWithZod(form(Object.fromEntries(fields)), { schema: concernDefaultsSchema })
	expect(submission.status === 'success' && submission.value).toEqual(rules)
})
