import { getSessionForEnrolment, listOtherSessions, listSessionEnrolments } from '@leerplein/db/enrolment'
import { listSessionMeetings } from '@leerplein/db/planning'
import { can, type Actor } from '@leerplein/domain'
import { inTenant, refusal, type ServiceContext } from '../../core/service.server.ts'
import { loadAttendanceSheet } from './attendance-sheet.server.ts'

/** One session for its providing unit: its meetings (room, trainers), participants, their attendance per meeting, waitlist and the sessions people can be moved to. */
export async function showSessionAdmin(ctx: ServiceContext, { actor, sessionId }: { actor: Actor; sessionId: string }) {
	const now = ctx.clock.now()
	return inTenant(ctx, actor, async (tx) => {
		const session = await getSessionForEnrolment(tx, { sessionId })
		// Another unit's session is "not found", not "forbidden": its existence is not ours to confirm.
		if (!session || !can(actor, 'update', { kind: 'session', tenantId: session.tenantId })) throw refusal('not_found', 'SESSION_NOT_FOUND')
		const [people, others, meetings] = await Promise.all([
			listSessionEnrolments(tx, { sessionId }),
			listOtherSessions(tx, { courseId: session.courseId, exceptSessionId: sessionId, now }),
			listSessionMeetings(tx, { sessionId }),
		])
		const attendance = await loadAttendanceSheet(tx, { sessionId, now })
		return {
			session,
			meetings,
			attendance,
			started: session.startsAt.getTime() <= now.getTime(),
			participants: people.filter((p) => p.status !== 'waitlisted' && p.status !== 'awaiting_approval' && p.status !== 'approved'),
			waitlist: people.filter((p) => p.status === 'waitlisted'),
			moveTargets: others.filter((other) => other.tenantId === session.tenantId),
		}
	})
}
