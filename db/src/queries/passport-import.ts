import { amsterdamInstant } from '@leerplein/domain'
import { sql } from 'drizzle-orm'
import { selectRows, type Database } from '../client.ts'
import { passportEvidence } from '../schema/passport.ts'

// Evidence imported from another system's history (issue 15, item 3): who and what the rows
// name, within the unit, and the rows stored once. Source reference `csv:<day>`: the same person,
// competency and day imported twice is one piece of evidence (the unique key decides).

export type ImportTarget = { id: string; name: string }

/** The unit's active people named by an employee number or an e-mail address (case-insensitive), by the lowered name used. */
export async function findImportPeople(db: Database, { tenantId, keys }: { tenantId: string; keys: readonly string[] }): Promise<Map<string, ImportTarget>> {
	const lowered = [...new Set(keys.map((key) => key.trim().toLowerCase()))]
	if (lowered.length === 0) return new Map()
	const rows = await selectRows<{ id: string; name: string; employee_number: string; email: string }>(
		db,
		sql`select u.id, u.name, u.employee_number, u.email from users u
			where u.tenant_id = ${tenantId} and u.tenant_id = (select app_tenant_id()) and u.active
				and (lower(u.employee_number) in ${lowered} or lower(u.email) in ${lowered})`,
	)
	const found = new Map<string, ImportTarget>()
	for (const row of rows) {
		found.set(row.employee_number.toLowerCase(), { id: row.id, name: row.name })
		found.set(row.email.toLowerCase(), { id: row.id, name: row.name })
	}
	return found
}

/** The active competencies of these names (case-insensitive), by the lowered name, with their level names (lowest first; none: empty). */
export async function findImportCompetencies(db: Database, { names }: { names: readonly string[] }): Promise<Map<string, ImportTarget & { levels: string[] }>> {
	const lowered = [...new Set(names.map((name) => name.trim().toLowerCase()))]
	if (lowered.length === 0) return new Map()
	const rows = await selectRows<{ id: string; name: string; levels: string[] }>(db, sql`select id, name, levels from competencies where active and lower(name) in ${lowered}`)
	return new Map(rows.map((row) => [row.name.toLowerCase(), row]))
}

/** `level`: the level the row names, on a competency with levels; null: none (the lowest). Not part of the key: a day is imported once. */
export type ImportedEvidence = { userId: string; competencyId: string; occurredOn: string; level?: number | null }

const refOf = (row: ImportedEvidence) => `csv:${row.occurredOn}`
const keyOf = (row: ImportedEvidence) => `${row.userId}|${row.competencyId}|${refOf(row)}`

/** Which of these rows an earlier import already stored. */
export async function findImportedBefore(db: Database, { tenantId, rows }: { tenantId: string; rows: readonly ImportedEvidence[] }): Promise<Set<string>> {
	if (rows.length === 0) return new Set()
	const found = await selectRows<{ user_id: string; competency_id: string; source_ref: string }>(
		db,
		sql`select user_id, competency_id, source_ref from passport_evidence
			where tenant_id = ${tenantId} and source_kind = 'import' and user_id in ${[...new Set(rows.map((row) => row.userId))]}
				and source_ref like 'csv:%'`,
	)
	const stored = new Set(found.map((row) => `${row.user_id}|${row.competency_id}|${row.source_ref}`))
	return new Set(rows.filter((row) => stored.has(keyOf(row))).map(keyOf))
}

export const importedKey = keyOf

/**
 * Stores the rows as evidence of source `import`, each once (a row imported before records
 * nothing). The evidence trigger marks the people, whose dots are recomputed before the
 * transaction commits. Returns how many were new.
 */
export async function insertImportedEvidence(db: Database, { tenantId, rows, recordedBy }: { tenantId: string; rows: readonly ImportedEvidence[]; recordedBy: string }): Promise<number> {
	let inserted = 0
	for (let start = 0; start < rows.length; start += 1000) {
		const stored = await db
			.insert(passportEvidence)
			.values(
				rows.slice(start, start + 1000).map((row) => ({
					tenantId,
					userId: row.userId,
					competencyId: row.competencyId,
					sourceKind: 'import' as const,
					sourceRef: refOf(row),
					// Noon in the Netherlands: the day it counts from is the same day there.
					occurredAt: amsterdamInstant(row.occurredOn, '12:00'),
					occurredOn: row.occurredOn,
					level: row.level ?? null,
					recordedBy,
				})),
			)
			.onConflictDoNothing()
			.returning({ id: passportEvidence.id })
		inserted += stored.length
	}
	return inserted
}
