import {
	getSessionForEnrolment,
	listSessionEnrolments,
	lockSessionForEnrolment,
	markSessionCancelled,
	releaseBudget,
	updateEnrolment,
} from '@leerplein/db/enrolment'
import { can, type Actor } from '@leerplein/domain'
import { audit, refusal, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { inEnrolmentTransaction, next, notify } from '../enrolment/enrolment-support.server.ts'

/**
 * The providing unit cancels a session without deleting it: every participant and waiting
 * person is cancelled free of charge (budget released) and told, with the course's other
 * sessions offered in the mail.
 */
export async function cancelSession(ctx: ServiceContext, { actor, sessionId, reason }: { actor: Actor; sessionId: string; reason: string }): Promise<ServiceResult<{ cancelled: number }>> {
	return inEnrolmentTransaction(ctx, actor, async (tx) => {
		const session = await getSessionForEnrolment(tx, { sessionId })
		// Another unit's session is "not found", not "forbidden": its existence is not ours to confirm.
		if (!session || !can(actor, 'update', { kind: 'session', tenantId: session.tenantId })) throw refusal('not_found', 'SESSION_NOT_FOUND')
		await lockSessionForEnrolment(tx, { sessionId })
		if (!(await markSessionCancelled(tx, { sessionId, reason }))) throw refusal('conflict', 'SESSION_CANCELLED')
		const people = await listSessionEnrolments(tx, { sessionId })
		for (const person of people) {
			const status = next(person.status, { type: 'cancel' }, 'coordinator')
			if (!(await updateEnrolment(tx, { enrolmentId: person.id, from: person.status, set: { status, decisionNote: reason } }))) throw refusal('conflict', 'ENROLMENT_CHANGED')
			await releaseBudget(tx, { enrolmentId: person.id })
			await notify(tx, 'session_cancelled', { tenantId: person.tenantId, enrolmentId: person.id })
		}
		// markSessionCancelled changes only a planned session: that is what it was.
		await audit(ctx, tx, { actor, action: 'session.cancel', objectType: 'session', objectId: sessionId, before: { status: 'planned' }, after: { status: 'cancelled', reason, cancelled: people.length } })
		return { cancelled: people.length }
	})
}
