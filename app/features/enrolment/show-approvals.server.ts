import { listAwaitingApproval, withTenantContext } from '@leerplein/db'
import { holdsRole } from '@leerplein/domain'
import { actorOf } from '../identity/guard.server.ts'
import type { SignedIn } from '../identity/session.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'

/**
 * The approvals inbox: a manager sees their own team's requests at the manager step; a
 * coordinator every request of the unit (they may stand in for a manager and take the second step).
 */
export async function showApprovals({ db }: Pick<LeerpleinContext, 'db'>, signedIn: SignedIn) {
	const actor = actorOf(signedIn)
	const coordinator = holdsRole(actor, 'coordinator', actor.tenantId)
	return withTenantContext(db, { tenantId: actor.tenantId, userId: actor.userId }, (tx) =>
		listAwaitingApproval(tx, { tenantId: actor.tenantId, managerId: coordinator ? null : actor.userId, step: coordinator ? null : 'manager' }),
	)
}

/** Only managers and coordinators have an inbox. */
export function hasApprovalsInbox(signedIn: SignedIn): boolean {
	const actor = actorOf(signedIn)
	return holdsRole(actor, 'manager', actor.tenantId) || holdsRole(actor, 'coordinator', actor.tenantId)
}
