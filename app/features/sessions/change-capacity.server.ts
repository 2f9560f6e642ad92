import { getSessionForEnrolment, lockSessionForEnrolment, setSessionCapacity } from '@leerplein/db'
import { can, type Actor } from '@leerplein/domain'
import { audit, inEnrolmentTransaction, promoteAndNotify, RefusalError, refuse, type ServiceContext } from '../enrolment/enrolment-support.server.ts'

/**
 * The providing unit changes a session's capacity. Raised: the waitlist moves up in the same
 * transaction. Lowered: never below the seats already given, so nobody loses a confirmed seat.
 */
export async function changeCapacity(ctx: ServiceContext, { actor, sessionId, capacity }: { actor: Actor; sessionId: string; capacity: number }) {
	return inEnrolmentTransaction(ctx, actor, async (tx) => {
		const session = await getSessionForEnrolment(tx, { sessionId })
		if (!session || !can(actor, 'update', { kind: 'session', tenantId: session.tenantId })) throw new RefusalError(refuse('SESSION_NOT_FOUND', 404))
		const lock = await lockSessionForEnrolment(tx, { sessionId })
		if (!lock || lock.status === 'cancelled') throw new RefusalError(refuse('SESSION_CANCELLED', 409))
		if (capacity < lock.seatsTaken) throw new RefusalError(refuse('CAPACITY_BELOW_TAKEN'))
		await setSessionCapacity(tx, { sessionId, capacity })
		const promoted = await promoteAndNotify(tx, sessionId)
		await audit(tx, ctx, { tenantId: actor.tenantId, actorUserId: actor.userId, action: 'session.capacity', objectId: sessionId, before: { capacity: lock.capacity }, after: { capacity, promoted } })
		return { promoted: promoted.length }
	})
}
