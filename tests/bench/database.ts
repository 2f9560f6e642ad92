import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import postgres from 'postgres'
import { APP_ROLE, createDatabase, migrateDatabase } from '@leerplein/db'
import { seedDatabase, type SeedScale } from '@leerplein/db/seed'
import { allowAppRoleLogin, TEST_POSTGRES_URL, withDatabase, withUser } from '@leerplein/db/testing'

const dbPackage = fileURLToPath(new URL('../../db', import.meta.url))

export type BenchDatabase = { name: string; ownerUrl: string; appUrl: string; drop: () => Promise<void> }

/**
 * A pristine, seeded PostgreSQL database for one benchmark run. Seeding the large scale takes
 * minutes, so the seeded database is kept as a template, named after everything that shapes
 * it (migrations, schema, seed code, scale, and the day, since sessions are planned around
 * `now`); each run gets a fresh copy of it, so benchmarks may change data freely.
 */
export async function benchDatabase(scale: SeedScale, log: (line: string) => void): Promise<BenchDatabase> {
	const day = new Date().toISOString().slice(0, 10).replaceAll('-', '')
	const template = `leerplein_bench_${scale}_${day}_${fingerprint()}`
	const admin = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} })
	try {
		const [existing] = await admin`select 1 from pg_database where datname = ${template}`
		if (!existing) {
			await dropStaleTemplates(admin, scale, log)
			await buildTemplate(admin, template, scale, log)
		} else {
			log(`reusing seeded template ${template}`)
		}
		const name = `leerplein_bench_run_${process.pid}`
		await admin.unsafe(`drop database if exists ${name} with (force)`)
		const started = performance.now()
		await admin.unsafe(`create database ${name} template ${template}`)
		log(`copied the template in ${((performance.now() - started) / 1000).toFixed(1)} s`)
		await allowAppRoleLogin()
		const ownerUrl = withDatabase(TEST_POSTGRES_URL, name)
		const appUrl = withUser(ownerUrl, APP_ROLE)
		return {
			name,
			ownerUrl,
			appUrl,
			async drop() {
				const dropper = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} })
				await dropper.unsafe(`drop database if exists ${name} with (force)`)
				await dropper.end()
			},
		}
	} finally {
		await admin.end()
	}
}

async function buildTemplate(admin: postgres.Sql, template: string, scale: SeedScale, log: (line: string) => void) {
	const building = `${template}_building`
	await admin.unsafe(`drop database if exists ${building} with (force)`)
	await admin.unsafe(`create database ${building}`)
	const url = withDatabase(TEST_POSTGRES_URL, building)
	const client = await createDatabase({ driver: 'postgres', url, migrationUrl: url }, { role: 'migrator' })
	try {
		await migrateDatabase(client)
		log(`seeding the ${scale} scale into ${building} (once per day and code version; minutes at large scale)`)
		await seedDatabase(client.db, { scale, now: new Date(), onProgress: (step, done, total) => log(`  seed: ${step} ${done}/${total}`) })
		await client.db.execute('vacuum analyze')
	} finally {
		await client.close()
	}
	// Renamed only when complete, so an interrupted build is never reused.
	await admin.unsafe(`alter database ${building} rename to ${template}`)
}

async function dropStaleTemplates(admin: postgres.Sql, scale: SeedScale, log: (line: string) => void) {
	// Never one that is in use: another worktree's run may be building or copying its own template right now.
	const stale = await admin<{ datname: string }[]>`
		select d.datname from pg_database d
		where d.datname like ${`leerplein_bench_${scale}_%`}
			and not exists (select 1 from pg_stat_activity a where a.datname = d.datname)`
	for (const { datname } of stale) {
		log(`dropping stale template ${datname}`)
		await admin.unsafe(`drop database if exists ${datname} with (force)`)
	}
}

/** A short hash of every file that decides what a seeded database looks like. */
function fingerprint(): string {
	const hash = createHash('sha256')
	for (const dir of ['migrations', 'src/schema', 'src/seed']) {
		for (const file of filesUnder(join(dbPackage, dir))) hash.update(file).update(readFileSync(file))
	}
	return hash.digest('hex').slice(0, 10)
}

function filesUnder(dir: string): string[] {
	return readdirSync(dir)
		.sort()
		.flatMap((entry) => {
			const path = join(dir, entry)
			return statSync(path).isDirectory() ? filesUnder(path) : [path]
		})
		.filter((path) => !path.endsWith('.test.ts'))
}
