import {
	getEnrolmentForAction,
	getSessionForEnrolment,
	lockSessionForEnrolment,
	moveEnrolmentToSession,
	nextQueueNumber,
	updateEnrolment,
} from '@leerplein/db/enrolment'
import { holdsSeat, moveOne, type Actor, type EnrolmentStatus } from '@leerplein/domain'
import { audit, orRefuse, refusal, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { actingAs, inEnrolmentTransaction, lockOrRefuse, notify, promoteAndNotify, refuseUnlessOpen } from './enrolment-support.server.ts'

/** Who was moved where, for the page to say so. */
export type MovedEnrolment = { status: EnrolmentStatus; employeeName: string; to: { startsAt: Date; endsAt: Date; city: string | null } }

/**
 * The providing unit moves a participant (or someone waiting) to another of its sessions of the
 * same course. Both sessions are locked, in a fixed order so two opposite moves cannot deadlock;
 * the person is seated there by arrival order, and the seat they left goes to the waitlist. The
 * person is mailed that they were moved, from where to where (not a plain enrolment mail).
 */
export async function moveEnrolment(
	ctx: ServiceContext,
	{ actor, enrolmentId, toSessionId }: { actor: Actor; enrolmentId: string; toSessionId: string },
): Promise<ServiceResult<MovedEnrolment>> {
	const now = ctx.clock.now()
	return inEnrolmentTransaction(ctx, actor, async (tx) => {
		const enrolment = await getEnrolmentForAction(tx, { enrolmentId })
		if (!enrolment) throw refusal('not_found', 'ENROLMENT_NOT_FOUND', { field: 'enrolmentId' })
		const by = actingAs(actor, enrolment, 'update', 'move')
		const target = await getSessionForEnrolment(tx, { sessionId: toSessionId })
		if (!target || target.tenantId !== enrolment.providerTenantId || target.courseId !== enrolment.courseId || toSessionId === enrolment.sessionId) {
			throw refusal('invalid', 'MOVE_TARGET_INVALID', { field: 'toSessionId' })
		}
		const [first, second] = [enrolment.sessionId, toSessionId].sort() as [string, string]
		const locks = new Map([
			[first, await lockSessionForEnrolment(tx, { sessionId: first })],
			[second, await lockSessionForEnrolment(tx, { sessionId: second })],
		])
		const targetLock = lockOrRefuse(locks.get(toSessionId) ?? null)
		refuseUnlessOpen(targetLock, now)
		// The move's rule (moved, then seated or waitlisted by the target's counts under its lock): the
		// same `moveOne` the bulk move's preview forecasts with.
		const status = orRefuse(moveOne(enrolment.status, by, targetLock).result, 'conflict')
		if (!(await moveEnrolmentToSession(tx, { enrolmentId, toSessionId, from: enrolment.status }))) throw refusal('conflict', 'ENROLMENT_CHANGED')
		const seat = { status, queueNumber: await nextQueueNumber(tx) }
		await updateEnrolment(tx, { enrolmentId, from: 'approved', set: seat })
		const promoted = holdsSeat(enrolment.status) ? await promoteAndNotify(tx, enrolment.sessionId) : []
		await notify(tx, 'enrolment_moved', { tenantId: enrolment.tenantId, enrolmentId, fromSessionId: enrolment.sessionId })
		await audit(ctx, tx, {
			actor,
			action: 'enrolment.move',
			objectType: 'enrolment',
			objectId: enrolmentId,
			before: { sessionId: enrolment.sessionId, status: enrolment.status },
			after: { sessionId: toSessionId, status: seat.status, promoted },
		})
		return { status: seat.status, employeeName: enrolment.employeeName, to: { startsAt: target.startsAt, endsAt: target.endsAt, city: target.city } }
	})
}
