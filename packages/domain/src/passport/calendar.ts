import { amsterdamWallClock } from '../logistics/session-plan.ts'

/**
 * A calendar day, `YYYY-MM-DD`. Validity runs in calendar dates as Dutch clocks show them
 * (Europe/Amsterdam), never in UTC instants: a certificate obtained at 00:30 on 1 March in
 * Amsterdam (23:30 UTC on 28 February) was obtained on 1 March, and "12 months" ends on a day,
 * not at an instant that shifts with summer time.
 */
export type CalendarDate = string

/** The day Dutch clocks show at `instant`. */
export function amsterdamDate(instant: Date): CalendarDate {
	return amsterdamWallClock(instant).date
}

function parts(date: CalendarDate): [number, number, number] {
	return date.split('-').map(Number) as [number, number, number]
}

function format(year: number, month: number, day: number): CalendarDate {
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/**
 * `months` calendar months after `date`; a day the target month lacks becomes its last day
 * (29 February 2024 + 12 months = 28 February 2025; 31 August + 6 months = 28/29 February).
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
	const [year, month, day] = parts(date)
	const index = year * 12 + (month - 1) + months
	const targetYear = Math.floor(index / 12)
	const targetMonth = (index % 12) + 1
	const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate()
	return format(targetYear, targetMonth, Math.min(day, lastDay))
}

/** `days` days after `date` (negative: before). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
	const [year, month, day] = parts(date)
	const moved = new Date(Date.UTC(year, month - 1, day + days))
	return format(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate())
}

/** ISO dates compare as strings; named for reading. */
export const isBefore = (a: CalendarDate, b: CalendarDate) => a < b
export const laterOf = (a: CalendarDate, b: CalendarDate) => (a > b ? a : b)
