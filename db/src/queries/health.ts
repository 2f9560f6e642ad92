import { count, sql } from 'drizzle-orm'
import type { Database } from '../client.ts'
import { tenants } from '../schema/tenants.ts'

/** Throws when the database does not answer. */
export async function pingDatabase(db: Database): Promise<void> {
	await db.execute(sql`select 1`)
}

/** A database without units has not been seeded yet. */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
	const [row] = await db.select({ units: count() }).from(tenants)
	return (row?.units ?? 0) === 0
}
