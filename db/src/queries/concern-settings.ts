import { eq, sql } from 'drizzle-orm'
import { poSettingsSchema, type PoSettings } from '@leerplein/domain'
import type { Database } from '../client.ts'
import { concernSettings } from '../schema/concern.ts'

/** The concern's default P&O rules, which every unit inherits unless it overrides a rule. Public to read. */
export async function getConcernPoDefaults(db: Database): Promise<PoSettings> {
	const [row] = await db.select({ poDefaults: concernSettings.poDefaults }).from(concernSettings).where(eq(concernSettings.id, 1))
	// Migration 0021 stores the row; without it every unit's rules would be undefined.
	if (!row) throw new Error('concern_settings has no row: run the migrations')
	return poSettingsSchema.parse(row.poDefaults)
}

/**
 * Replaces the concern defaults. Row-level security lets only a concern administrator change
 * the row: for anyone else nothing is updated and this returns false.
 */
export async function updateConcernPoDefaults(db: Database, { defaults, actorId }: { defaults: PoSettings; actorId: string }): Promise<boolean> {
	const rows = await db
		.update(concernSettings)
		.set({ poDefaults: defaults, updatedBy: actorId, updatedAt: sql`now()` })
		.where(eq(concernSettings.id, 1))
		.returning({ id: concernSettings.id })
	return rows.length > 0
}
