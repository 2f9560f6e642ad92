import { getEnrolmentForAction, getSessionForEnrolment, releaseBudget } from '@leerplein/db'
import { noShowReleasesBudget, transitionActorFor, type Actor } from '@leerplein/domain'
import { audit, inEnrolmentTransaction, next, RefusalError, refuse, rulesOf, updateEnrolment, type ServiceContext } from './enrolment-support.server.ts'

export type Attendance = 'attended' | 'no_show'

/**
 * The providing unit registers who came, once the session has started. A no-show keeps its cost
 * charged only where the providing unit charges no-shows; otherwise the budget is released.
 */
export async function registerAttendance(
	ctx: ServiceContext,
	{ actor, sessionId, marks, now }: { actor: Actor; sessionId: string; marks: { enrolmentId: string; attendance: Attendance }[]; now: Date },
) {
	return inEnrolmentTransaction(ctx, actor, async (tx) => {
		const session = await getSessionForEnrolment(tx, { sessionId })
		if (!session || session.tenantId !== actor.tenantId) throw new RefusalError(refuse('SESSION_NOT_FOUND', 404))
		if (session.startsAt.getTime() > now.getTime()) throw new RefusalError(refuse('ATTENDANCE_BEFORE_START'))
		const rules = await rulesOf(tx, {}, session.providerPoOverrides)
		let changed = 0
		for (const mark of marks) {
			const enrolment = await getEnrolmentForAction(tx, { enrolmentId: mark.enrolmentId })
			// An enrolment of another session cannot be smuggled in with this form.
			if (!enrolment || enrolment.sessionId !== sessionId) throw new RefusalError(refuse('ENROLMENT_NOT_FOUND', 404))
			if (enrolment.status === mark.attendance) continue
			const resource = { kind: 'enrolment', tenantId: enrolment.tenantId, userId: enrolment.userId, managerId: enrolment.managerId, providerTenantId: enrolment.providerTenantId } as const
			const event = mark.attendance === 'attended' ? 'attend' : 'no_show'
			const by = transitionActorFor(actor, resource, event)
			if (!by) throw new RefusalError(refuse('FORBIDDEN', 403))
			const status = next(enrolment.status, { type: event }, by)
			if (!(await updateEnrolment(tx, { enrolmentId: enrolment.id, from: enrolment.status, set: { status } }))) throw new RefusalError(refuse('ENROLMENT_CHANGED', 409))
			if (status === 'no_show' && noShowReleasesBudget(rules)) await releaseBudget(tx, { enrolmentId: enrolment.id })
			await audit(tx, ctx, { tenantId: actor.tenantId, actorUserId: actor.userId, action: `enrolment.${event}`, objectId: enrolment.id, before: { status: enrolment.status }, after: { status } })
			changed++
		}
		return { changed }
	})
}
