import { randomBytes, createHash } from 'node:crypto'
import type { DatabaseClient } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import type { SeedScale } from '@leerplein/db/seed'
import type { PortalProcess } from '../support/portal.ts'
import type { load, timeConcurrently, timeSerially } from './load.ts'

/** What a benchmark module default-exports. */
export type Benchmark = {
	/** Used on the command line (`npm run bench -- <id>`) and as the BENCHMARKS.md section key. */
	id: string
	title: string
	/**
	 * The seed this benchmark is about, whatever the run's `--scale`: e.g. `relevance` measures
	 * against the default catalogue its queries were written for. Unset: the run's scale.
	 */
	scale?: SeedScale
	/** Measures, and returns the Markdown body of its BENCHMARKS.md section. */
	run: (ctx: BenchContext) => Promise<string>
}

export type BenchContext = {
	/** A fresh copy of the seeded database, yours to change. */
	database: { ownerUrl: string; appUrl: string }
	/** The seed scale of that database (seed ground truth such as seededDuplicateClusters depends on it). */
	scale: SeedScale
	/** A client as the schema owner (bypasses row-level security: for setting up and for raw-SQL baselines use `asApp`). */
	owner: DatabaseClient
	/** A new client as the portal's own role (obeys row-level security), closed after the benchmark. */
	asApp: (options?: { maxConnections?: number }) => Promise<DatabaseClient>
	/** Starts `count` portal processes on the database; they are stopped after the benchmark. */
	startPortals: (count?: number, options?: { env?: Record<string, string> }) => Promise<PortalProcess[]>
	/** A Cookie header of a new signed-in session for this user (as if they had signed in). */
	sessionCookie: (userId: string) => Promise<string>
	load: typeof load
	timeSerially: typeof timeSerially
	timeConcurrently: typeof timeConcurrently
	log: (line: string) => void
}

/** The portal's session cookie (app/features/identity/cookie.ts): production-like, HTTPS-only name. */
const SESSION_COOKIE = '__Host-leerplein-sessie'

/** Stores a session the way the portal's auth.start() does: only the token's SHA-256 is kept. */
export async function createSessionCookie(owner: DatabaseClient, userId: string): Promise<string> {
	const token = randomBytes(32).toString('base64url')
	const now = Date.now()
	await owner.db.insert(schema.authSessions).values({
		id: createHash('sha256').update(token).digest('hex'),
		userId,
		expiresAt: new Date(now + 8 * 3600_000),
		absoluteExpiresAt: new Date(now + 12 * 3600_000),
		idleTimeoutSeconds: 8 * 3600,
	})
	return `${SESSION_COOKIE}=${token}`
}
