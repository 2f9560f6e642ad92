import { describe, expect, test } from 'vitest'
import { addDays, addMonths } from './calendar.ts'

// The calendar's arithmetic parses days by hand and remembers its answers (the recompute of a
// unit asks ~a million times); it must answer exactly as plain Date arithmetic does, on every day.

const reference = {
	addDays(date: string, days: number) {
		const [year, month, day] = date.split('-').map(Number) as [number, number, number]
		return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10)
	},
	addMonths(date: string, months: number) {
		const [year, month, day] = date.split('-').map(Number) as [number, number, number]
		const index = year * 12 + (month - 1) + months
		const lastDay = new Date(Date.UTC(Math.floor(index / 12), (index % 12) + 1, 0)).getUTCDate()
		return new Date(Date.UTC(Math.floor(index / 12), index % 12, Math.min(day, lastDay))).toISOString().slice(0, 10)
	},
}

const everyDay = (from: string, to: string) => {
	const days: string[] = []
	for (let day = from; day <= to; day = reference.addDays(day, 1)) days.push(day)
	return days
}

describe('calendar arithmetic', () => {
	test('adding days, back and forth, across leap years and year ends, asked twice', () => {
		for (const day of everyDay('2023-12-01', '2025-03-31')) {
			for (const days of [-730, -366, -60, -1, 0, 1, 14, 59, 60, 365, 366, 731]) {
				expect(addDays(day, days)).toBe(reference.addDays(day, days))
				expect(addDays(day, days)).toBe(reference.addDays(day, days))
			}
		}
	})

	test('adding months: a day the month lacks becomes its last', () => {
		for (const day of everyDay('2023-12-01', '2025-03-31')) {
			for (const months of [-12, 1, 6, 12, 24, 60, 600]) expect(addMonths(day, months)).toBe(reference.addMonths(day, months))
		}
		expect(addMonths('2024-02-29', 12)).toBe('2025-02-28')
		expect(addMonths('2024-08-31', 6)).toBe('2025-02-28')
		expect(addDays('9999-12-31', -1)).toBe('9999-12-30')
	})
})
