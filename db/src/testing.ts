import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { createDatabase, type DatabaseClient } from './client.ts'
import { migrateDatabase } from './migrate.ts'

/** The server the test suite may create throw-away databases on (trust auth in CI). */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export type TestDriver = 'pglite' | 'postgres'

/**
 * The drivers to run database tests against. Both, always, in CI; on a laptop without a
 * PostgreSQL server the PGlite half still runs, and the missing half is said out loud.
 */
export async function testDrivers(): Promise<TestDriver[]> {
	if (await postgresReachable()) return ['pglite', 'postgres']
	if (process.env.CI) throw new Error(`PostgreSQL is not reachable at ${redact(TEST_POSTGRES_URL)}; CI must test both drivers`)
	console.warn(`\n!! PostgreSQL not reachable at ${redact(TEST_POSTGRES_URL)}: only the PGlite half of the database tests runs.\n`)
	return ['pglite']
}

async function postgresReachable(): Promise<boolean> {
	const sql = postgres(TEST_POSTGRES_URL, { max: 1, connect_timeout: 3, onnotice: () => {} })
	try {
		await sql`select 1`
		return true
	} catch {
		return false
	} finally {
		await sql.end({ timeout: 1 })
	}
}

export type TestDatabase = DatabaseClient & { name: string; url: string | null }

/** A fresh, migrated database: in-memory PGlite, or a new database on the test server that `close` drops. */
export async function createTestDatabase(driver: TestDriver, { migrate = true } = {}): Promise<TestDatabase> {
	if (driver === 'pglite') {
		const client = await createDatabase({ driver: 'pglite', dataDir: null })
		if (migrate) await migrateDatabase(client)
		return { ...client, name: 'pglite-memory', url: null }
	}
	const name = `leerplein_test_${randomBytes(6).toString('hex')}`
	const admin = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} })
	await admin.unsafe(`create database ${name}`)
	await admin.end()
	const url = withDatabase(TEST_POSTGRES_URL, name)
	const client = await createDatabase({ driver: 'postgres', url })
	if (migrate) await migrateDatabase(client)
	return {
		...client,
		name,
		url,
		async close() {
			await client.close()
			const dropper = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} })
			await dropper.unsafe(`drop database if exists ${name} with (force)`)
			await dropper.end()
		},
	}
}

export function withDatabase(url: string, database: string): string {
	const parsed = new URL(url)
	parsed.pathname = `/${database}`
	return parsed.toString()
}

function redact(url: string): string {
	const parsed = new URL(url)
	if (parsed.password) parsed.password = '***'
	return parsed.toString()
}
