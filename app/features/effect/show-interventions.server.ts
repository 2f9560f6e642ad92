import { listInterventions, type InterventionListRow } from '@leerplein/db/effect'
import { can } from '@leerplein/domain'
import { inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

export type { InterventionListRow }

/** The unit's interventions for its coordinators (ADR 044), the latest first, with how many teams were trained and how many values the measure has. */
export async function showInterventions(ctx: ServiceContext, { actor }: { actor: Actor }): Promise<ServiceResult<{ rows: InterventionListRow[] }>> {
	return inTenant(
		ctx,
		actor,
		async (tx) => {
			if (!can(actor, 'read', { kind: 'intervention', tenantId: actor.tenantId })) throw refusal('forbidden', 'FORBIDDEN')
			return { rows: await listInterventions(tx, { tenantId: actor.tenantId }) }
		},
		{ readOnly: true },
	)
}
