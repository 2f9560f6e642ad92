/**
 * `npm run bench [-- <id> …] [--scale=large|default|small]`: runs the benchmarks (all, or the
 * ones named) on a fresh copy of a seeded PostgreSQL database and writes each one's figures
 * into its own section of BENCHMARKS.md. See README.md here.
 */
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import postgres from 'postgres'
import { createDatabase, type DatabaseClient } from '@leerplein/db'
import { parseSeedScale } from '@leerplein/db/seed'
import { TEST_POSTGRES_URL } from '@leerplein/db/testing'
import { startPortalProcess, type PortalProcess } from '../support/portal.ts'
import { benchDatabase } from './database.ts'
import { createSessionCookie, type BenchContext, type Benchmark } from './harness.ts'
import { load, timeConcurrently, timeSerially } from './load.ts'
import { describeMachine, writeSection } from './report.ts'

const benchDir = fileURLToPath(new URL('.', import.meta.url))

async function main() {
	const args = process.argv.slice(2)
	const scale = parseSeedScale(args.find((arg) => arg.startsWith('--scale='))?.slice('--scale='.length) ?? 'large')
	const wanted = args.filter((arg) => !arg.startsWith('--'))
	const all = await loadBenchmarks()
	const unknown = wanted.filter((id) => !all.some((benchmark) => benchmark.id === id))
	if (unknown.length > 0) throw new Error(`Unknown benchmark ${unknown.join(', ')}; known: ${all.map((b) => b.id).join(', ')}`)
	const selected = wanted.length > 0 ? all.filter((benchmark) => wanted.includes(benchmark.id)) : all
	const log = (line: string) => console.log(`[bench] ${line}`)
	const machine = describeMachine(await postgresVersion())
	log(`${selected.length} benchmark(s) on the ${scale} scale (unless one asks for its own); ${machine}`)

	for (const benchmark of selected) {
		const benchScale = benchmark.scale ?? scale
		log(`— ${benchmark.id}: ${benchmark.title}${benchScale === scale ? '' : ` (on the ${benchScale} seed, as it asks)`}`)
		const database = await benchDatabase(benchScale, log)
		const owner = await createDatabase({ driver: 'postgres', url: database.ownerUrl, migrationUrl: database.ownerUrl }, { role: 'migrator' })
		const clients: DatabaseClient[] = []
		const portals: PortalProcess[] = []
		const ctx: BenchContext = {
			database,
			scale: benchScale,
			owner,
			async asApp({ maxConnections } = {}) {
				const client = await createDatabase({ driver: 'postgres', url: database.appUrl, migrationUrl: database.ownerUrl, maxConnections }, { role: 'app' })
				clients.push(client)
				return client
			},
			async startPortals(count = 1, options = {}) {
				// BENCH_PORTAL_NODE_OPTIONS, e.g. `--import ./profile.mjs`, reaches the portals only (to profile
				// them), added to any NODE_OPTIONS the benchmark gives.
				const nodeOptions = [options.env?.NODE_OPTIONS, process.env.BENCH_PORTAL_NODE_OPTIONS].filter(Boolean).join(' ')
				const env = { ...options.env, ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}) }
				const started = await Promise.all(Array.from({ length: count }, () => startPortalProcess(database, { ...options, env })))
				portals.push(...started)
				return started
			},
			sessionCookie: (userId) => createSessionCookie(owner, userId),
			load,
			timeSerially,
			timeConcurrently,
			log: (line) => log(`  ${line}`),
		}
		try {
			const measuredAt = new Date()
			const body = await benchmark.run(ctx)
			writeSection({ id: benchmark.id, title: benchmark.title, body, machine, measuredAt, scale: benchScale })
			log(`wrote the ${benchmark.id} section of BENCHMARKS.md`)
		} finally {
			await Promise.all(portals.map((portal) => portal.stop()))
			await Promise.all(clients.map((client) => client.close()))
			await owner.close()
			await database.drop()
		}
	}
}

async function loadBenchmarks(): Promise<Benchmark[]> {
	const files = readdirSync(benchDir).filter((file) => file.endsWith('.bench.ts')).sort()
	const modules = await Promise.all(files.map((file) => import(new URL(file, `file://${benchDir}/`).href) as Promise<{ default: Benchmark }>))
	return modules.map((module) => module.default)
}

async function postgresVersion(): Promise<string> {
	const sql = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} })
	try {
		const [row] = await sql<{ version: string }[]>`select current_setting('server_version') as version`
		return `PostgreSQL ${row?.version ?? '?'}`
	} finally {
		await sql.end()
	}
}

main().catch((error: unknown) => {
	console.error(error)
	process.exit(1)
})
