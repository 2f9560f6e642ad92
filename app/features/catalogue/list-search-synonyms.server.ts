import { listSynonyms, type SynonymRow } from '@leerplein/db/catalogue'
import { can } from '@leerplein/domain'
import { inTenant, refuse, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/** The concern's search synonyms, alphabetical, for the concern administrator who keeps them. */
export async function listSearchSynonyms(ctx: ServiceContext, { actor }: { actor: Actor }): Promise<ServiceResult<SynonymRow[]>> {
	if (!can(actor, 'read', { kind: 'search_synonyms' })) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(ctx, actor, (tx) => listSynonyms(tx))
}
