import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, cpSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { APP_ROLE } from '@leerplein/db'
import { allowAppRoleLogin, createPostgresDatabase, dropPostgresDatabase, isAlive, pgliteTemplateDirectory, withUser, type TestDriver } from '@leerplein/db/testing'
import type { ClockSetMessage, SetClockMessage } from '../../app/server/test-clock.ts'
import { pollUntil } from './poll.ts'

const appDir = fileURLToPath(new URL('../../app', import.meta.url))

export type LogLine = { level: number; msg: string; [key: string]: unknown }

/** The portal's clock, which the test moves instead of waiting (app/server/test-clock.ts). */
export type PortalClock = {
	/** Moves the portal's clock forward by `ms`; resolves once the portal reads the new time. */
	advance: (ms: number) => Promise<void>
	/** How far the portal's clock stands ahead of the real one. */
	readonly offsetMs: number
}

export type RunningPortal = {
	readonly url: string
	driver: TestDriver
	/** The PostgreSQL database the portal runs on, as its owner (null on PGlite, which the server holds exclusively). */
	databaseUrl: string | null
	/** Every JSON log line the server wrote (a shared portal: since this test file attached to it). */
	logs: () => LogLine[]
	/** Only for a portal started with `clock: true`. */
	readonly clock: PortalClock
	/** Stops the server (SIGTERM) and starts it again on the same database; resolves to the old exit code. */
	restart: () => Promise<number | null>
	/** Stops the server and removes its database; resolves to the exit code. (A shared portal stays up for the next file.) */
	stop: () => Promise<number | null>
}

export type PortalOptions = {
	seedScale?: string
	/**
	 * Start on an empty database, as a new installation does. Otherwise the portal starts on a copy
	 * of the run's migrated template (db/src/testing.ts), and still seeds it and runs its migrations
	 * (none left to apply): the same start, without migrating from scratch once per test file.
	 */
	emptyDatabase?: boolean
	env?: Record<string, string>
	/** Lets the test set the portal's clock over an IPC channel. */
	clock?: boolean
	/** A command the server runs under, e.g. one that gives it a hosts file of its own (https-sites.ts). */
	commandPrefix?: string[]
}

/** What every test portal runs with, besides its database. */
const TEST_ENV = {
	NODE_ENV: 'production',
	LOG_LEVEL: 'info',
	// Persona sign-in is how the tests sign in; on PostgreSQL in production mode it is off by default.
	DEMO_MODE: 'true',
	// Every test signs in from 127.0.0.1; the rate-limit test sets its own, low limit.
	RATE_LIMIT_SIGN_IN: '1000/60',
	RATE_LIMIT_LTI_CLIENT: '1000/60',
	RATE_LIMIT_LTI_ADDRESS: '1000/60',
	// The tests' peers (the Moodle-like tool, ltijs, oidc-provider) listen on 127.0.0.1 over http.
	OUTBOUND_ALLOW: '127.0.0.1,localhost',
} as const

/**
 * Starts the built portal as a real server process, the way `npm start` does, on a fresh
 * database: a temporary PGlite directory, or a throw-away database on the PostgreSQL server.
 */
export async function startPortal(
	driver: TestDriver,
	{ seedScale = 'small', env: extraEnv = {}, clock = false, commandPrefix = [], emptyDatabase = false }: PortalOptions = {},
): Promise<RunningPortal> {
	const { database, dataDir } = await newPortalDatabase(driver, { empty: emptyDatabase })
	const env: NodeJS.ProcessEnv = {
		...process.env,
		...TEST_ENV,
		SEED_SCALE: seedScale,
		...databaseEnv(database, dataDir),
		...(clock ? { LEERPLEIN_TEST_CLOCK: 'ipc' } : {}),
		...extraEnv,
	}
	const lines: LogLine[] = []
	let offsetMs = 0
	let server: ServerProcess
	try {
		server = await startServer(env, { lines, ipc: clock, commandPrefix })
	} catch (error) {
		if (database) await dropPostgresDatabase(database.name)
		throw error
	}
	const portalClock: PortalClock = {
		get offsetMs() {
			return offsetMs
		},
		async advance(ms) {
			offsetMs += ms
			await setClock(server.child, offsetMs)
		},
	}
	return {
		get url() {
			return server.url
		},
		driver,
		databaseUrl: database?.url ?? null,
		logs: () => lines,
		get clock() {
			if (!clock) throw new Error('this portal was started without a settable clock: start it with { clock: true }')
			return portalClock
		},
		async restart() {
			const exitCode = await stopProcess(server.child)
			server = await startServer(env, { lines, ipc: clock, commandPrefix })
			if (offsetMs !== 0) await setClock(server.child, offsetMs)
			return exitCode
		},
		async stop() {
			const exitCode = await stopProcess(server.child)
			if (database) await dropPostgresDatabase(database.name)
			if (dataDir) rmSync(dataDir, { recursive: true, force: true })
			return exitCode
		},
	}
}

/**
 * The test worker's one portal on `driver` with the small seed and the default environment, for
 * every test file that needs nothing else. The first file to ask starts it; it keeps running for
 * the files after it and is stopped, with its database, when the run ends (support/global-setup.ts).
 * Its registration lives in `runDir`, because each test file runs in a process of its own.
 *
 * One per worker (VITEST_POOL_ID), not one per run: a worker takes one file at a time, so were
 * the package to run files side by side (tests/vitest.config.ts runs one at a time today), a file
 * would still never share its portal with a file running at the same moment.
 */
export async function sharedPortal(driver: TestDriver, runDir: string): Promise<RunningPortal> {
	const slot = `${driver}-${process.env.VITEST_POOL_ID ?? '1'}`
	const registration = join(runDir, `portal-${slot}.json`)
	const lock = join(runDir, `portal-${slot}.lock`)
	let entry: SharedPortalEntry | undefined
	try {
		closeSync(openSync(lock, 'wx'))
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
		// Another file started it, or is starting it right now.
		entry = await pollUntil(() => (existsSync(registration) ? (JSON.parse(readFileSync(registration, 'utf8')) as SharedPortalEntry) : null), {
			timeoutMs: 180_000,
			message: `the shared ${driver} portal did not come up`,
		})
	}
	if (!entry) {
		try {
			entry = await startSharedPortal(driver, slot, runDir)
		} catch (error) {
			rmSync(lock, { force: true }) // the next file may try again
			throw error
		}
		writeFileSync(registration, JSON.stringify(entry))
	}
	if (!isAlive(entry.pid)) throw new Error(`the shared ${driver} portal has exited; see ${entry.logFile} and ${entry.errorFile}`)
	// Only what the server logs from now on belongs to this file.
	const from = readFileSync(entry.logFile).length
	return {
		url: entry.url,
		driver,
		databaseUrl: entry.databaseUrl,
		logs: () => parseLogLines(readFileSync(entry.logFile).subarray(from).toString('utf8')),
		get clock(): PortalClock {
			throw new Error('the shared portal has no settable clock: ask useE2E for a portal of its own with { clock: true }')
		},
		restart: () => Promise.reject(new Error('the shared portal cannot be restarted: ask useE2E for a portal of its own')),
		stop: async () => null,
	}
}

type SharedPortalEntry = {
	driver: TestDriver
	url: string
	pid: number
	databaseName: string | null
	databaseUrl: string | null
	dataDir: string | null
	logFile: string
	errorFile: string
}

async function startSharedPortal(driver: TestDriver, slot: string, runDir: string): Promise<SharedPortalEntry> {
	const { database, dataDir } = await newPortalDatabase(driver, { empty: false })
	const logFile = join(runDir, `portal-${slot}.log`)
	const errorFile = join(runDir, `portal-${slot}.stderr`)
	const port = await freePort()
	const [out, err] = [openSync(logFile, 'a'), openSync(errorFile, 'a')]
	// Not piped: the portal outlives the test file (and its process) that started it.
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
		cwd: appDir,
		env: { ...process.env, ...TEST_ENV, SEED_SCALE: 'small', ...databaseEnv(database, dataDir), PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` },
		stdio: ['ignore', out, err],
	})
	closeSync(out)
	closeSync(err)
	child.unref()
	const entry = { driver, url: `http://127.0.0.1:${port}`, pid: child.pid!, databaseName: database?.name ?? null, databaseUrl: database?.url ?? null, dataDir, logFile, errorFile }
	try {
		await waitForHealthy(entry.url, child, () => readFileSync(errorFile, 'utf8'))
	} catch (error) {
		child.kill('SIGKILL')
		await stopSharedPortal(entry)
		throw error
	}
	return entry
}

/** Stops every shared portal registered in `runDir` and removes their databases (the run's teardown). */
export async function stopSharedPortals(runDir: string): Promise<void> {
	const entries = readdirSync(runDir)
		.filter((name) => /^portal-[\w-]+\.json$/.test(name))
		.map((name) => JSON.parse(readFileSync(join(runDir, name), 'utf8')) as SharedPortalEntry)
	await Promise.all(entries.map(stopSharedPortal))
}

async function stopSharedPortal(entry: SharedPortalEntry): Promise<void> {
	if (isAlive(entry.pid)) {
		process.kill(entry.pid, 'SIGTERM')
		try {
			await pollUntil(() => !isAlive(entry.pid), { timeoutMs: 10_000, message: `the shared ${entry.driver} portal did not stop` })
		} catch {
			process.kill(entry.pid, 'SIGKILL')
		}
	}
	if (entry.databaseName) await dropPostgresDatabase(entry.databaseName)
	if (entry.dataDir) rmSync(entry.dataDir, { recursive: true, force: true })
}

export type PortalProcess = {
	url: string
	/** The server's process id (the server itself, not a wrapper), e.g. to read its CPU time. */
	pid: number
	/** Every JSON log line the process wrote. */
	logs: () => LogLine[]
	/** SIGTERM, then waits for the exit code. */
	stop: () => Promise<number | null>
}

/**
 * One more portal process on an existing PostgreSQL database (one that is migrated and seeded
 * already): for benchmarks and for tests that need several processes on one database.
 */
export async function startPortalProcess(
	database: { ownerUrl: string; appUrl: string },
	{ env: extraEnv = {} }: { env?: Record<string, string> } = {},
): Promise<PortalProcess> {
	await allowAppRoleLogin()
	const lines: LogLine[] = []
	const server = await startServer(
		{
			...process.env,
			...TEST_ENV,
			LOG_LEVEL: 'warn',
			DATABASE_URL: database.appUrl,
			MIGRATION_DATABASE_URL: database.ownerUrl,
			PGLITE_DIR: '',
			...extraEnv,
		},
		{ lines, ipc: false },
	)
	return { url: server.url, pid: server.child.pid!, logs: () => lines, stop: () => stopProcess(server.child) }
}

type PortalDatabase = { name: string; url: string; appUrl: string }

/**
 * A new database for a portal: on the test server, or a PGlite data directory. The portal
 * migrates and seeds it as the owner, then serves as leerplein_app (ADR 006).
 */
async function newPortalDatabase(driver: TestDriver, { empty }: { empty: boolean }): Promise<{ database: PortalDatabase | null; dataDir: string | null }> {
	if (driver === 'pglite') {
		const dataDir = mkdtempSync(join(tmpdir(), 'leerplein-e2e-'))
		if (!empty) cpSync(await pgliteTemplateDirectory(), dataDir, { recursive: true })
		return { database: null, dataDir }
	}
	const { name, url } = await createPostgresDatabase({ template: empty ? null : 'migrated' })
	await allowAppRoleLogin()
	return { database: { name, url, appUrl: withUser(url, APP_ROLE) }, dataDir: null }
}

function databaseEnv(database: PortalDatabase | null, dataDir: string | null) {
	return { DATABASE_URL: database?.appUrl ?? '', MIGRATION_DATABASE_URL: database?.url ?? '', PGLITE_DIR: dataDir ?? '' }
}

type ServerProcess = { child: ChildProcess; url: string }

async function startServer(baseEnv: NodeJS.ProcessEnv, { lines, ipc, commandPrefix = [] }: { lines: LogLine[]; ipc: boolean; commandPrefix?: string[] }): Promise<ServerProcess> {
	const port = await freePort()
	// The tests reach the portal at 127.0.0.1; it builds its issuer and redirect URIs on PUBLIC_URL, never on a request's Host.
	const env = { ...baseEnv, PORT: String(port), PUBLIC_URL: baseEnv.PUBLIC_URL || `http://127.0.0.1:${port}` }
	// One process, as `npm start` runs it, so SIGTERM reaches the server itself (a command prefix
	// must exec it); with an IPC channel when the test sets its clock (the only way in to that clock).
	const [command, ...args] = [...commandPrefix, process.execPath, '--import', 'tsx', 'server/index.ts']
	const child = spawn(command!, args, { cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe', ...(ipc ? (['ipc'] as const) : [])] })
	const stderr: string[] = []
	child.stdout!.setEncoding('utf8').on('data', (chunk: string) => lines.push(...parseLogLines(chunk)))
	child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk))
	const url = `http://127.0.0.1:${port}`
	try {
		await waitForHealthy(url, child, () => stderr.join(''))
	} catch (error) {
		child.kill('SIGKILL')
		throw error
	}
	return { child, url }
}

function parseLogLines(text: string): LogLine[] {
	return text
		.split('\n')
		.filter(Boolean)
		.map((line) => {
			try {
				return JSON.parse(line) as LogLine
			} catch {
				return { level: 30, msg: line }
			}
		})
}

async function waitForHealthy(url: string, child: ChildProcess, stderr: () => string, timeoutMs = 120_000) {
	await pollUntil(
		async () => {
			if (child.exitCode !== null) throw new Error(`portal exited with ${child.exitCode}:\n${stderr()}`)
			try {
				return (await fetch(`${url}/readyz`)).ok
			} catch {
				return false // not listening yet
			}
		},
		{ timeoutMs, intervalMs: 250, message: () => `portal did not become healthy:\n${stderr()}` },
	)
}

function setClock(child: ChildProcess, offsetMs: number): Promise<void> {
	return new Promise((resolve, reject) => {
		const onMessage = (message: ClockSetMessage) => {
			if (message.type !== 'leerplein:clock-set' || message.offsetMs !== offsetMs) return
			child.off('message', onMessage)
			child.off('exit', onExit)
			resolve()
		}
		const onExit = () => reject(new Error('the portal exited before it set its clock'))
		child.on('message', onMessage)
		child.once('exit', onExit)
		child.send({ type: 'leerplein:set-clock', offsetMs } satisfies SetClockMessage)
	})
}

function stopProcess(child: ChildProcess): Promise<number | null> {
	if (child.exitCode !== null) return Promise.resolve(child.exitCode)
	return new Promise((resolve) => {
		// A guard, not a wait: a server that ignores SIGTERM for ten seconds is killed.
		const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
		child.once('exit', (code) => {
			clearTimeout(timer)
			resolve(code)
		})
		child.kill('SIGTERM')
	})
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer()
		server.once('error', reject)
		server.listen(0, '127.0.0.1', () => {
			const address = server.address()
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
		})
	})
}
