import { getEnrolmentForAction, getSessionForEnrolment, withTenantContext } from '@leerplein/db'
import { cancellationTerms, can } from '@leerplein/domain'
import { actorOf } from '../identity/guard.server.ts'
import type { SignedIn } from '../identity/session.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'
import { rulesOf } from './enrolment-support.server.ts'

/** One enrolment the signed-in person may read, with its session and what cancelling would cost. */
export async function showEnrolment({ db }: Pick<LeerpleinContext, 'db'>, signedIn: SignedIn, { enrolmentId, now }: { enrolmentId: string; now: Date }) {
	const { userId, tenantId } = signedIn.person
	return withTenantContext(db, { tenantId, userId }, async (tx) => {
		const enrolment = await getEnrolmentForAction(tx, { enrolmentId })
		if (!enrolment) return null
		const resource = { kind: 'enrolment', tenantId: enrolment.tenantId, userId: enrolment.userId, managerId: enrolment.managerId, providerTenantId: enrolment.providerTenantId } as const
		if (!can(actorOf(signedIn), 'read', resource)) return null
		const session = await getSessionForEnrolment(tx, { sessionId: enrolment.sessionId })
		if (!session) return null
		const rules = await rulesOf(tx, {}, session.providerPoOverrides)
		return {
			enrolment: { id: enrolment.id, status: enrolment.status, own: enrolment.userId === userId },
			session,
			terms: cancellationTerms(rules, { startsAt: session.startsAt, now }),
			freeCancellationDays: rules.providingUnit.freeCancellationDays,
		}
	})
}
