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

/** The pass mark a new online part gets when its tool sends none (ADR 026). Public to read. */
export async function getDefaultPassMarkPercent(db: Database): Promise<number> {
	const [row] = await db.select({ percent: concernSettings.defaultPassMarkPercent }).from(concernSettings).where(eq(concernSettings.id, 1))
	if (!row) throw new Error('concern_settings has no row: run the migrations')
	return row.percent
}

/** Replaces the default pass mark; as with the P&O defaults, row-level security admits only a concern administrator (false otherwise). */
export async function updateDefaultPassMarkPercent(db: Database, { percent, actorId }: { percent: number; actorId: string }): Promise<boolean> {
	const rows = await db
		.update(concernSettings)
		.set({ defaultPassMarkPercent: percent, updatedBy: actorId, updatedAt: sql`now()` })
		.where(eq(concernSettings.id, 1))
		.returning({ id: concernSettings.id })
	return rows.length > 0
}
