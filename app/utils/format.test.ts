import { describe, expect, test } from 'vitest'
import { durationParts, formatDate, formatDateTime, formatPrice, formatTimeRange } from './format.ts'

describe('formatPrice', () => {
	test('writes euros the Dutch way', () => {
		expect(formatPrice(125_050, 'nl')).toBe('€\u00a01.250,50')
	})

	test('writes euros the English way when English is chosen', () => {
		expect(formatPrice(125_050, 'en')).toBe('€1,250.50')
	})
})

describe('durationParts', () => {
	test('names short courses in minutes, half days in hours and long ones in days', () => {
		expect(durationParts(45)).toEqual({ unit: 'minutes', count: 45 })
		expect(durationParts(210)).toEqual({ unit: 'hours', count: 3.5 })
		expect(durationParts(960)).toEqual({ unit: 'days', count: 2 })
	})
})

describe('dates', () => {
	test('shows dates and times in Dutch time, whatever the server clock zone', () => {
		const start = new Date('2027-01-11T08:00:00Z')
		const end = new Date('2027-01-11T15:30:00Z')
		expect(formatDate(start, 'nl')).toBe('ma 11 januari 2027')
		expect(formatTimeRange(start, end, 'nl')).toBe('09:00–16:30')
	})

	test('shows the end date of a session that spans days', () => {
		const start = new Date('2027-01-11T08:00:00Z')
		const end = new Date('2027-01-12T15:30:00Z')
		expect(formatTimeRange(start, end, 'nl')).toBe('09:00 – di 12 januari 2027 16:30')
	})
})

test('formats a moment with date and time in Dutch time', () => {
	expect(formatDateTime(new Date('2027-01-11T08:05:00Z'), 'nl')).toBe('11 jan 2027, 09:05')
})
