import { getEmployeeForEnrolment, getEnrolmentForAction, getSessionForEnrolment, releaseBudget } from '@leerplein/db'
import { cancellationTerms, holdsSeat, transitionActorFor, type Actor } from '@leerplein/domain'
import {
	audit,
	inEnrolmentTransaction,
	lockSessionForEnrolment,
	next,
	notify,
	promoteAndNotify,
	RefusalError,
	refuse,
	rulesOf,
	updateEnrolment,
	type ServiceContext,
} from './enrolment-support.server.ts'

/**
 * Cancels an enrolment (the employee, their manager, or a coordinator of either unit). Under the
 * session lock: the freed seat goes to the first on the waitlist in the same transaction; the
 * budget is released when cancelled in time by the providing unit's rule.
 */
export async function cancelEnrolment(ctx: ServiceContext, { actor, enrolmentId, now }: { actor: Actor; enrolmentId: string; now: Date }) {
	return inEnrolmentTransaction(ctx, actor, async (tx) => {
		const enrolment = await getEnrolmentForAction(tx, { enrolmentId })
		if (!enrolment) throw new RefusalError(refuse('ENROLMENT_NOT_FOUND', 404))
		const resource = { kind: 'enrolment', tenantId: enrolment.tenantId, userId: enrolment.userId, managerId: enrolment.managerId, providerTenantId: enrolment.providerTenantId } as const
		const by = transitionActorFor(actor, resource, 'cancel')
		if (!by) throw new RefusalError(refuse('FORBIDDEN', 403))
		if (enrolment.startsAt.getTime() <= now.getTime()) throw new RefusalError(refuse('SESSION_STARTED', 409))
		await lockSessionForEnrolment(tx, { sessionId: enrolment.sessionId })
		const status = next(enrolment.status, { type: 'cancel' }, by)
		const updated = await updateEnrolment(tx, { enrolmentId, from: enrolment.status, set: { status } })
		if (!updated) throw new RefusalError(refuse('ENROLMENT_CHANGED', 409))

		// The provider's rules: read them through the session, which either side may see.
		const session = await getSessionForEnrolment(tx, { sessionId: enrolment.sessionId })
		const employee = enrolment.tenantId === actor.tenantId ? await getEmployeeForEnrolment(tx, { userId: enrolment.userId }) : null
		const rules = await rulesOf(tx, employee?.poOverrides ?? {}, session?.providerPoOverrides ?? {})
		const terms = cancellationTerms(rules, { startsAt: enrolment.startsAt, now })
		const released = terms.releasesBudget ? await releaseBudget(tx, { enrolmentId }) : 0
		const promoted = holdsSeat(enrolment.status) ? await promoteAndNotify(tx, enrolment.sessionId) : []
		await notify(tx, 'enrolment_cancelled', { tenantId: enrolment.tenantId, enrolmentId })
		await audit(tx, ctx, {
			tenantId: actor.tenantId,
			actorUserId: actor.userId,
			action: 'enrolment.cancel',
			objectId: enrolmentId,
			before: { status: enrolment.status },
			after: { status, by, free: terms.free, releasedCents: released, promoted },
		})
		return { free: terms.free, promoted }
	})
}
