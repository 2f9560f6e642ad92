import { fail, ok, type Result } from '../result.ts'
import type { EnrolmentStatus } from './enrolment-status.ts'

// Attendance per meeting (issue 14, ADR 028): a trainer or coordinator marks each participant
// present or absent at each meeting; this rule says when the session as a whole counts as
// attended, and which enrolment event that is. The shell loads the marks and applies the event
// through the enrolment state machine (enrolment-lifecycle.ts), as the portal itself ('system').

/** The share of a session's meetings a participant must be present at: 80 %, rounded up to whole meetings. */
export const ATTENDANCE_SHARE_REQUIRED = 0.8

/** One participant's mark at one meeting; null where nobody registered it yet. */
export type MeetingMark = 'present' | 'absent'

export type SessionAttendance =
	/** Not every meeting is registered yet: the enrolment stays as it is. */
	| { status: 'pending'; present: number; required: number; meetings: number }
	/** Every meeting registered, present at enough of them. */
	| { status: 'attended'; present: number; required: number; meetings: number }
	/** Every meeting registered, present at too few. */
	| { status: 'no_show'; present: number; required: number; meetings: number }

/** How many of `meetings` meetings a participant must be present at: at least one, at most all. */
export function meetingsRequired(meetings: number): number {
	// Rounded before ceil so 0.8 × 5 = 4.000000000000001 does not become 5.
	return Math.min(meetings, Math.max(1, Math.ceil(Math.round(meetings * ATTENDANCE_SHARE_REQUIRED * 1e6) / 1e6)))
}

/**
 * Whether a session counts as attended, from one participant's marks at each of its (not
 * cancelled) meetings. Decided only when every meeting is registered, so a correction of a mark
 * can move the outcome between attended and no-show, but never back to undecided.
 */
export function sessionAttendance(marks: readonly (MeetingMark | null)[]): SessionAttendance {
	const meetings = marks.length
	const required = meetingsRequired(meetings)
	const present = marks.filter((mark) => mark === 'present').length
	if (meetings === 0 || marks.some((mark) => mark === null)) return { status: 'pending', present, required, meetings }
	return { status: present >= required ? 'attended' : 'no_show', present, required, meetings }
}

export type MeetingAttendanceError = 'MEETING_NOT_STARTED' | 'ATTENDANCE_ALREADY_COMPLETED' | 'ATTENDANCE_NOT_A_PARTICIPANT'

/**
 * Whether a mark may be registered for an enrolment at a meeting: once the meeting has started,
 * for someone holding a seat in it. A completed enrolment is final (its certificate may be out).
 */
export function canRegisterMark(enrolmentStatus: EnrolmentStatus, meetingStartsAt: Date, { now }: { now: Date }): Result<true, MeetingAttendanceError> {
	if (meetingStartsAt.getTime() > now.getTime()) return fail('MEETING_NOT_STARTED')
	switch (enrolmentStatus) {
		case 'enrolled':
		case 'attended':
		case 'no_show':
			return ok(true)
		case 'completed':
			return fail('ATTENDANCE_ALREADY_COMPLETED')
		case 'requested':
		case 'awaiting_approval':
		case 'approved':
		case 'declined':
		case 'waitlisted':
		case 'cancelled':
			return fail('ATTENDANCE_NOT_A_PARTICIPANT')
		default: {
			const unreachable: never = enrolmentStatus
			throw new Error(`unhandled status: ${String(unreachable)}`)
		}
	}
}

/** The enrolment event the outcome calls for, or null when the enrolment already says so (or it is undecided). */
export function attendanceEvent(status: EnrolmentStatus, outcome: SessionAttendance): 'attend' | 'no_show' | null {
	if (outcome.status === 'attended') return status === 'attended' ? null : 'attend'
	if (outcome.status === 'no_show') return status === 'no_show' ? null : 'no_show'
	return null
}
