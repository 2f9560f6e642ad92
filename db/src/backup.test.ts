import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { backupPglite, backupPostgres, BackupError, databaseFingerprint, restorePglite, restorePostgres, type Fingerprint } from './backup.ts'
import { createDatabase, selectRows, type Database } from './client.ts'
import { migrateDatabase } from './migrate.ts'
import { seedDatabase } from './seed/index.ts'
import { createTestDatabase, testDrivers, type TestDatabase } from './testing.ts'

// The backup procedure of docs/operations.md, exercised: the demo data of all nine units is backed
// up, restored into a new database, and found there row for row (every table's count and a digest
// of its contents), with its row-level security intact.

const NOW = new Date('2026-06-02T08:00:00Z')
const SEEDING = 240_000

/** Tables whose rows the portal's own role reads only inside a unit's context, and the policies that say so. */
async function security(db: Database) {
	const forced = await selectRows<{ name: string }>(db, sql`select relname as name from pg_class where relforcerowsecurity and relnamespace = 'public'::regnamespace order by 1`)
	const policies = await selectRows<{ name: string }>(db, sql`select tablename || '.' || policyname as name from pg_policies where schemaname = 'public' order by 1`)
	return { forced: forced.map(({ name }) => name), policies: policies.map(({ name }) => name) }
}

const drivers = await testDrivers()

describe.runIf(drivers.includes('postgres'))('a PostgreSQL backup with pg_dump, restored with pg_restore', () => {
	let source: TestDatabase
	let target: TestDatabase
	let folder: string
	let before: Fingerprint

	beforeAll(async () => {
		folder = await mkdtemp(join(tmpdir(), 'leerplein-backup-'))
		;[source, target] = await Promise.all([createTestDatabase('postgres'), createTestDatabase('postgres', { migrate: false })])
		await seedDatabase(source.db, { scale: 'small', now: NOW })
		before = await databaseFingerprint(source.db)
	}, SEEDING)
	afterAll(async () => {
		await Promise.all([source?.close(), target?.close()])
		await rm(folder, { recursive: true, force: true })
	})

	test('the restored database holds every row of every table, the job queue included, under the same row-level security', async () => {
		const file = join(folder, 'leerplein.dump')
		await backupPostgres({ url: source.url!, file })
		await restorePostgres({ url: target.url!, file, db: target.db })

		const after = await databaseFingerprint(target.db)
		expect(Object.keys(before).length).toBeGreaterThan(50)
		expect(before['public.enrolments']!.rows).toBeGreaterThan(0)
		expect(before['pgboss.job']).toBeDefined()
		expect(after).toEqual(before)
		expect(await security(target.db)).toEqual(await security(source.db))

		// The portal's own role, outside any unit's context, still sees no unit's rows.
		const app = await target.connectAsApp()
		const [{ visible }] = (await selectRows<{ visible: number }>(app.db, sql`select count(*)::int as visible from enrolments`)) as [{ visible: number }]
		expect(visible).toBe(0)
	})

	test('a restore into a database that has tables is refused, and changes nothing', async () => {
		const file = join(folder, 'leerplein.dump')
		await expect(restorePostgres({ url: source.url!, file, db: source.db })).rejects.toThrow(/not empty/)
		expect(await databaseFingerprint(source.db)).toEqual(before)
	})

	test('a file that is no backup is refused with pg_restore’s own reason', async () => {
		const fresh = await createTestDatabase('postgres', { migrate: false })
		try {
			const file = join(folder, 'not-a-backup.dump')
			await writeFile(file, 'no backup')
			await expect(restorePostgres({ url: fresh.url!, file, db: fresh.db })).rejects.toThrow(BackupError)
		} finally {
			await fresh.close()
		}
	})
})

describe('an embedded database backed up as a copy of its folder while stopped', () => {
	let folder: string
	let before: Fingerprint

	beforeAll(async () => {
		folder = await mkdtemp(join(tmpdir(), 'leerplein-pglite-backup-'))
		const original = await createDatabase({ driver: 'pglite', dataDir: join(folder, 'data') }, { role: 'migrator' })
		try {
			await migrateDatabase(original)
			await seedDatabase(original.db, { scale: 'small', now: NOW })
			before = await databaseFingerprint(original.db)
		} finally {
			await original.close()
		}
	}, SEEDING)
	afterAll(async () => {
		await rm(folder, { recursive: true, force: true })
	})

	test('the copy, put back in place of a lost folder, opens with every row', async () => {
		await backupPglite({ dataDir: join(folder, 'data'), to: join(folder, 'backup') })
		await restorePglite({ from: join(folder, 'backup'), dataDir: join(folder, 'restored') })
		const restored = await createDatabase({ driver: 'pglite', dataDir: join(folder, 'restored') }, { role: 'migrator' })
		try {
			expect(before['public.courses']!.rows).toBeGreaterThan(0)
			expect(await databaseFingerprint(restored.db)).toEqual(before)
		} finally {
			await restored.close()
		}
	})

	test('restoring over a folder that holds a database, or from one that does not exist, is refused', async () => {
		await expect(restorePglite({ from: join(folder, 'backup'), dataDir: join(folder, 'data') })).rejects.toThrow(/not empty/)
		await expect(backupPglite({ dataDir: join(folder, 'nothing'), to: join(folder, 'elsewhere') })).rejects.toThrow(/no embedded database/)
	})
})
