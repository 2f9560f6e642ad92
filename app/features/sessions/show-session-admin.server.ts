import { getSessionForEnrolment, listOtherSessions, listSessionEnrolments } from '@leerplein/db/enrolment'
import { listSessionMeetings } from '@leerplein/db/planning'
import { belowMinimumBeforeDeadline, can, decisionMoment, holdsSeat, type Actor } from '@leerplein/domain'
import { inTenant, refusal, type ServiceContext } from '../../core/service.server.ts'
import { matchesParticipantFilter, type ParticipantFilter } from '../enrolment/participant-filter.server.ts'
import { loadAttendanceSheet } from './attendance-sheet.server.ts'

/**
 * One session for its providing unit: its meetings (room, trainers), participants, their attendance
 * per meeting, waitlist and the sessions people can be moved to; whether it is below its minimum
 * before the deadline. A cancelled session keeps its list: the people it had when it was cancelled.
 * The participant list and waitlist show the people matching `filter` (the page's search); `counts`
 * are the whole lists' sizes.
 */
export async function showSessionAdmin(ctx: ServiceContext, { actor, sessionId, filter = {} }: { actor: Actor; sessionId: string; filter?: ParticipantFilter }) {
	const now = ctx.clock.now()
	return inTenant(ctx, actor, async (tx) => {
		const session = await getSessionForEnrolment(tx, { sessionId })
		// Another unit's session is "not found", not "forbidden": its existence is not ours to confirm.
		if (!session || !can(actor, 'update', { kind: 'session', tenantId: session.tenantId })) throw refusal('not_found', 'SESSION_NOT_FOUND')
		const [people, others, meetings] = await Promise.all([
			listSessionEnrolments(tx, { sessionId, cancelledAt: session.status === 'cancelled' ? session.cancelledAt : null }),
			listOtherSessions(tx, { courseId: session.courseId, exceptSessionId: sessionId, now }),
			listSessionMeetings(tx, { sessionId }),
		])
		const attendance = await loadAttendanceSheet(tx, { sessionId, now })
		const seatsTaken = people.filter((person) => holdsSeat(person.status)).length
		const participants = session.status === 'cancelled' ? people : people.filter((p) => p.status !== 'waitlisted' && p.status !== 'awaiting_approval' && p.status !== 'approved')
		const waitlist = people.filter((p) => p.status === 'waitlisted')
		const matching = (person: (typeof people)[number]) => matchesParticipantFilter(person, filter)
		return {
			session,
			meetings,
			attendance,
			/** Below the minimum while enrolment is still open: the page warns, with the deadline. */
			belowMinimum: belowMinimumBeforeDeadline({ ...session, seatsTaken }, { now }) ? { taken: seatsTaken, minimum: session.minimumParticipants!, deadline: decisionMoment(session) } : null,
			started: session.startsAt.getTime() <= now.getTime(),
			participants: participants.filter(matching),
			waitlist: waitlist.filter(matching),
			counts: { participants: participants.length, waitlist: waitlist.length },
			moveTargets: others.filter((other) => other.tenantId === session.tenantId),
		}
	})
}
