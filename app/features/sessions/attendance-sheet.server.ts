import { listSessionEnrolments } from '@leerplein/db/enrolment'
import { listSessionMarks, listSessionMeetings } from '@leerplein/db/planning'
import { holdsSeat, sessionAttendance, type MeetingMark } from '@leerplein/domain'
import type { Database } from '@leerplein/db'

/**
 * A session's meetings and its seated participants with their mark at each meeting and what the
 * domain's rule makes of them: what the session page, the trainer's page and the lists show.
 * Not a service verb: the caller has authorised the reader, inside its transaction.
 */
export async function loadAttendanceSheet(tx: Database, { sessionId, now }: { sessionId: string; now: Date }) {
	const [meetings, people, marks] = await Promise.all([listSessionMeetings(tx, { sessionId }), listSessionEnrolments(tx, { sessionId }), listSessionMarks(tx, { sessionId })])
	const byKey = new Map(marks.map((mark) => [`${mark.meetingId}:${mark.enrolmentId}`, mark.present]))
	const markOf = (meetingId: string, enrolmentId: string): MeetingMark | null => {
		const present = byKey.get(`${meetingId}:${enrolmentId}`)
		return present === undefined ? null : present ? 'present' : 'absent'
	}
	const participants = people
		.filter((person) => holdsSeat(person.status))
		.map((person) => {
			const row = meetings.map((meeting) => markOf(meeting.id, person.id))
			return {
				id: person.id,
				name: person.name,
				email: person.email,
				unitShortName: person.unitShortName,
				status: person.status,
				marks: Object.fromEntries(meetings.map((meeting, k) => [meeting.id, row[k] ?? null])) as Record<string, MeetingMark | null>,
				outcome: sessionAttendance(row),
			}
		})
	return {
		meetings: meetings.map((meeting) => ({ ...meeting, started: meeting.startsAt.getTime() <= now.getTime() })),
		participants,
	}
}

export type AttendanceSheet = Awaited<ReturnType<typeof loadAttendanceSheet>>
