import { listSynonyms, withTenantContext } from '@leerplein/db'
import type { LeerpleinContext } from '../../load-context.ts'

/** The concern's search synonyms, for the concern administrator's page. */
export async function listSearchSynonyms({ db }: Pick<LeerpleinContext, 'db'>, { tenantId, userId }: { tenantId: string; userId: string }) {
	return withTenantContext(db, { tenantId, userId }, (tx) => listSynonyms(tx))
}
