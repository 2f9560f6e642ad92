import { spawn } from 'node:child_process'
import { cp, mkdir, readdir, stat } from 'node:fs/promises'
import { sql } from 'drizzle-orm'
import type { Database } from './client.ts'
import { selectRows } from './client.ts'

/**
 * Backups and restores (issue 22, item 6; docs/operations.md, "Backups"). PostgreSQL is backed up
 * with its own tools, `pg_dump` in the custom format (one consistent snapshot, taken while the
 * portal runs) and `pg_restore` into an empty database; the embedded database is its folder,
 * copied while the portal is stopped. A restore is checked by a fingerprint: every table's rows
 * and a digest of their contents, equal before and after.
 */

/** `pg_dump` of the owner's database into one file (custom format, compressed). */
export async function backupPostgres({ url, file }: { url: string; file: string }): Promise<void> {
	await run('pg_dump', ['--format=custom', '--no-password', `--file=${file}`], url)
}

/**
 * `pg_restore` of a `backupPostgres` file into an empty database (its tables, functions, policies,
 * grants and the job queue). The roles are the server's, not the database's: on a new server create
 * `leerplein_app` first (docs/operations.md). A database that already has tables is refused, so a
 * restore never mixes into live data.
 */
export async function restorePostgres({ url, file, db }: { url: string; file: string; db: Database }): Promise<void> {
	const [{ tables }] = (await selectRows<{ tables: number }>(db, sql`select count(*)::int as tables from information_schema.tables where table_schema = 'public'`)) as [{ tables: number }]
	if (tables > 0) throw new BackupError(`The database to restore into is not empty (${tables} tables): restore into a new database.`)
	await run('pg_restore', ['--exit-on-error', '--no-password', '--single-transaction', `--dbname=${decodeURIComponent(new URL(url).pathname.slice(1))}`, file], url)
}

/** Copies the embedded database's folder; the portal must be stopped, or the copy may be torn. */
export async function backupPglite({ dataDir, to }: { dataDir: string; to: string }): Promise<void> {
	if (!(await isDirectory(dataDir))) throw new BackupError(`There is no embedded database at ${dataDir}.`)
	await copyIntoEmpty(dataDir, to)
}

/** Puts a `backupPglite` copy in place of the embedded database; the folder must be empty or absent. */
export async function restorePglite({ from, dataDir }: { from: string; dataDir: string }): Promise<void> {
	if (!(await isDirectory(from))) throw new BackupError(`There is no backup folder at ${from}.`)
	await copyIntoEmpty(from, dataDir)
}

export class BackupError extends Error {}

/** Rows and a content digest per table, the job queue's included. Run as the owner: forced row-level security would hide rows from anyone else. */
export type Fingerprint = Record<string, { rows: number; digest: string }>

export async function databaseFingerprint(db: Database): Promise<Fingerprint> {
	const tables = await selectRows<{ name: string }>(
		db,
		sql`select format('%I.%I', table_schema, table_name) as name from information_schema.tables
			where table_type = 'BASE TABLE' and table_schema in ('public', 'pgboss') order by 1`,
	)
	if (tables.length === 0) return {}
	// A sum of row hashes: the same rows in any order give the same digest, without sorting.
	const query = tables.map(({ name }) => `select '${name}' as name, count(*)::int as rows, coalesce(sum(hashtextextended(t::text, 0)::numeric), 0)::text as digest from ${name} as t`).join(' union all ')
	const rows = await selectRows<{ name: string; rows: number; digest: string }>(db, sql.raw(query))
	return Object.fromEntries(rows.map(({ name, rows: count, digest }) => [name, { rows: count, digest }]))
}

async function copyIntoEmpty(from: string, to: string): Promise<void> {
	if ((await isDirectory(to)) && (await readdir(to)).length > 0) throw new BackupError(`${to} is not empty: choose a new folder.`)
	await mkdir(to, { recursive: true })
	await cp(from, to, { recursive: true, errorOnExist: true, force: false })
}

async function isDirectory(path: string): Promise<boolean> {
	return stat(path).then(
		(found) => found.isDirectory(),
		() => false,
	)
}

/**
 * Runs a PostgreSQL client tool against `url`, given as libpq's environment variables so the
 * password never shows in the process list; its own message when it fails.
 */
function run(command: string, args: string[], url: string): Promise<void> {
	const { hostname, port, username, password, pathname, searchParams } = new URL(url)
	const env = {
		...process.env,
		PGHOST: searchParams.get('host') ?? hostname,
		PGPORT: port || '5432',
		PGUSER: decodeURIComponent(username),
		PGPASSWORD: decodeURIComponent(password),
		PGDATABASE: decodeURIComponent(pathname.slice(1)),
		PGSSLMODE: searchParams.get('sslmode') ?? process.env.PGSSLMODE ?? 'prefer',
	}
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] })
		let stderr = ''
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
		child.on('error', (error) => reject(new BackupError(`${command} could not start: ${error.message}`)))
		child.on('close', (code) => (code === 0 ? resolve() : reject(new BackupError(`${command} failed (${code}): ${stderr.trim()}`))))
	})
}
