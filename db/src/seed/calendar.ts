/**
 * Just enough of the Europe/Amsterdam calendar for planning sessions, without a clock
 * or a time-zone database: a "day" is a whole number of days since 1970-01-01 in local time.
 */

export const MINUTE_MS = 60_000
export const HOUR_MS = 60 * MINUTE_MS
export const DAY_MS = 24 * HOUR_MS

/** Daylight saving time in the EU: from the last Sunday of March to the last Sunday of October, at 01:00 UTC. */
function isSummerTime(utcMs: number): boolean {
	const year = new Date(utcMs).getUTCFullYear()
	return utcMs >= lastSundayAt0100Utc(year, 2) && utcMs < lastSundayAt0100Utc(year, 9)
}

function lastSundayAt0100Utc(year: number, month: number): number {
	const lastDay = new Date(Date.UTC(year, month + 1, 0))
	return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1)
}

function offsetMs(utcMs: number): number {
	return (isSummerTime(utcMs) ? 2 : 1) * HOUR_MS
}

/** The local calendar day an instant falls on in Amsterdam. */
export function amsterdamDay(instant: Date): number {
	const utc = instant.getTime()
	return Math.floor((utc + offsetMs(utc)) / DAY_MS)
}

/** The instant of a local wall-clock time in Amsterdam (unambiguous for office hours). */
export function amsterdamTime(day: number, hour: number, minute = 0): Date {
	const wall = day * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS
	return new Date(wall - offsetMs(wall - HOUR_MS))
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
	return (((day + 4) % 7) + 7) % 7
}

export function isWeekend(day: number): boolean {
	const d = weekday(day)
	return d === 0 || d === 6
}

/** 0 = January … 11 = December. */
export function monthOf(day: number): number {
	return new Date(day * DAY_MS).getUTCMonth()
}

export function dayOfMonth(day: number): number {
	return new Date(day * DAY_MS).getUTCDate()
}

/** The day `count` working days after `day` (weekends skipped). */
export function addWorkingDays(day: number, count: number): number {
	let result = day
	let left = count
	while (left > 0) {
		result++
		if (!isWeekend(result)) left--
	}
	return result
}

/** The first working day on or after `day`. */
export function nextWorkingDay(day: number): number {
	let result = day
	while (isWeekend(result)) result++
	return result
}
