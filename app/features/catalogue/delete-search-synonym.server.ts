import { deleteSynonym, withTenantContext } from '@leerplein/db'
import type { LeerpleinContext } from '../../load-context.ts'

/** Removes a search synonym, audit-logged; false when it was already gone. */
export async function deleteSearchSynonym(
	{ db }: Pick<LeerpleinContext, 'db'>,
	{ tenantId, userId, id }: { tenantId: string; userId: string; id: string },
) {
	return withTenantContext(db, { tenantId, userId }, (tx) => deleteSynonym(tx, { id, actorId: userId }))
}
