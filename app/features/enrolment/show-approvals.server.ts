import { listAwaitingApproval } from '@leerplein/db/enrolment'
import { can, type Actor } from '@leerplein/domain'
import { inTenant, refusal, type ServiceContext } from '../../core/service.server.ts'
import { enrolmentResource } from './enrolment-support.server.ts'

/**
 * The approvals inbox: a manager sees their own team's requests at the manager step; a
 * coordinator every request of the unit (they may stand in for a manager and take the second step).
 */
export async function showApprovals(ctx: ServiceContext, { actor }: { actor: Actor }) {
	const { tenantId, userId } = actor
	return inTenant(ctx, actor, async (tx) => {
		if (!can(actor, 'read', { kind: 'approvals', tenantId })) throw refusal('forbidden', 'FORBIDDEN')
		// Who may decide the request of someone with no manager on record (not in anyone's team) decides for the whole unit.
		const wholeUnit = can(actor, 'approve', enrolmentResource({ tenantId, userId: '', managerId: null, providerTenantId: tenantId }))
		return listAwaitingApproval(tx, { tenantId, managerId: wholeUnit ? null : userId, step: wholeUnit ? null : 'manager' })
	})
}
