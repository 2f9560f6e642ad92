import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { allowAppRoleLogin, createTestDatabase, type TestDriver } from '@leerplein/db/testing'

const appDir = fileURLToPath(new URL('../../app', import.meta.url))

export type RunningPortal = {
	readonly url: string
	driver: TestDriver
	/** The PostgreSQL database the portal runs on (null on PGlite, which the server holds exclusively). */
	databaseUrl: string | null
	/** Every JSON log line the server wrote, across restarts. */
	logs: () => LogLine[]
	/** Stops the server (SIGTERM) and starts it again on the same database; resolves to the old exit code. */
	restart: () => Promise<number | null>
	/** Stops the server and removes its database; resolves to the exit code. */
	stop: () => Promise<number | null>
}

export type LogLine = { level: number; msg: string; [key: string]: unknown }

/**
 * Starts the built portal as a real server process, the way `npm start` does, on a fresh
 * database: a temporary PGlite directory, or a throw-away database on the PostgreSQL server.
 */
export async function startPortal(
	driver: TestDriver,
	{ seedScale = 'small', env: extraEnv = {} }: { seedScale?: string; env?: Record<string, string> } = {},
): Promise<RunningPortal> {
	const database = driver === 'postgres' ? await createTestDatabase('postgres', { migrate: false }) : null
	// As in production: the server migrates and seeds as the owner, then serves as leerplein_app.
	if (database) await allowAppRoleLogin()
	// The server opens its own connection; ours is only for creating and dropping the database.
	const dataDir = driver === 'pglite' ? mkdtempSync(join(tmpdir(), 'leerplein-e2e-')) : null
	const env: NodeJS.ProcessEnv = {
		...process.env,
		NODE_ENV: 'production',
		SEED_SCALE: seedScale,
		LOG_LEVEL: 'info',
		DATABASE_URL: database?.appUrl ?? '',
		MIGRATION_DATABASE_URL: database?.url ?? '',
		PGLITE_DIR: dataDir ?? '',
		// Persona sign-in is how the tests sign in; on PostgreSQL in production mode it is off by default.
		DEMO_MODE: 'true',
		// Every test signs in from 127.0.0.1; the rate-limit test sets its own, low limit.
		RATE_LIMIT_SIGN_IN: '1000/60',
		...extraEnv,
	}
	const lines: LogLine[] = []
	let server: ServerProcess
	try {
		server = await startServer(env, lines)
	} catch (error) {
		await database?.close()
		throw error
	}
	return {
		get url() {
			return server.url
		},
		driver,
		databaseUrl: database?.url ?? null,
		logs: () => lines,
		async restart() {
			const exitCode = await stopProcess(server.child)
			server = await startServer(env, lines)
			return exitCode
		},
		async stop() {
			const exitCode = await stopProcess(server.child)
			await database?.close()
			if (dataDir) rmSync(dataDir, { recursive: true, force: true })
			return exitCode
		},
	}
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
			NODE_ENV: 'production',
			LOG_LEVEL: 'warn',
			DATABASE_URL: database.appUrl,
			MIGRATION_DATABASE_URL: database.ownerUrl,
			PGLITE_DIR: '',
			DEMO_MODE: 'true',
			RATE_LIMIT_SIGN_IN: '1000/60',
			...extraEnv,
		},
		lines,
	)
	return { url: server.url, pid: server.child.pid!, logs: () => lines, stop: () => stopProcess(server.child) }
}

type ServerProcess = { child: ChildProcess; url: string }

async function startServer(baseEnv: NodeJS.ProcessEnv, lines: LogLine[]): Promise<ServerProcess> {
	const port = await freePort()
	const env = { ...baseEnv, PORT: String(port) }
	// One process, as `npm start` runs it, so SIGTERM reaches the server itself.
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], { cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe'] })
	const stderr: string[] = []
	child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
		for (const line of chunk.split('\n').filter(Boolean)) {
			try {
				lines.push(JSON.parse(line) as LogLine)
			} catch {
				lines.push({ level: 30, msg: line })
			}
		}
	})
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

async function waitForHealthy(url: string, child: ChildProcess, stderr: () => string, timeoutMs = 120_000) {
	const deadline = Date.now() + timeoutMs
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`portal exited with ${child.exitCode}:\n${stderr()}`)
		try {
			const response = await fetch(`${url}/healthz`)
			if (response.ok) return
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 250))
	}
	throw new Error(`portal did not become healthy within ${timeoutMs} ms:\n${stderr()}`)
}

function stopProcess(child: ChildProcess): Promise<number | null> {
	if (child.exitCode !== null) return Promise.resolve(child.exitCode)
	return new Promise((resolve) => {
		const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
		child.once('exit', (code) => {
			clearTimeout(timer)
			resolve(code)
		})
		child.kill('SIGTERM')
	})
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer()
		server.once('error', reject)
		server.listen(0, '127.0.0.1', () => {
			const address = server.address()
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
		})
	})
}
