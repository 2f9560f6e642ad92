import { fileURLToPath } from 'node:url'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import type { PGlite } from '@electric-sql/pglite'
import postgres from 'postgres'
import type { DatabaseClient } from './client.ts'
import { installJobQueue } from './jobs/queue.ts'

const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url))

/** An arbitrary, fixed advisory-lock key: portal processes starting together migrate one at a time. */
const MIGRATION_LOCK_KEY = 4_815_162_342

/**
 * Applies the committed migrations as the schema owner. Runs at every start; a no-op when the
 * database is current.
 */
export async function migrateDatabase(client: DatabaseClient): Promise<void> {
	if (client.config.driver === 'pglite') {
		// On PGlite the app role is the same connection after SET ROLE, and it may not create anything.
		if (client.role !== 'migrator') throw new Error('migrate PGlite before switching to the app role')
		// drizzle-kit's own migrate cannot create extensions on PGlite; drizzle-orm's migrator on our client can.
		const pglite = (client.db as unknown as { $client: PGlite }).$client
		await migratePglite(drizzlePglite(pglite), { migrationsFolder })
		await installJobQueue(client)
		return
	}
	// One dedicated connection, so the advisory lock and the migration share a session.
	const connection = postgres(client.config.migrationUrl, { max: 1, onnotice: () => {} })
	try {
		await connection`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`
		await migratePostgres(drizzlePostgres(connection), { migrationsFolder })
		await installJobQueue(client)
		await connection`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`
	} finally {
		await connection.end({ timeout: 5 })
	}
}
