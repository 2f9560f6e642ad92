import { deleteSynonym } from '@leerplein/db/catalogue'
import { can } from '@leerplein/domain'
import { inTenant, refuse, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/** Removes a search synonym, audit-logged; one that is already gone is not found. */
export async function deleteSearchSynonym(ctx: ServiceContext, { actor, id }: { actor: Actor; id: string }): Promise<ServiceResult<void>> {
	if (!can(actor, 'delete', { kind: 'search_synonyms' })) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(ctx, actor, async (tx) => {
		if (!(await deleteSynonym(tx, { id, actorId: actor.userId }))) throw refusal('not_found', 'SYNONYM_NOT_FOUND')
	})
}
