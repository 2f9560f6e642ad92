import { createDatabase, databaseConfigFromEnv } from '../client.ts'
import { migrateDatabase } from '../migrate.ts'
import { isDatabaseEmpty } from '../queries/health.ts'
import { parseSeedScale, seedDatabase, type SeedProgress, type SeedScale } from '../seed/index.ts'

// `pnpm --filter @leerplein/db db:seed -- --scale=large` (or SEED_SCALE=large): fills an empty database with demo data.

function flag(name: string): string | undefined {
	const args = process.argv.slice(2)
	const inline = args.find((arg) => arg.startsWith(`--${name}=`))
	if (inline) return inline.slice(name.length + 3)
	const at = args.indexOf(`--${name}`)
	return at >= 0 ? args[at + 1] : undefined
}

/** One line per step, and at most one per second within a step, so large runs stay readable. */
function progressPrinter(): SeedProgress {
	let lastStep = ''
	let lastPrinted = 0
	return (step, done, total) => {
		const time = Date.now()
		if (step === lastStep && done < total && time - lastPrinted < 1_000) return
		lastStep = step
		lastPrinted = time
		console.log(`[seed] ${step} ${done}/${total}`)
	}
}

function readScale(): SeedScale {
	try {
		return parseSeedScale(flag('scale') ?? process.env.SEED_SCALE)
	} catch (error) {
		console.error(`[seed] ${(error as Error).message}`)
		process.exit(1)
	}
}

const scale = readScale()

const client = await createDatabase(databaseConfigFromEnv(), { role: 'migrator' })
let exitCode = 0
try {
	await migrateDatabase(client)
	if (!(await isDatabaseEmpty(client.db))) {
		console.error('[seed] the database already has units; seed only an empty database (drop it or point PGLITE_DIR/DATABASE_URL elsewhere)')
		exitCode = 1
	} else {
		console.log(`[seed] seeding scale "${scale}" into ${client.config.driver}`)
		const summary = await seedDatabase(client.db, { scale, now: new Date(), onProgress: progressPrinter() })
		const { durationMs, ...counts } = summary
		console.log(
			`[seed] done in ${(durationMs / 1000).toFixed(1)} s: ${Object.entries(counts)
				.map(([name, n]) => `${n} ${name}`)
				.join(', ')}`,
		)
	}
} catch (error) {
	console.error('[seed] failed:', error)
	exitCode = 1
} finally {
	await client.close()
}
process.exit(exitCode)
