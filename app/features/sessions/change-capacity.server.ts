import { getSessionForEnrolment, lockSessionForEnrolment, setSessionCapacity } from '@leerplein/db/enrolment'
import { can, type Actor } from '@leerplein/domain'
import { audit, refusal, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { inEnrolmentTransaction, promoteAndNotify } from '../enrolment/enrolment-support.server.ts'

/**
 * The providing unit changes a session's capacity. Raised: the waitlist moves up in the same
 * transaction. Lowered: never below the seats already given, so nobody loses a confirmed seat.
 */
export async function changeCapacity(ctx: ServiceContext, { actor, sessionId, capacity }: { actor: Actor; sessionId: string; capacity: number }): Promise<ServiceResult<{ promoted: number }>> {
	return inEnrolmentTransaction(ctx, actor, async (tx) => {
		const session = await getSessionForEnrolment(tx, { sessionId })
		if (!session || !can(actor, 'update', { kind: 'session', tenantId: session.tenantId })) throw refusal('not_found', 'SESSION_NOT_FOUND')
		const lock = await lockSessionForEnrolment(tx, { sessionId })
		if (!lock || lock.status === 'cancelled') throw refusal('conflict', 'SESSION_CANCELLED')
		if (capacity < lock.seatsTaken) throw refusal('invalid', 'CAPACITY_BELOW_TAKEN', { field: 'capacity', values: { taken: lock.seatsTaken } })
		await setSessionCapacity(tx, { sessionId, capacity })
		const promoted = await promoteAndNotify(tx, sessionId)
		await audit(ctx, tx, { actor, action: 'session.capacity', objectType: 'session', objectId: sessionId, before: { capacity: lock.capacity }, after: { capacity, promoted } })
		return { promoted: promoted.length }
	})
}
