import { asc, eq, sql } from 'drizzle-orm'
import type { Synonym } from '@leerplein/domain'
import type { Database } from '../client.ts'
import { searchSynonyms } from '../schema/search.ts'
import { writeAudit } from './audit.ts'

export type SynonymRow = Synonym & { id: string; updatedAt: Date }

/** The whole list (it is small: tens of entries), alphabetical. */
export async function listSynonyms(db: Database): Promise<SynonymRow[]> {
	return db
		.select({ id: searchSynonyms.id, term: searchSynonyms.term, expansions: searchSynonyms.expansions, updatedAt: searchSynonyms.updatedAt })
		.from(searchSynonyms)
		.orderBy(asc(searchSynonyms.term))
}

export type SaveSynonymOutcome = { ok: true; id: string } | { ok: false; code: 'SYNONYM_TERM_TAKEN' | 'SYNONYM_NOT_FOUND' }

/**
 * Adds a synonym (id null) or changes one, and records it in the audit log with before and
 * after. Row-level security lets only a concern administrator write (ADR 006).
 */
export async function saveSynonym(
	db: Database,
	{ id, synonym, actorId }: { id: string | null; synonym: Synonym; actorId: string },
): Promise<SaveSynonymOutcome> {
	const [clash] = await db.select({ id: searchSynonyms.id }).from(searchSynonyms).where(eq(searchSynonyms.term, synonym.term))
	if (clash && clash.id !== id) return { ok: false, code: 'SYNONYM_TERM_TAKEN' }
	if (id === null) {
		const [row] = await db
			.insert(searchSynonyms)
			.values({ term: synonym.term, expansions: synonym.expansions, updatedBy: actorId })
			.returning({ id: searchSynonyms.id })
		await writeAudit(db, { tenantId: null, actorUserId: actorId, action: 'search_synonym.create', objectType: 'search_synonym', result: 'success', objectId: row!.id, after: synonym })
		return { ok: true, id: row!.id }
	}
	const [before] = await db.select().from(searchSynonyms).where(eq(searchSynonyms.id, id))
	if (!before) return { ok: false, code: 'SYNONYM_NOT_FOUND' }
	await db
		.update(searchSynonyms)
		.set({ term: synonym.term, expansions: synonym.expansions, updatedBy: actorId, updatedAt: sql`now()` })
		.where(eq(searchSynonyms.id, id))
	await writeAudit(db, {
		tenantId: null,
		actorUserId: actorId,
		action: 'search_synonym.update',
		objectType: 'search_synonym',
		objectId: id,
		result: 'success',
		before: { term: before.term, expansions: before.expansions },
		after: synonym,
	})
	return { ok: true, id }
}

/** Removes a synonym, recorded in the audit log; false when it was not there. */
export async function deleteSynonym(db: Database, { id, actorId }: { id: string; actorId: string }): Promise<boolean> {
	const [removed] = await db
		.delete(searchSynonyms)
		.where(eq(searchSynonyms.id, id))
		.returning({ term: searchSynonyms.term, expansions: searchSynonyms.expansions })
	if (!removed) return false
	await writeAudit(db, { tenantId: null, actorUserId: actorId, action: 'search_synonym.delete', objectType: 'search_synonym', result: 'success', objectId: id, before: removed })
	return true
}
