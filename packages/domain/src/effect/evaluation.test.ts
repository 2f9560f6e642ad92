import { describe, expect, test } from 'vitest'
import { anonymousAnswerRows, checkEvaluationAnswers, courseEvaluationScore, DEFAULT_EVALUATION, evaluationMailsDue, evaluationMailThresholds, MAX_OPEN_ANSWER, MIN_RESPONSES_SHOWN, summariseEvaluations, type EvaluationAnswers } from './evaluation.ts'

describe('checking an answer', () => {
	test('ratings in range are kept as numbers, open answers trimmed, skipped items left out, unknown fields ignored', () => {
		expect(checkEvaluationAnswers(DEFAULT_EVALUATION, { content_useful: '5', applicable: '1', recommend: '0', best: '  De oefeningen ', improve: '', trainer: undefined, stranger: 'x' })).toEqual({
			ok: true,
			value: { content_useful: 5, applicable: 1, recommend: 0, best: 'De oefeningen' },
		})
	})

	test.each([
		['a statement rated 0', { content_useful: '0' }, 'content_useful'],
		['a statement rated 6', { trainer: '6' }, 'trainer'],
		['a recommendation of 11', { recommend: '11' }, 'recommend'],
		['a recommendation of -1', { recommend: '-1' }, 'recommend'],
		['a half', { organisation: '3.5' }, 'organisation'],
		['a word', { expectations: 'goed' }, 'expectations'],
		['an exponent', { recommend: '1e1' }, 'recommend'],
	])('%s is out of range, and nothing is kept', (_name, submitted, field) => {
		expect(checkEvaluationAnswers(DEFAULT_EVALUATION, { ...submitted, best: 'fijn' })).toEqual({ ok: false, errors: { [field]: 'out_of_range' } })
	})

	test('an open answer longer than the limit is refused beside its field', () => {
		expect(checkEvaluationAnswers(DEFAULT_EVALUATION, { improve: 'a'.repeat(MAX_OPEN_ANSWER + 1) })).toEqual({ ok: false, errors: { improve: 'too_long' } })
		expect(checkEvaluationAnswers(DEFAULT_EVALUATION, { improve: 'a'.repeat(MAX_OPEN_ANSWER) }).ok).toBe(true)
	})

	test('a form with nothing answered is refused as a whole', () => {
		expect(checkEvaluationAnswers(DEFAULT_EVALUATION, { best: '   ', recommend: '' })).toEqual({ ok: false, errors: { form: 'nothing_answered' } })
	})
})

describe('the summary a providing unit sees', () => {
	const five: EvaluationAnswers[] = [
		{ content_useful: 5, recommend: 10, best: 'Praktijk' },
		{ content_useful: 4, recommend: 9, improve: 'Langer' },
		{ content_useful: 4, recommend: 8 },
		{ content_useful: 2, recommend: 6, best: 'Casussen' },
		{ recommend: 3, best: 'Andere deelnemers' },
	]

	test('below the minimum only the number of responses is given, nothing of their content', () => {
		expect(MIN_RESPONSES_SHOWN).toBe(5)
		expect(summariseEvaluations(DEFAULT_EVALUATION, five.slice(0, 4))).toEqual({ shown: false, responses: 4, needed: 5 })
		expect(summariseEvaluations(DEFAULT_EVALUATION, [])).toEqual({ shown: false, responses: 0, needed: 5 })
	})

	test('at the minimum: means over those who answered the item, the distribution, the net promoter score, open answers sorted', () => {
		const summary = summariseEvaluations(DEFAULT_EVALUATION, five)
		expect(summary.shown).toBe(true)
		if (!summary.shown) return
		const byId = new Map(summary.items.map((item) => [item.id, item]))
		// (5 + 4 + 4 + 2) / 4 answered = 3.75; one person skipped it.
		expect(byId.get('content_useful')).toEqual({ id: 'content_useful', kind: 'likert', answered: 4, mean: 3.75, distribution: [0, 1, 0, 2, 1], netPromoterScore: null })
		// Promoters 10 and 9 (2 of 5), detractors 6 and 3 (2 of 5), passive 8: 40% − 40% = 0.
		expect(byId.get('recommend')).toMatchObject({ answered: 5, mean: 7.2, netPromoterScore: 0, distribution: [0, 0, 0, 1, 0, 0, 1, 0, 1, 1, 1] })
		expect(byId.get('trainer')).toMatchObject({ answered: 0, mean: null, distribution: [0, 0, 0, 0, 0] })
		// Sorted, not in the order given: the order people answered in could tell who wrote what.
		expect(byId.get('best')).toEqual({ id: 'best', kind: 'open', answers: ['Andere deelnemers', 'Casussen', 'Praktijk'] })
		expect(byId.get('improve')).toEqual({ id: 'improve', kind: 'open', answers: ['Langer'] })
	})

	test('the net promoter score rounds, and all promoters give 100', () => {
		const answers = (values: number[]) => values.map((recommend) => ({ recommend }))
		const nps = (values: number[]) => {
			const summary = summariseEvaluations(DEFAULT_EVALUATION, answers(values))
			return summary.shown ? summary.items.find((item) => item.id === 'recommend') : null
		}
		expect(nps([9, 10, 10, 9, 9])).toMatchObject({ netPromoterScore: 100 })
		// 2 promoters, 4 detractors of 6: 33.3 − 66.7 = −33.3 → −33.
		expect(nps([10, 9, 0, 6, 5, 1])).toMatchObject({ netPromoterScore: -33 })
	})
})

describe('when the invitation mails are due', () => {
	const invitedAt = new Date('2026-03-01T10:00:00Z')
	const at = (iso: string) => new Date(iso)

	test.each([
		['at once', '2026-03-01T10:00:00Z', 1],
		['six days later', '2026-03-07T09:59:59Z', 1],
		['after a week: the first reminder', '2026-03-08T10:00:00Z', 2],
		['after two weeks: the second', '2026-03-15T10:00:00Z', 3],
		['and never more', '2027-03-15T10:00:00Z', 3],
	])('%s', (_name, now, due) => {
		expect(evaluationMailsDue({ invitedAt, answered: false }, at(now))).toBe(due)
	})

	test('an answered invitation needs no mail', () => {
		expect(evaluationMailsDue({ invitedAt, answered: true }, at('2026-03-15T10:00:00Z'))).toBe(0)
	})
})

describe('the mail scan asks for what is owed', () => {
	test('an invitation with n mails is owed the next once it is as old as the schedule says, in step with evaluationMailsDue', () => {
		const now = new Date('2026-03-20T10:00:00Z')
		const dueBy = evaluationMailThresholds(now)
		expect(dueBy.map((date) => date.toISOString())).toEqual(['2026-03-20T10:00:00.000Z', '2026-03-13T10:00:00.000Z', '2026-03-06T10:00:00.000Z'])
		for (const invitedAt of [new Date('2026-03-20T10:00:00Z'), new Date('2026-03-13T10:00:01Z'), new Date('2026-03-13T10:00:00Z'), new Date('2026-03-06T10:00:00Z'), new Date('2026-01-01T00:00:00Z')]) {
			for (let sent = 0; sent < dueBy.length; sent++) {
				const owedByScan = invitedAt <= dueBy[sent]!
				expect(owedByScan).toBe(evaluationMailsDue({ invitedAt, answered: false }, now) > sent)
			}
		}
	})
})

describe('the anonymous export', () => {
	const form = { version: 't', items: [{ id: 'a', kind: 'likert' }, { id: 'r', kind: 'recommendation' }, { id: 'o', kind: 'open' }] } as const
	test('nothing below five; from five one row per response, the answers only, in an order of their own', () => {
		const answers: EvaluationAnswers[] = [{ a: 5, o: 'z' }, { r: 3 }, { a: 1, r: 10, o: 'Goed' }, { a: 5, o: 'a' }, { o: 'Alleen tekst' }]
		expect(anonymousAnswerRows(form, answers.slice(0, 4))).toBeNull()
		expect(anonymousAnswerRows(form, answers)).toEqual([
			[1, 10, 'Goed'],
			[5, null, 'a'],
			[5, null, 'z'],
			[null, 3, null],
			[null, null, 'Alleen tekst'],
		])
		// The same rows whatever order the responses came in.
		expect(anonymousAnswerRows(form, [...answers].reverse())).toEqual(anonymousAnswerRows(form, answers))
	})
})

describe("a course's line in the unit's overview", () => {
	test('only the count below five; from five the mean of all statement answers and the net promoter score', () => {
		expect(courseEvaluationScore({ responses: 4, statementSum: 80, statementAnswers: 20, recommendAnswered: 4, promoters: 4, detractors: 0 })).toEqual({ responses: 4, shown: false })
		// 5 people, 22 statement answers summing to 77 → 3.5; 5 recommendations: 2 promoters, 1 detractor → 20.
		expect(courseEvaluationScore({ responses: 5, statementSum: 77, statementAnswers: 22, recommendAnswered: 5, promoters: 2, detractors: 1 })).toEqual({ responses: 5, shown: true, statementMean: 3.5, netPromoterScore: 20 })
		expect(courseEvaluationScore({ responses: 5, statementSum: 0, statementAnswers: 0, recommendAnswered: 0, promoters: 0, detractors: 0 })).toEqual({ responses: 5, shown: true, statementMean: null, netPromoterScore: null })
	})
})
