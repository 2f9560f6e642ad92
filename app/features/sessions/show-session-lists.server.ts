import { getSessionForEnrolment } from '@leerplein/db/enrolment'
import { listTrainerUserIds } from '@leerplein/db/planning'
import { can, type Actor } from '@leerplein/domain'
import { inTenant, refusal, type ServiceContext } from '../../core/service.server.ts'
import { loadAttendanceSheet } from './attendance-sheet.server.ts'

/**
 * What the participant and attendance lists (CSV, XLSX) and a meeting's attendance sheet (PDF)
 * are made of: the session and its attendance sheet, for the providing unit's coordinators and
 * the session's own internal trainers; with `meetingId`, that meeting must be of this session.
 */
export async function showSessionLists(ctx: ServiceContext, { actor, sessionId, meetingId }: { actor: Actor; sessionId: string; meetingId?: string }) {
	const now = ctx.clock.now()
	return inTenant(ctx, actor, async (tx) => {
		const session = await getSessionForEnrolment(tx, { sessionId })
		if (!session || !can(actor, 'read', { kind: 'session_attendance', providerTenantId: session.tenantId, trainerUserIds: await listTrainerUserIds(tx, { sessionId }) })) {
			throw refusal('not_found', 'SESSION_NOT_FOUND')
		}
		const sheet = await loadAttendanceSheet(tx, { sessionId, now })
		const meeting = meetingId === undefined ? null : sheet.meetings.find((candidate) => candidate.id === meetingId)
		if (meeting === undefined) throw refusal('not_found', 'MEETING_NOT_FOUND')
		return { session, ...sheet, meeting }
	})
}
