import { addMonths, amsterdamDate, type CalendarDate } from '../passport/calendar.ts'

// Privacy (ADR 039, "Privacy"): how long a unit keeps its xAPI statements. Pure: the caller passes `now`.

/** A unit keeps statements 1–120 months after they were stored, or (null) until they are erased. */
export const XAPI_RETENTION_MONTHS = { min: 1, max: 120 } as const

/**
 * The first Amsterdam calendar day a unit still keeps statements of: a statement stored on an
 * earlier day is past its retention. `months` calendar months before today, counted as the
 * passport counts validity (31 March − 1 month = 28/29 February): with 12 months, on 6 December
 * 2026 everything stored since 6 December 2025 stays.
 */
export function xapiRetentionFirstKeptDay(now: Date, months: number): CalendarDate {
	return addMonths(amsterdamDate(now), -months)
}
