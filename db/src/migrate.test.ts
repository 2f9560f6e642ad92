import { sql } from 'drizzle-orm'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createDatabase } from './client.ts'
import { BULK_DECISION_FAILED_QUEUE, BULK_DECISION_QUEUE } from './jobs/queue.ts'
import { migrateDatabase } from './migrate.ts'
import { createTestDatabase, testDrivers, type TestDatabase } from './testing.ts'

async function rows<T>(database: TestDatabase, query: ReturnType<typeof sql>): Promise<T[]> {
	const result = (await database.db.execute(query)) as unknown as T[] | { rows: T[] }
	return Array.isArray(result) ? result : result.rows
}

function committedMigrations(): number {
	const journal = JSON.parse(readFileSync(new URL('../migrations/meta/_journal.json', import.meta.url), 'utf8')) as { entries: unknown[] }
	return journal.entries.length
}

describe.each(await testDrivers())('migrations on %s', (driver) => {
	let database: TestDatabase
	beforeAll(async () => {
		database = await createTestDatabase(driver)
	})
	afterAll(() => database?.close())

	test('create every table of the data model', async () => {
		const tables = await rows<{ table_name: string }>(
			database,
			sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
		)
		expect(tables.map((t) => t.table_name)).toEqual(
			expect.arrayContaining(['audit_log', 'auth_sessions', 'course_audiences', 'courses', 'enrolments', 'job_profiles', 'locations', 'role_assignments', 'sessions', 'tenants', 'themes', 'users']),
		)
	})

	test('install the extensions and text-search configuration that Dutch search needs', async () => {
		const [row] = await rows<{ plain: string; similar: number; stems: string }>(
			database,
			sql`select unaccent('coördinator') as plain,
			           similarity('projectmanagment', 'projectmanagement') as similar,
			           to_tsvector('dutch', 'vergaderingen leiden')::text as stems`,
		)
		expect(row?.plain).toBe('coordinator')
		expect(Number(row?.similar)).toBeGreaterThan(0.5)
		expect(row?.stems).toContain("'vergader'")
	})

	test('are a no-op when run again', async () => {
		await expect(migrateDatabase(database)).resolves.toBeUndefined()
	})

	test('give a queue made before it had a dead letter its dead letter at the next start (ADR 038 addendum)', async () => {
		await database.db.execute(sql`update pgboss.queue set dead_letter = null where name = ${BULK_DECISION_QUEUE}`)
		await migrateDatabase(database)
		const [queue] = await rows<{ dead_letter: string | null }>(database, sql`select dead_letter from pgboss.queue where name = ${BULK_DECISION_QUEUE}`)
		expect(queue?.dead_letter).toBe(BULK_DECISION_FAILED_QUEUE)
	})

	if (driver === 'postgres') {
		test('let several portal processes start at once: they migrate one at a time', async () => {
			const empty = await createTestDatabase('postgres', { migrate: false })
			try {
				const processes = await Promise.all([1, 2, 3].map(() => createDatabase({ driver: 'postgres', url: empty.appUrl!, migrationUrl: empty.url! }, { role: 'migrator' })))
				await Promise.all(processes.map((client) => migrateDatabase(client)))
				await Promise.all(processes.map((client) => client.close()))
				const [applied] = await rows<{ count: string }>(empty, sql`select count(*) as count from drizzle.__drizzle_migrations`)
				expect(Number(applied?.count)).toBe(committedMigrations())
			} finally {
				await empty.close()
			}
		})
	}
})
