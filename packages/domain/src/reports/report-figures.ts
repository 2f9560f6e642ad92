import { addMonths, amsterdamDate } from '../passport/calendar.ts'
import { fail, ok, type Result } from '../result.ts'

/**
 * Reports (issue 18, item 4; ADR 043): the figures a unit's report shows, from rows the database
 * has already counted. Nothing here counts people; it turns counts into rates and shares, so the
 * page, the exports and the monthly mail say the same.
 */

/** What the database counts for one group of enrolments (a course, a month, a unit, or all). */
export type ParticipationCounts = {
	/** Enrolments that hold a seat: enrolled, attended, no-show, completed. */
	participants: number
	/** Attended or completed. */
	completed: number
	noShows: number
	cancellations: number
	/** Cancelled after the providing unit's free cancellation period began (and not freed by a change of the session). */
	lateCancellations: number
	waiting: number
}

export type ParticipationFigures = ParticipationCounts & {
	/** Completed among those whose attendance was decided (completed + no-shows), in percent; null when none was. */
	completionRate: number | null
	/** No-shows among those decided, in percent; null when none was. */
	noShowShare: number | null
	/** Late cancellations among everyone who had a seat or cancelled one, in percent; null when nobody did. */
	lateCancellationShare: number | null
}

/** A share in percent with one decimal; null when there is nothing to share. */
export function percentage(part: number, whole: number): number | null {
	if (whole <= 0) return null
	return Math.round((part / whole) * 1000) / 10
}

export function participationFigures(counts: ParticipationCounts): ParticipationFigures {
	const decided = counts.completed + counts.noShows
	return {
		...counts,
		completionRate: percentage(counts.completed, decided),
		noShowShare: percentage(counts.noShows, decided),
		lateCancellationShare: percentage(counts.lateCancellations, counts.participants + counts.cancellations),
	}
}

/** The sum of several groups' counts (the report's total row), so a total is never counted twice. */
export function sumParticipation(groups: readonly ParticipationCounts[]): ParticipationCounts {
	const total: ParticipationCounts = { participants: 0, completed: 0, noShows: 0, cancellations: 0, lateCancellations: 0, waiting: 0 }
	for (const group of groups) for (const key of Object.keys(total) as (keyof ParticipationCounts)[]) total[key] += group[key]
	return total
}

export type BudgetCounts = {
	/** Yearly budget per person times the unit's active people, in cents. */
	budgetCents: number
	/** Net commitments of the ledger (commitments minus releases), in cents. */
	committedCents: number
	/** The part of the committed whose session has started: money actually spent, in cents. */
	spentCents: number
}

export type BudgetFigures = BudgetCounts & {
	/** Budget minus committed (negative when over budget). */
	leftCents: number
	/** Committed as a percentage of the budget; null without a budget. */
	committedShare: number | null
	spentShare: number | null
}

export function budgetFigures(counts: BudgetCounts): BudgetFigures {
	return {
		...counts,
		leftCents: counts.budgetCents - counts.committedCents,
		committedShare: percentage(counts.committedCents, counts.budgetCents),
		spentShare: percentage(counts.spentCents, counts.budgetCents),
	}
}

/** A month as the report's filters write it. */
export type ReportMonth = `${number}-${number}`

export type ReportPeriod = {
	/** First month counted, `YYYY-MM`. */
	fromMonth: string
	/** Last month counted, `YYYY-MM` (inclusive). */
	toMonth: string
}

/** The longest period a report spans: five years of monthly bars stay readable and fast. */
export const MAX_REPORT_MONTHS = 60

export type ReportPeriodError = 'from_not_a_month' | 'to_not_a_month' | 'to_before_from' | 'too_long'

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

/** The default period: the twelve months up to and including this one, in Amsterdam. */
export function defaultReportPeriod(now: Date): ReportPeriod {
	const today = amsterdamDate(now)
	return { fromMonth: addMonths(today, -11).slice(0, 7), toMonth: today.slice(0, 7) }
}

/** How many months a period spans, both ends counted. */
export function monthsInPeriod({ fromMonth, toMonth }: ReportPeriod): number {
	const [fy, fm] = fromMonth.split('-').map(Number) as [number, number]
	const [ty, tm] = toMonth.split('-').map(Number) as [number, number]
	return (ty - fy) * 12 + (tm - fm) + 1
}

/** Every month of a period in order (`YYYY-MM`), so a month without enrolments shows as zero rather than missing. */
export function periodMonths(period: ReportPeriod): string[] {
	const months: string[] = []
	for (let k = 0; k < monthsInPeriod(period); k++) months.push(addMonths(`${period.fromMonth}-01`, k).slice(0, 7))
	return months
}

/**
 * The period asked in the URL (`van`, `tot` as `YYYY-MM`); an empty field takes the default's
 * end. Refused, never guessed at: a month that is not one, an end before the start, more than
 * `MAX_REPORT_MONTHS`.
 */
export function checkReportPeriod(asked: { from?: string | null; to?: string | null }, now: Date): Result<ReportPeriod, ReportPeriodError> {
	const fallback = defaultReportPeriod(now)
	const from = asked.from?.trim() || fallback.fromMonth
	const to = asked.to?.trim() || fallback.toMonth
	if (!MONTH.test(from)) return fail('from_not_a_month')
	if (!MONTH.test(to)) return fail('to_not_a_month')
	const period = { fromMonth: from, toMonth: to }
	const months = monthsInPeriod(period)
	if (months < 1) return fail('to_before_from')
	if (months > MAX_REPORT_MONTHS) return fail('too_long')
	return ok(period)
}
