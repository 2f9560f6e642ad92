import { getSessionForEnrolment, listOtherSessions, listProvidedSessions, listSessionEnrolments, withTenantContext } from '@leerplein/db'
import { can, holdsRole } from '@leerplein/domain'
import { actorOf } from '../identity/guard.server.ts'
import type { SignedIn } from '../identity/session.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'

/** May this person run sessions (as coordinator of their own unit, the providing unit)? */
export function runsSessions(signedIn: SignedIn): boolean {
	const actor = actorOf(signedIn)
	return holdsRole(actor, 'coordinator', actor.tenantId)
}

/** The sessions the coordinator's unit runs, from a week ago on (attendance is registered afterwards). */
export async function listUnitSessions({ db }: Pick<LeerpleinContext, 'db'>, signedIn: SignedIn, now: Date) {
	const { tenantId, userId } = signedIn.person
	return withTenantContext(db, { tenantId, userId }, (tx) => listProvidedSessions(tx, { tenantId, from: new Date(now.getTime() - 7 * 86_400_000) }))
}

/** One session for its providing unit: participants, waitlist and the sessions people can be moved to. */
export async function showSessionAdmin({ db }: Pick<LeerpleinContext, 'db'>, signedIn: SignedIn, { sessionId, now }: { sessionId: string; now: Date }) {
	const { tenantId, userId } = signedIn.person
	return withTenantContext(db, { tenantId, userId }, async (tx) => {
		const session = await getSessionForEnrolment(tx, { sessionId })
		// Another unit's session is "not found", not "forbidden": its existence is not ours to confirm.
		if (!session || !can(actorOf(signedIn), 'update', { kind: 'session', tenantId: session.tenantId })) return null
		const [people, others] = await Promise.all([
			listSessionEnrolments(tx, { sessionId }),
			listOtherSessions(tx, { courseId: session.courseId, exceptSessionId: sessionId, now }),
		])
		return {
			session,
			started: session.startsAt.getTime() <= now.getTime(),
			participants: people.filter((p) => p.status !== 'waitlisted' && p.status !== 'awaiting_approval' && p.status !== 'approved'),
			waitlist: people.filter((p) => p.status === 'waitlisted'),
			moveTargets: others.filter((other) => other.tenantId === session.tenantId),
		}
	})
}
