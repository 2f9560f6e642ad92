import { describe, expect, test } from 'vitest'
import { transition } from './enrolment-lifecycle.ts'
import { attendanceEvent, canRegisterMark, meetingsRequired, sessionAttendance } from './session-attendance.ts'

const NOW = new Date('2030-05-01T10:00:00Z')

describe('meetingsRequired: 80 % of the meetings, rounded up', () => {
	test('sessions of up to four meetings need every meeting; five need four; ten need eight', () => {
		expect([1, 2, 3, 4, 5, 6, 10].map(meetingsRequired)).toEqual([1, 2, 3, 4, 4, 5, 8])
	})
})

describe('sessionAttendance', () => {
	test('given a two-meeting session, when present at both, then the session is attended', () => {
		expect(sessionAttendance(['present', 'present'])).toEqual({ status: 'attended', present: 2, required: 2, meetings: 2 })
	})

	test('given a two-meeting session, when absent at one, then it is a no-show', () => {
		expect(sessionAttendance(['present', 'absent'])).toMatchObject({ status: 'no_show', present: 1 })
	})

	test('given a five-meeting session, when absent once, then it is still attended', () => {
		expect(sessionAttendance(['present', 'present', 'absent', 'present', 'present'])).toMatchObject({ status: 'attended', required: 4 })
	})

	test('given a meeting not yet registered, then nothing is decided, even when present so far', () => {
		expect(sessionAttendance(['present', null])).toMatchObject({ status: 'pending', present: 1 })
		expect(sessionAttendance(['absent', null])).toMatchObject({ status: 'pending' })
	})

	test('given a session without meetings, then nothing is decided', () => {
		expect(sessionAttendance([])).toMatchObject({ status: 'pending', meetings: 0 })
	})
})

describe('canRegisterMark', () => {
	const started = new Date(NOW.getTime() - 60_000)
	test('given a meeting that has started, a seated participant may be marked, also to correct a decision', () => {
		for (const status of ['enrolled', 'attended', 'no_show'] as const) expect(canRegisterMark(status, started, { now: NOW })).toEqual({ ok: true, value: true })
	})

	test('given a meeting ahead, nobody is marked yet', () => {
		expect(canRegisterMark('enrolled', new Date(NOW.getTime() + 60_000), { now: NOW })).toEqual({ ok: false, code: 'MEETING_NOT_STARTED' })
	})

	test('given a completed enrolment, the mark is refused: completion is final', () => {
		expect(canRegisterMark('completed', started, { now: NOW })).toEqual({ ok: false, code: 'ATTENDANCE_ALREADY_COMPLETED' })
	})

	test('given someone waiting or cancelled, they are no participant', () => {
		for (const status of ['waitlisted', 'cancelled', 'awaiting_approval'] as const) expect(canRegisterMark(status, started, { now: NOW })).toEqual({ ok: false, code: 'ATTENDANCE_NOT_A_PARTICIPANT' })
	})
})

describe('attendanceEvent', () => {
	test('an attended session makes an enrolled or no-show enrolment attended, through the state machine as the portal', () => {
		const outcome = sessionAttendance(['present', 'present'])
		expect(attendanceEvent('enrolled', outcome)).toBe('attend')
		expect(attendanceEvent('no_show', outcome)).toBe('attend')
		expect(attendanceEvent('attended', outcome)).toBeNull()
		expect(transition('enrolled', { type: 'attend' }, 'system')).toEqual({ ok: true, value: 'attended' })
	})

	test('a no-show outcome makes an enrolled or attended enrolment a no-show; undecided changes nothing', () => {
		expect(attendanceEvent('attended', sessionAttendance(['absent', 'present']))).toBe('no_show')
		expect(transition('attended', { type: 'no_show' }, 'system')).toEqual({ ok: true, value: 'no_show' })
		expect(attendanceEvent('enrolled', sessionAttendance(['present', null]))).toBeNull()
	})
})
