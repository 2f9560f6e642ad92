import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import { sql, type ExtractTablesWithRelations, type SQL } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import * as schema from './schema/index.ts'
import { loadContextKey, registerContextKey } from './tenancy.ts'

export type Schema = typeof schema

/** A database or a transaction: queries accept either, so a service can compose them in one transaction. */
export type Database = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>

/**
 * Where the database is. On PostgreSQL the portal runs as `url`'s role (leerplein_app: no
 * owner, no superuser, no BYPASSRLS), while migrations and the seed run as `migrationUrl`'s
 * role, which owns the schema (ADR 006). PGlite has one user, so one data directory serves both.
 */
export type DatabaseConfig =
	| { driver: 'postgres'; url: string; migrationUrl: string; maxConnections?: number }
	| {
			driver: 'pglite'
			dataDir: string | null
			/** Tests only: start from this dumped data directory (a migrated template) instead of an empty one (testing.ts). */
			template?: Blob
	  }

/** `app` obeys row-level security; `migrator` owns the schema, migrates and seeds. */
export type DatabaseRole = 'app' | 'migrator'

export type DatabaseClient = {
	db: Database
	config: DatabaseConfig
	role: DatabaseRole
	close: () => Promise<void>
}

/** The role the portal runs as; created by migration 0003, granted LOGIN by operations. */
export const APP_ROLE = 'leerplein_app'

export const DEFAULT_PGLITE_DIR = fileURLToPath(new URL('../../.data/pglite', import.meta.url))

/**
 * `DATABASE_URL` selects a PostgreSQL server and is the portal's own (app-role) connection;
 * `MIGRATION_DATABASE_URL` is the owner's, defaulting to `DATABASE_URL` for a one-URL setup.
 * Without `DATABASE_URL` Leerplein runs on embedded PGlite on disk (ADR 002).
 */
export function databaseConfigFromEnv(env: Record<string, string | undefined> = process.env): DatabaseConfig {
	const url = env.DATABASE_URL?.trim()
	if (url) {
		const migrationUrl = env.MIGRATION_DATABASE_URL?.trim() || url
		for (const [name, value] of [['DATABASE_URL', url], ['MIGRATION_DATABASE_URL', migrationUrl]]) {
			if (!/^postgres(ql)?:\/\//.test(value!)) throw new Error(`${name} must start with postgres:// or postgresql://`)
		}
		return { driver: 'postgres', url, migrationUrl }
	}
	return { driver: 'pglite', dataDir: env.PGLITE_DIR?.trim() || DEFAULT_PGLITE_DIR }
}

/**
 * The one place a database connection is made. PGlite always opens as its one superuser,
 * `postgres`; asked for the app role it switches with `SET ROLE` (see `switchToAppRole`).
 */
export async function createDatabase(config: DatabaseConfig, { role = 'app' }: { role?: DatabaseRole } = {}): Promise<DatabaseClient> {
	const casing = 'snake_case' as const
	if (config.driver === 'postgres') {
		const url = role === 'app' ? config.url : config.migrationUrl
		// No JIT: the portal's queries are short, and a catalogue-wide search is costed high enough to
		// spend ~45 ms compiling code that saves less than that (ADR 010).
		const client = postgres(url, { max: config.maxConnections ?? 10, onnotice: () => {}, connection: { jit: 'off' } })
		const db = drizzlePostgres(role === 'app' ? preparing(client) : client, { schema, casing }) as unknown as Database
		if (role === 'app') registerContextKey(db, await contextKeyFromOwner(config.migrationUrl))
		return { db, config, role, close: () => client.end({ timeout: 5 }) }
	}
	if (config.dataDir) mkdirSync(config.dataDir, { recursive: true })
	const client = await PGlite.create({ dataDir: config.dataDir ?? undefined, loadDataDir: config.template, extensions: { btree_gist, pg_trgm, unaccent } })
	const db = drizzlePglite(client, { schema, casing }) as unknown as Database
	const migrator: DatabaseClient = { db, config, role: 'migrator', close: () => client.close() }
	return role === 'app' ? switchToAppRole(migrator) : migrator
}

/**
 * drizzle runs every query through postgres.js's `unsafe`, which parses and plans it anew each
 * time; prepared once per connection, the portal's queries (row-level security makes their
 * plans costly) take about half the database time. Only for the app role: migrations run
 * multi-statement SQL, which cannot be prepared. (Queries without parameters use the simple
 * protocol either way.)
 */
function preparing<T extends object>(sql: T): T {
	type Loose = Record<string | symbol, (...args: unknown[]) => unknown>
	const withPreparedCallback =
		(method: (...args: unknown[]) => unknown) =>
		(...args: unknown[]) => {
			const callback = args.pop() as (tx: object) => unknown
			return method(...args, (tx: object) => callback(preparing(tx)))
		}
	return new Proxy(sql, {
		get(target, property, receiver) {
			const loose = target as unknown as Loose
			switch (property) {
				case 'unsafe':
					return (query: string, parameters?: unknown[], options?: object) => loose.unsafe!(query, parameters, { ...options, prepare: true })
				case 'begin':
				case 'savepoint':
					return withPreparedCallback(loose[property]!)
				default:
					return Reflect.get(target, property, receiver) as unknown
			}
		},
	})
}

/**
 * After migrating and seeding as the owner, hand the portal a client that obeys RLS.
 *
 * PostgreSQL: a new pool as `DATABASE_URL`'s role; the owner's pool is closed. PGlite: the same
 * single connection, switched with a session-level `SET ROLE` for the rest of the process.
 * That is safe there because PGlite has exactly one connection, one process and no pooler, so
 * the setting cannot reach another user; on PostgreSQL we never rely on session state.
 */
export async function switchToAppRole(migrator: DatabaseClient): Promise<DatabaseClient> {
	if (migrator.role === 'app') return migrator
	if (migrator.config.driver === 'postgres') {
		const app = await createDatabase(migrator.config, { role: 'app' })
		await migrator.close()
		return app
	}
	registerContextKey(migrator.db, await loadContextKey(migrator.db))
	await migrator.db.execute(sql.raw(`set role ${APP_ROLE}`))
	return { ...migrator, role: 'app' }
}

/**
 * The tenant-context key (ADR 024), read over a short-lived connection as the schema owner: the
 * app role cannot read it, and must not be able to.
 */
async function contextKeyFromOwner(migrationUrl: string): Promise<Buffer | null> {
	const owner = postgres(migrationUrl, { max: 1, onnotice: () => {} })
	try {
		return await loadContextKey(drizzlePostgres(owner) as unknown as Database)
	} finally {
		await owner.end({ timeout: 5 })
	}
}

/** Rows of a raw SQL query: postgres.js returns an array, PGlite an object holding `rows`. */
export async function selectRows<T>(db: Database, query: SQL): Promise<T[]> {
	const result = (await db.execute(query)) as unknown as T[] | { rows: T[] }
	return Array.isArray(result) ? result : result.rows
}
