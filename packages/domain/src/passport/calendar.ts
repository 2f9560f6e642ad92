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
	// The usual `YYYY-MM-DD` without splitting (the recompute of a unit does this ~a million times).
	if (date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) return [digits(date, 0, 4), digits(date, 5, 7), digits(date, 8, 10)]
	return date.split('-').map(Number) as [number, number, number]
}

function digits(text: string, from: number, to: number): number {
	let value = 0
	for (let index = from; index < to; index++) {
		const digit = text.charCodeAt(index) - 48
		if (digit < 0 || digit > 9) return Number(text.slice(from, to))
		value = value * 10 + digit
	}
	return value
}

const pad2 = (value: number) => (value < 10 ? `0${value}` : String(value))

function format(year: number, month: number, day: number): CalendarDate {
	return `${year >= 1000 && year <= 9999 ? String(year) : String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`
}

/**
 * The days a recompute asks about repeat endlessly (every person's requirement has the same due
 * day, evidence shares days), so answers are remembered per offset; pure, so remembering changes
 * nothing but the time. Bounded: forgotten wholesale past a size no real calendar reaches.
 */
function remembered(compute: (date: CalendarDate, offset: number) => CalendarDate): (date: CalendarDate, offset: number) => CalendarDate {
	const byOffset = new Map<number, Map<CalendarDate, CalendarDate>>()
	let size = 0
	return (date, offset) => {
		let answers = byOffset.get(offset)
		if (!answers) byOffset.set(offset, (answers = new Map()))
		let answer = answers.get(date)
		if (answer === undefined) {
			if (++size > 200_000) {
				byOffset.clear()
				size = 1
				byOffset.set(offset, (answers = new Map()))
			}
			answers.set(date, (answer = compute(date, offset)))
		}
		return answer
	}
}

/**
 * `months` calendar months after `date`; a day the target month lacks becomes its last day
 * (29 February 2024 + 12 months = 28 February 2025; 31 August + 6 months = 28/29 February).
 */
export const addMonths: (date: CalendarDate, months: number) => CalendarDate = remembered((date, months) => {
	const [year, month, day] = parts(date)
	const index = year * 12 + (month - 1) + months
	const targetYear = Math.floor(index / 12)
	const targetMonth = (index % 12) + 1
	const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate()
	return format(targetYear, targetMonth, Math.min(day, lastDay))
})

/** `days` days after `date` (negative: before). */
export const addDays: (date: CalendarDate, days: number) => CalendarDate = remembered((date, days) => {
	const [year, month, day] = parts(date)
	const moved = new Date(Date.UTC(year, month - 1, day + days))
	return format(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate())
})

/** ISO dates compare as strings; named for reading. */
export const isBefore = (a: CalendarDate, b: CalendarDate) => a < b
export const laterOf = (a: CalendarDate, b: CalendarDate) => (a > b ? a : b)
