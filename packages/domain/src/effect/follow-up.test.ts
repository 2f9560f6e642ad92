import { describe, expect, test } from 'vitest'
import { anonymousAnswerRows, checkEvaluationAnswers, checkFollowUpWeeks, DEFAULT_EVALUATION, evaluationFormOf, FOLLOW_UP_EVALUATION, FOLLOW_UP_WEEKS, followUpDueAt, MANAGER_EVALUATION, summariseEvaluations, type EvaluationAnswers } from './evaluation.ts'

describe('the follow-up weeks a coordinator sets', () => {
	test.each([
		['12', { ok: true, value: 12 }],
		[' 4 ', { ok: true, value: 4 }],
		['52', { ok: true, value: 52 }],
		['3', { ok: false, error: 'too_few' }],
		['0', { ok: false, error: 'too_few' }],
		['53', { ok: false, error: 'too_many' }],
		['9999', { ok: false, error: 'too_many' }],
		['', { ok: false, error: 'not_a_number' }],
		['12.5', { ok: false, error: 'not_a_number' }],
		['-4', { ok: false, error: 'not_a_number' }],
		['twaalf', { ok: false, error: 'not_a_number' }],
		['1e1', { ok: false, error: 'not_a_number' }],
		['12345', { ok: false, error: 'not_a_number' }],
	])('%j gives %j', (raw, expected) => {
		expect(checkFollowUpWeeks(raw)).toEqual(expected)
	})

	test('the default is twelve weeks and lies within the bounds', () => {
		expect(FOLLOW_UP_WEEKS.default).toBe(12)
		expect(checkFollowUpWeeks(String(FOLLOW_UP_WEEKS.default))).toEqual({ ok: true, value: 12 })
	})
})

describe('when the follow-up is due', () => {
	test.each([
		['2026-03-02T09:00:00Z', 12, '2026-05-25T09:00:00.000Z'],
		['2026-12-31T23:30:00Z', 4, '2027-01-28T23:30:00.000Z'],
		['2026-01-01T00:00:00Z', 52, '2026-12-31T00:00:00.000Z'],
	])('completed at %s, %i weeks on: %s', (completed, weeks, due) => {
		expect(followUpDueAt(new Date(completed), weeks).toISOString()).toBe(due)
	})
})

describe('the follow-up form', () => {
	test('has its own version and item ids, none shared with the evaluation', () => {
		expect(FOLLOW_UP_EVALUATION.version).not.toBe(DEFAULT_EVALUATION.version)
		const evaluationIds = new Set(DEFAULT_EVALUATION.items.map((item) => item.id))
		expect(FOLLOW_UP_EVALUATION.items.filter((item) => evaluationIds.has(item.id))).toEqual([])
		expect(FOLLOW_UP_EVALUATION.items[0]).toEqual({ id: 'applied', kind: 'likert' })
	})

	test('each kind of invitation has its form, each with its own version and item ids', () => {
		expect(evaluationFormOf('evaluation')).toBe(DEFAULT_EVALUATION)
		expect(evaluationFormOf('follow_up')).toBe(FOLLOW_UP_EVALUATION)
		expect(evaluationFormOf('manager')).toBe(MANAGER_EVALUATION)
		const forms = [DEFAULT_EVALUATION, FOLLOW_UP_EVALUATION, MANAGER_EVALUATION]
		expect(new Set(forms.map((form) => form.version)).size).toBe(3)
		const ids = forms.flatMap((form) => form.items.map((item) => item.id))
		expect(new Set(ids).size).toBe(ids.length)
	})

	test('answers are checked, summarised from five and exported like the evaluation', () => {
		expect(checkEvaluationAnswers(FOLLOW_UP_EVALUATION, { applied: '4', obstacles: ' Geen tijd ', content_useful: '5' })).toEqual({ ok: true, value: { applied: 4, obstacles: 'Geen tijd' } })
		expect(checkEvaluationAnswers(FOLLOW_UP_EVALUATION, { applied: '6' })).toEqual({ ok: false, errors: { applied: 'out_of_range' } })
		const four: EvaluationAnswers[] = [{ applied: 5 }, { applied: 4 }, { applied: 2, obstacles: 'Geen tijd' }, { support: 3 }]
		expect(summariseEvaluations(FOLLOW_UP_EVALUATION, four)).toEqual({ shown: false, responses: 4, needed: 5 })
		expect(anonymousAnswerRows(FOLLOW_UP_EVALUATION, four)).toBeNull()
		const five = [...four, { applied: 1 }]
		const summary = summariseEvaluations(FOLLOW_UP_EVALUATION, five)
		expect(summary.shown && summary.items[0]).toMatchObject({ id: 'applied', answered: 4, mean: 3, distribution: [1, 1, 0, 1, 1] })
		expect(anonymousAnswerRows(FOLLOW_UP_EVALUATION, five)).toEqual([
			[1, null, null, null, null, null],
			[2, null, null, null, null, 'Geen tijd'],
			[4, null, null, null, null, null],
			[5, null, null, null, null, null],
			[null, null, null, 3, null, null],
		])
	})
})
