import { describe, expect, test } from 'vitest'
import { forecastMoves, moveOne } from './move-forecast.ts'

describe('moving people to another session', () => {
	test('the free seats go first, in order, then the waitlist', () => {
		const people = [{ status: 'enrolled' as const, by: 'coordinator' as const }, { status: 'waitlisted' as const, by: 'coordinator' as const }, { status: 'enrolled' as const, by: 'coordinator' as const }]
		const forecast = forecastMoves(people, { capacity: 10, seatsTaken: 8, waiting: 0 })
		expect(forecast.map(({ result }) => result)).toEqual([
			{ ok: true, value: 'enrolled' },
			{ ok: true, value: 'enrolled' },
			{ ok: true, value: 'waitlisted' },
		])
	})

	test('nobody jumps a waitlist: with someone waiting there, a free seat is not given', () => {
		expect(moveOne('enrolled', 'coordinator', { capacity: 10, seatsTaken: 2, waiting: 1 })).toEqual({ result: { ok: true, value: 'waitlisted' }, target: { capacity: 10, seatsTaken: 2, waiting: 2 } })
	})

	test('the attended, the cancelled and anyone but a coordinator are refused and take no place', () => {
		const target = { capacity: 1, seatsTaken: 0, waiting: 0 }
		const forecast = forecastMoves(
			[
				{ status: 'attended' as const, by: 'coordinator' as const },
				{ status: 'cancelled' as const, by: 'coordinator' as const },
				{ status: 'enrolled' as const, by: 'employee' as const },
				{ status: 'enrolled' as const, by: null },
				{ status: 'enrolled' as const, by: 'coordinator' as const },
			],
			target,
		)
		expect(forecast.map(({ result }) => (result.ok ? result.value : result.code))).toEqual([
			'ENROLMENT_TRANSITION_NOT_ALLOWED',
			'ENROLMENT_TRANSITION_NOT_ALLOWED',
			'ENROLMENT_ACTOR_NOT_ALLOWED',
			'ENROLMENT_ACTOR_NOT_ALLOWED',
			'enrolled',
		])
	})
})
