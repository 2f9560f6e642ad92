import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import type { ExtractTablesWithRelations } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import * as schema from './schema/index.ts'

export type Schema = typeof schema

/** A database or a transaction: queries accept either, so a service can compose them in one transaction. */
export type Database = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>

export type DatabaseConfig =
	| { driver: 'postgres'; url: string; maxConnections?: number }
	| { driver: 'pglite'; dataDir: string | null }

export type DatabaseClient = {
	db: Database
	config: DatabaseConfig
	close: () => Promise<void>
}

export const DEFAULT_PGLITE_DIR = fileURLToPath(new URL('../../.data/pglite', import.meta.url))

/** `DATABASE_URL` selects a PostgreSQL server; without it Leerplein runs on embedded PGlite on disk (ADR 002). */
export function databaseConfigFromEnv(env: Record<string, string | undefined> = process.env): DatabaseConfig {
	const url = env.DATABASE_URL?.trim()
	if (url) {
		if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('DATABASE_URL must start with postgres:// or postgresql://')
		return { driver: 'postgres', url }
	}
	return { driver: 'pglite', dataDir: env.PGLITE_DIR?.trim() || DEFAULT_PGLITE_DIR }
}

/** The one place a database connection is made. */
export async function createDatabase(config: DatabaseConfig): Promise<DatabaseClient> {
	const casing = 'snake_case' as const
	if (config.driver === 'postgres') {
		const client = postgres(config.url, { max: config.maxConnections ?? 10, onnotice: () => {} })
		const db = drizzlePostgres(client, { schema, casing }) as unknown as Database
		return { db, config, close: () => client.end({ timeout: 5 }) }
	}
	if (config.dataDir) mkdirSync(config.dataDir, { recursive: true })
	const client = await PGlite.create({ dataDir: config.dataDir ?? undefined, extensions: { pg_trgm, unaccent } })
	const db = drizzlePglite(client, { schema, casing }) as unknown as Database
	return { db, config, close: () => client.close() }
}
