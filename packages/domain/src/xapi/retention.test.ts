import { describe, expect, test } from 'vitest'
import { xapiRetentionFirstKeptDay } from './retention.ts'

describe('xapiRetentionFirstKeptDay', () => {
	test('counts calendar months back from the Amsterdam day', () => {
		expect(xapiRetentionFirstKeptDay(new Date('2026-12-06T10:00:00Z'), 12)).toBe('2025-12-06')
		expect(xapiRetentionFirstKeptDay(new Date('2026-12-06T10:00:00Z'), 1)).toBe('2026-11-06')
		expect(xapiRetentionFirstKeptDay(new Date('2026-12-06T10:00:00Z'), 120)).toBe('2016-12-06')
	})

	test('takes the day in Amsterdam, not in UTC', () => {
		// 23:30 UTC on 31 December is already 1 January in Amsterdam.
		expect(xapiRetentionFirstKeptDay(new Date('2026-12-31T23:30:00Z'), 1)).toBe('2026-12-01')
	})

	test('a day the earlier month lacks becomes its last day', () => {
		expect(xapiRetentionFirstKeptDay(new Date('2027-03-31T12:00:00Z'), 1)).toBe('2027-02-28')
		expect(xapiRetentionFirstKeptDay(new Date('2028-03-31T12:00:00Z'), 1)).toBe('2028-02-29')
	})
})
