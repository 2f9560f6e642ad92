import { listCompetencies, type CompetencyRow } from '@leerplein/db/passport'
import { can } from '@leerplein/domain'
import { inTenant, refuse, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/** The concern's competencies, by name, for the concern administrator who keeps them. */
export async function listConcernCompetencies(ctx: ServiceContext, { actor }: { actor: Actor }): Promise<ServiceResult<CompetencyRow[]>> {
	if (!can(actor, 'read', { kind: 'competencies' })) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(ctx, actor, (tx) => listCompetencies(tx))
}
