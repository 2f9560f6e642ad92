import { getEnrolmentForAction, getSessionForEnrolment, lockSessionForEnrolment, moveEnrolmentToSession } from '@leerplein/db'
import { holdsSeat, transitionActorFor, type Actor } from '@leerplein/domain'
import {
	audit,
	inEnrolmentTransaction,
	next,
	notify,
	promoteAndNotify,
	RefusalError,
	refuse,
	refuseUnlessOpen,
	seatApproved,
	updateEnrolment,
	type ServiceContext,
} from './enrolment-support.server.ts'

/**
 * The providing unit moves a participant (or someone waiting) to another of its sessions of the
 * same course. Both sessions are locked, in a fixed order so two opposite moves cannot deadlock;
 * the person is seated there by arrival order, and the seat they left goes to the waitlist.
 */
export async function moveEnrolment(ctx: ServiceContext, { actor, enrolmentId, toSessionId, now }: { actor: Actor; enrolmentId: string; toSessionId: string; now: Date }) {
	return inEnrolmentTransaction(ctx, actor, async (tx) => {
		const enrolment = await getEnrolmentForAction(tx, { enrolmentId })
		if (!enrolment) throw new RefusalError(refuse('ENROLMENT_NOT_FOUND', 404))
		const resource = { kind: 'enrolment', tenantId: enrolment.tenantId, userId: enrolment.userId, managerId: enrolment.managerId, providerTenantId: enrolment.providerTenantId } as const
		const by = transitionActorFor(actor, resource, 'move')
		if (!by) throw new RefusalError(refuse('FORBIDDEN', 403))
		const target = await getSessionForEnrolment(tx, { sessionId: toSessionId })
		if (!target || target.tenantId !== enrolment.providerTenantId || target.courseId !== enrolment.courseId || toSessionId === enrolment.sessionId) {
			throw new RefusalError(refuse('MOVE_TARGET_INVALID'))
		}
		const [first, second] = [enrolment.sessionId, toSessionId].sort()
		const locks = new Map([
			[first!, await lockSessionForEnrolment(tx, { sessionId: first! })],
			[second!, await lockSessionForEnrolment(tx, { sessionId: second! })],
		])
		const targetLock = locks.get(toSessionId)!
		refuseUnlessOpen(targetLock, now)
		const approved = next(enrolment.status, { type: 'move' }, by)
		if (!(await moveEnrolmentToSession(tx, { enrolmentId, toSessionId, from: enrolment.status }))) throw new RefusalError(refuse('ENROLMENT_CHANGED', 409))
		const seat = await seatApproved(tx, targetLock)
		await updateEnrolment(tx, { enrolmentId, from: approved, set: seat })
		const promoted = holdsSeat(enrolment.status) ? await promoteAndNotify(tx, enrolment.sessionId) : []
		await notify(tx, seat.status === 'enrolled' ? 'enrolment_confirmed' : 'enrolment_waitlisted', { tenantId: enrolment.tenantId, enrolmentId })
		await audit(tx, ctx, { tenantId: actor.tenantId, actorUserId: actor.userId, action: 'enrolment.move', objectId: enrolmentId, before: { sessionId: enrolment.sessionId, status: enrolment.status }, after: { sessionId: toSessionId, status: seat.status, promoted } })
		return { status: seat.status }
	})
}
