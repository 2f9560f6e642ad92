import { describe, expect, test } from 'vitest'
import { seatAvailability } from './seats.ts'
import { holdsSeat } from './enrolment-status.ts'

describe('seatAvailability', () => {
	test('a session with many free seats is available', () => {
		expect(seatAvailability(20, 5)).toEqual({ status: 'available', free: 15 })
	})

	test('a session with a fifth or fewer seats left is almost full', () => {
		expect(seatAvailability(20, 16)).toEqual({ status: 'almost_full', free: 4 })
		expect(seatAvailability(3, 2)).toEqual({ status: 'almost_full', free: 1 })
	})

	test('a session whose seats are all taken is full, even when overbooked by hand', () => {
		expect(seatAvailability(20, 20)).toEqual({ status: 'full', free: 0 })
		expect(seatAvailability(20, 23)).toEqual({ status: 'full', free: 0 })
	})
})

describe('holdsSeat', () => {
	test('enrolled and later attendance statuses hold a seat; waitlist and cancellation do not', () => {
		expect(holdsSeat('enrolled')).toBe(true)
		expect(holdsSeat('attended')).toBe(true)
		expect(holdsSeat('waitlisted')).toBe(false)
		expect(holdsSeat('cancelled')).toBe(false)
		expect(holdsSeat('awaiting_approval')).toBe(false)
	})
})
