import { getSessionForEnrolment, listSessionEnrolments, lockSessionForEnrolment, markSessionCancelled, releaseBudget } from '@leerplein/db'
import { can, type Actor } from '@leerplein/domain'
import { audit, inEnrolmentTransaction, next, notify, RefusalError, refuse, updateEnrolment, type ServiceContext } from '../enrolment/enrolment-support.server.ts'

/**
 * The providing unit cancels a session without deleting it: every participant and waiting
 * person is cancelled free of charge (budget released) and told, with the course's other
 * sessions offered in the mail.
 */
export async function cancelSession(ctx: ServiceContext, { actor, sessionId, reason }: { actor: Actor; sessionId: string; reason: string }) {
	return inEnrolmentTransaction(ctx, actor, async (tx) => {
		const session = await getSessionForEnrolment(tx, { sessionId })
		if (!session || !can(actor, 'update', { kind: 'session', tenantId: session.tenantId })) throw new RefusalError(refuse('SESSION_NOT_FOUND', 404))
		await lockSessionForEnrolment(tx, { sessionId })
		if (!(await markSessionCancelled(tx, { sessionId, reason }))) throw new RefusalError(refuse('SESSION_CANCELLED', 409))
		const people = await listSessionEnrolments(tx, { sessionId })
		for (const person of people) {
			const status = next(person.status, { type: 'cancel' }, 'coordinator')
			if (!(await updateEnrolment(tx, { enrolmentId: person.id, from: person.status, set: { status, decisionNote: reason } }))) {
				throw new RefusalError(refuse('ENROLMENT_CHANGED', 409))
			}
			await releaseBudget(tx, { enrolmentId: person.id })
			await notify(tx, 'session_cancelled', { tenantId: person.tenantId, enrolmentId: person.id })
		}
		await audit(tx, ctx, { tenantId: actor.tenantId, actorUserId: actor.userId, action: 'session.cancel', objectId: sessionId, after: { reason, cancelled: people.length } })
		return { cancelled: people.length }
	})
}
