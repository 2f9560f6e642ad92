import { getEnrolmentForAction, getSessionForEnrolment, releaseBudget, updateEnrolment } from '@leerplein/db/enrolment'
import { can, noShowReleasesBudget, type Actor } from '@leerplein/domain'
import { audit, refusal, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { attendanceField, type AttendanceMark } from './attendance-schema.ts'
import { actingAs, inEnrolmentTransaction, next, rulesOf } from './enrolment-support.server.ts'

/**
 * The providing unit registers who came, once the session has started, for several people in one
 * transaction: all marks are saved, or none, and a refusal names the person's row it is about.
 * A no-show keeps its cost charged only where the providing unit charges no-shows; otherwise the budget is released.
 */
export async function registerAttendance(
	ctx: ServiceContext,
	{ actor, sessionId, marks }: { actor: Actor; sessionId: string; marks: readonly AttendanceMark[] },
): Promise<ServiceResult<{ changed: number }>> {
	const now = ctx.clock.now()
	return inEnrolmentTransaction(ctx, actor, async (tx) => {
		const session = await getSessionForEnrolment(tx, { sessionId })
		// Another unit's session is "not found", not "forbidden": its existence is not ours to confirm.
		if (!session || !can(actor, 'update', { kind: 'session', tenantId: session.tenantId })) throw refusal('not_found', 'SESSION_NOT_FOUND')
		if (session.startsAt.getTime() > now.getTime()) throw refusal('invalid', 'ATTENDANCE_BEFORE_START')
		const rules = await rulesOf(tx, {}, session.providerPoOverrides)
		let changed = 0
		for (const mark of marks) {
			const row = { field: attendanceField(mark.enrolmentId) }
			const enrolment = await getEnrolmentForAction(tx, { enrolmentId: mark.enrolmentId })
			// An enrolment of another session cannot be smuggled in with this form.
			if (!enrolment || enrolment.sessionId !== sessionId) throw refusal('not_found', 'ENROLMENT_NOT_FOUND', row)
			if (enrolment.status === mark.attendance) continue
			const event = mark.attendance === 'attended' ? 'attend' : 'no_show'
			const by = actingAs(actor, enrolment, 'update', event, row)
			const status = next(enrolment.status, { type: event }, by, row)
			if (!(await updateEnrolment(tx, { enrolmentId: enrolment.id, from: enrolment.status, set: { status } }))) throw refusal('conflict', 'ENROLMENT_CHANGED', row)
			if (status === 'no_show' && noShowReleasesBudget(rules)) await releaseBudget(tx, { enrolmentId: enrolment.id })
			await audit(ctx, tx, { actor, action: `enrolment.${event}`, objectType: 'enrolment', objectId: enrolment.id, before: { status: enrolment.status }, after: { status } })
			changed++
		}
		return { changed }
	})
}
