import { getSessionForEnrolment } from '@leerplein/db/enrolment'
import { findTrainerIdsOfUser, listMeetingLinks, listTrainerUserIds } from '@leerplein/db/planning'
import { can, type Actor } from '@leerplein/domain'
import { inTenant, refusal, type ServiceContext } from '../../core/service.server.ts'
import { loadAttendanceSheet } from './attendance-sheet.server.ts'

/**
 * One session as its trainer sees it: the meetings (which are theirs, and the link of an online
 * one: the trainer joins it too), the participants and their marks per meeting. A session this person does not teach, or another unit's, is not found.
 * The providing unit's coordinators may read it too (the same rule as registering).
 */
export async function showTrainerSession(ctx: ServiceContext, { actor, sessionId }: { actor: Actor; sessionId: string }) {
	const now = ctx.clock.now()
	return inTenant(ctx, actor, async (tx) => {
		const session = await getSessionForEnrolment(tx, { sessionId })
		if (!session || !can(actor, 'read', { kind: 'session_attendance', providerTenantId: session.tenantId, trainerUserIds: await listTrainerUserIds(tx, { sessionId }) })) {
			throw refusal('not_found', 'SESSION_NOT_FOUND')
		}
		const mine = new Set(await findTrainerIdsOfUser(tx, { tenantId: actor.tenantId, userId: actor.userId }))
		const sheet = await loadAttendanceSheet(tx, { sessionId, now })
		const links = await listMeetingLinks(tx, { meetingIds: sheet.meetings.filter((meeting) => meeting.online).map((meeting) => meeting.id) })
		return {
			session,
			participants: sheet.participants,
			meetings: sheet.meetings.map((meeting) => ({ ...meeting, mine: meeting.trainers.some((trainer) => mine.has(trainer.id)), link: links.get(meeting.id) ?? null })),
		}
	})
}
