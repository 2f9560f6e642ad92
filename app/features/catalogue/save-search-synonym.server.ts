import { saveSynonym, withTenantContext } from '@leerplein/db'
import type { Synonym } from '@leerplein/domain'
import type { LeerpleinContext } from '../../load-context.ts'

/**
 * Adds or changes a search synonym, audit-logged. Row-level security admits only a concern
 * administrator (the second wall behind the route's permission check).
 */
export async function saveSearchSynonym(
	{ db }: Pick<LeerpleinContext, 'db'>,
	{ tenantId, userId, id, synonym }: { tenantId: string; userId: string; id: string | null; synonym: Synonym },
) {
	return withTenantContext(db, { tenantId, userId }, (tx) => saveSynonym(tx, { id, synonym, actorId: userId }))
}
