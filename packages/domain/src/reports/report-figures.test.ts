import { describe, expect, test } from 'vitest'
import { budgetFigures, checkReportPeriod, defaultReportPeriod, MAX_REPORT_MONTHS, monthsInPeriod, participationFigures, percentage, periodMonths, sumParticipation } from './report-figures.ts'

const zero = { participants: 0, completed: 0, noShows: 0, cancellations: 0, lateCancellations: 0, waiting: 0 }

describe('participation figures', () => {
	test.each([
		['nobody enrolled: no rate at all, not zero', zero, { completionRate: null, noShowShare: null, lateCancellationShare: null }],
		['8 completed and 2 no-shows of 12 seats, 4 cancelled of whom 1 late', { ...zero, participants: 12, completed: 8, noShows: 2, cancellations: 4, lateCancellations: 1 }, { completionRate: 80, noShowShare: 20, lateCancellationShare: 6.3 }],
		['seats not yet decided count for the late cancellations only', { ...zero, participants: 3, cancellations: 1, lateCancellations: 1 }, { completionRate: null, noShowShare: null, lateCancellationShare: 25 }],
		['everyone a no-show', { ...zero, participants: 3, noShows: 3 }, { completionRate: 0, noShowShare: 100, lateCancellationShare: 0 }],
		['two of three completed: one decimal', { ...zero, participants: 3, completed: 2, noShows: 1 }, { completionRate: 66.7, noShowShare: 33.3, lateCancellationShare: 0 }],
	])('given %s', (_name, counts, expected) => {
		expect(participationFigures(counts)).toEqual({ ...counts, ...expected })
	})

	test('a total sums every count of its groups', () => {
		expect(sumParticipation([])).toEqual(zero)
		expect(
			sumParticipation([
				{ participants: 1, completed: 2, noShows: 3, cancellations: 4, lateCancellations: 5, waiting: 6 },
				{ participants: 10, completed: 20, noShows: 30, cancellations: 40, lateCancellations: 50, waiting: 60 },
			]),
		).toEqual({ participants: 11, completed: 22, noShows: 33, cancellations: 44, lateCancellations: 55, waiting: 66 })
	})

	test('a share of nothing is unknown', () => {
		expect(percentage(0, 0)).toBeNull()
		expect(percentage(1, 8)).toBe(12.5)
	})
})

describe('budget figures', () => {
	test.each([
		['within budget', { budgetCents: 300_000, committedCents: 120_000, spentCents: 60_000 }, { leftCents: 180_000, committedShare: 40, spentShare: 20 }],
		['over budget: left is negative', { budgetCents: 100_000, committedCents: 125_000, spentCents: 125_000 }, { leftCents: -25_000, committedShare: 125, spentShare: 125 }],
		['no budget (nobody active)', { budgetCents: 0, committedCents: 5_000, spentCents: 0 }, { leftCents: -5_000, committedShare: null, spentShare: null }],
	])('%s', (_name, counts, expected) => {
		expect(budgetFigures(counts)).toEqual({ ...counts, ...expected })
	})
})

describe('the period', () => {
	const now = new Date('2030-05-20T10:00:00Z')

	test('by default the twelve months up to this one, in Amsterdam', () => {
		expect(defaultReportPeriod(now)).toEqual({ fromMonth: '2029-06', toMonth: '2030-05' })
		// 23:30 UTC on 31 December is already January in Amsterdam.
		expect(defaultReportPeriod(new Date('2030-12-31T23:30:00Z'))).toEqual({ fromMonth: '2030-02', toMonth: '2031-01' })
	})

	test.each([
		['nothing asked', {}, { ok: true, value: { fromMonth: '2029-06', toMonth: '2030-05' } }],
		['empty fields', { from: '', to: ' ' }, { ok: true, value: { fromMonth: '2029-06', toMonth: '2030-05' } }],
		['one month', { from: '2030-02', to: '2030-02' }, { ok: true, value: { fromMonth: '2030-02', toMonth: '2030-02' } }],
		['only a start', { from: '2028-01' }, { ok: true, value: { fromMonth: '2028-01', toMonth: '2030-05' } }],
		['a month that is not one', { from: '2030-13' }, { ok: false, code: 'from_not_a_month' }],
		['a day for an end', { to: '2030-01-05' }, { ok: false, code: 'to_not_a_month' }],
		['an end before the start', { from: '2030-03', to: '2030-02' }, { ok: false, code: 'to_before_from' }],
		['exactly the longest period', { from: '2025-06', to: '2030-05' }, { ok: true, value: { fromMonth: '2025-06', toMonth: '2030-05' } }],
		['a month longer', { from: '2025-05', to: '2030-05' }, { ok: false, code: 'too_long' }],
	] as const)('asked: %s', (_name, asked, expected) => {
		expect(checkReportPeriod(asked, now)).toEqual(expected)
	})

	test('every month of a period, across a year end', () => {
		expect(periodMonths({ fromMonth: '2029-11', toMonth: '2030-02' })).toEqual(['2029-11', '2029-12', '2030-01', '2030-02'])
		expect(monthsInPeriod({ fromMonth: '2025-06', toMonth: '2030-05' })).toBe(MAX_REPORT_MONTHS)
	})
})
