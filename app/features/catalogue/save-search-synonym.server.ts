import { errorCode } from '@leerplein/db'
import { saveSynonym } from '@leerplein/db/catalogue'
import { can, type Synonym } from '@leerplein/domain'
import { inTenant, refuse, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/**
 * Adds a search synonym (`id` null) or changes one, audit-logged with before and after. A term
 * that already has a synonym is refused beside the term, also when two saves of the same new term
 * race past the check and the unique index decides (found by the fuzz test: it was a 500);
 * row-level security admits only a concern administrator (the second wall behind `can()`).
 */
export async function saveSearchSynonym(
	ctx: ServiceContext,
	{ actor, id, synonym }: { actor: Actor; id: string | null; synonym: Synonym },
): Promise<ServiceResult<{ id: string }>> {
	if (!can(actor, id ? 'update' : 'create', { kind: 'search_synonyms' })) return refuse('forbidden', 'FORBIDDEN')
	try {
		return await inTenant(ctx, actor, async (tx) => {
			const saved = await saveSynonym(tx, { id, synonym, actorId: actor.userId })
			if (saved.ok) return { id: saved.id }
			throw saved.code === 'SYNONYM_NOT_FOUND' ? refusal('not_found', saved.code) : refusal('conflict', saved.code, { field: 'term' })
		})
	} catch (error) {
		if (errorCode(error) === '23505') return refuse('conflict', 'SYNONYM_TERM_TAKEN', { field: 'term' })
		throw error
	}
}
