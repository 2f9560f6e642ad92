import {
	getEmployeeForEnrolment,
	getEnrolmentForAction,
	getSessionForEnrolment,
	lockSessionForEnrolment,
	releaseBudget,
	updateEnrolment,
} from '@leerplein/db/enrolment'
import { can, cancellationTerms, holdsSeat, transitionActorFor, type Actor } from '@leerplein/domain'
import { audit, refusal, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { actingAs, enrolmentResource, inEnrolmentTransaction, next, notify, promoteAndNotify, rulesOf } from './enrolment-support.server.ts'

/**
 * Cancels an enrolment. Without `session`: the employee cancels their own (`can(actor, 'delete',
 * enrolment)`, the rule the cancel page's loader applies too). With `session`: a coordinator of the
 * providing unit cancels a participant of that session from the session page, with a reason
 * (`can(actor, 'delete', session_enrolment)`). To anyone else it is not there. Under the
 * session lock: the freed seat goes to the first on the waitlist in the same transaction; the
 * budget is released when cancelled in time by the providing unit's rule.
 */
export async function cancelEnrolment(
	ctx: ServiceContext,
	{ actor, enrolmentId, session: fromSession }: { actor: Actor; enrolmentId: string; session?: { sessionId: string; reason: string } },
): Promise<ServiceResult<{ free: boolean; promoted: string[] }>> {
	const now = ctx.clock.now()
	return inEnrolmentTransaction(ctx, actor, async (tx) => {
		const enrolment = await getEnrolmentForAction(tx, { enrolmentId })
		if (!enrolment) throw refusal('not_found', 'ENROLMENT_NOT_FOUND', fromSession ? { field: 'enrolmentId' } : {})
		const by = fromSession
			? enrolment.sessionId === fromSession.sessionId && can(actor, 'delete', { kind: 'session_enrolment', providerTenantId: enrolment.providerTenantId })
				? transitionActorFor(actor, enrolmentResource(enrolment), 'cancel')
				: null
			: actingAs(actor, enrolment, 'delete', 'cancel', { kind: 'not_found', code: 'ENROLMENT_NOT_FOUND' })
		if (!by) throw refusal('not_found', 'ENROLMENT_NOT_FOUND', { field: 'enrolmentId' })
		if (enrolment.startsAt.getTime() <= now.getTime()) throw refusal('conflict', 'SESSION_STARTED')
		await lockSessionForEnrolment(tx, { sessionId: enrolment.sessionId })
		const status = next(enrolment.status, { type: 'cancel' }, by)
		const updated = await updateEnrolment(tx, { enrolmentId, from: enrolment.status, set: { status } })
		if (!updated) throw refusal('conflict', 'ENROLMENT_CHANGED')
		// The provider's rules: read them through the session, which either side may see.
		const session = await getSessionForEnrolment(tx, { sessionId: enrolment.sessionId })
		const employee = enrolment.tenantId === actor.tenantId ? await getEmployeeForEnrolment(tx, { userId: enrolment.userId }) : null
		const rules = await rulesOf(tx, employee?.poOverrides ?? {}, session?.providerPoOverrides ?? {})
		const terms = cancellationTerms(rules, { startsAt: enrolment.startsAt, now, freeUntil: enrolment.freeCancellationUntil })
		const released = terms.releasesBudget ? await releaseBudget(tx, { enrolmentId }) : 0
		const promoted = holdsSeat(enrolment.status) ? await promoteAndNotify(tx, enrolment.sessionId) : []
		await notify(tx, 'enrolment_cancelled', { tenantId: enrolment.tenantId, enrolmentId })
		await audit(ctx, tx, {
			actor,
			action: 'enrolment.cancel',
			objectType: 'enrolment',
			objectId: enrolmentId,
			before: { status: enrolment.status },
			after: { status, by, free: terms.free, releasedCents: released, promoted, ...(fromSession ? { reason: fromSession.reason } : {}) },
		})
		return { free: terms.free, promoted }
	})
}
