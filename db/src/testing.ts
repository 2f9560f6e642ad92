import { createHash, randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { PGlite } from '@electric-sql/pglite'
import postgres from 'postgres'
import { sql } from 'drizzle-orm'
import { APP_ROLE, createDatabase, selectRows, switchToAppRole, type Database, type DatabaseClient } from './client.ts'
import { MAIL_QUEUE, type MailJob } from './jobs/queue.ts'
import { migrateDatabase } from './migrate.ts'
import { seedDatabase } from './seed/index.ts'
import * as schema from './schema/index.ts'

/** The server the test suite may create throw-away databases on (trust auth in CI). */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export type TestDriver = 'pglite' | 'postgres'

/**
 * The drivers to run database tests against. Both, always, in CI; on a laptop without a
 * PostgreSQL server the PGlite half still runs, and the missing half is said out loud.
 */
export async function testDrivers(): Promise<TestDriver[]> {
	if (await postgresReachable()) return ['pglite', 'postgres']
	if (process.env.CI) throw new Error(`PostgreSQL is not reachable at ${redact(TEST_POSTGRES_URL)}; CI must test both drivers`)
	console.warn(`\n!! PostgreSQL not reachable at ${redact(TEST_POSTGRES_URL)}: only the PGlite half of the database tests runs.\n`)
	return ['pglite']
}

async function postgresReachable(): Promise<boolean> {
	const sql = postgres(TEST_POSTGRES_URL, { max: 1, connect_timeout: 3, onnotice: () => {} })
	try {
		await sql`select 1`
		return true
	} catch {
		return false
	} finally {
		await sql.end({ timeout: 1 })
	}
}

/**
 * A throw-away database. The client itself is the owner (`role: 'migrator'`), for setting up
 * data; `connectAsApp()` gives a client as the portal's role, which obeys row-level security.
 */
export type TestDatabase = DatabaseClient & {
	name: string
	/** The owner's URL (PostgreSQL only). */
	url: string | null
	/** The same database as leerplein_app (PostgreSQL only). */
	appUrl: string | null
	/**
	 * PostgreSQL: a new pool as leerplein_app, closed with the database. PGlite has a single
	 * connection, so this switches that one connection with SET ROLE, as the server does: set up
	 * every row you need as the owner first, because afterwards the owner client is the app role too.
	 */
	connectAsApp: (options?: { maxConnections?: number }) => Promise<DatabaseClient>
	/**
	 * Runs `work` as the owner, also after connectAsApp: on PGlite its one connection is switched
	 * back from the app role for the duration; on PostgreSQL the owner's pool is its own.
	 */
	asOwner: <T>(work: (db: Database) => Promise<T>) => Promise<T>
}

/**
 * A fresh database: in-memory PGlite, or a new database on the test server that `close` drops.
 * Migrated (a copy of the template, see below), or empty with `migrate: false`, or holding the
 * default seed at DEFAULT_SEED_AT with `seed: 'default'`.
 */
export async function createTestDatabase(driver: TestDriver, { migrate = true, seed }: { migrate?: boolean; seed?: 'default' } = {}): Promise<TestDatabase> {
	const template: TemplateName | null = seed === 'default' ? 'default-seed' : migrate ? 'migrated' : null
	if (driver === 'pglite') {
		const client = await createDatabase({ driver: 'pglite', dataDir: null, template: template ? await pgliteTemplate(template) : undefined }, { role: 'migrator' })
		let appRole = false
		return {
			...client,
			name: 'pglite-memory',
			url: null,
			appUrl: null,
			async connectAsApp() {
				const app = await switchToAppRole(client)
				appRole = true
				return { ...app, close: async () => {} }
			},
			async asOwner(work) {
				if (!appRole) return work(client.db)
				await client.db.execute(sql`reset role`)
				try {
					return await work(client.db)
				} finally {
					await client.db.execute(sql.raw(`set role ${APP_ROLE}`))
				}
			},
		}
	}
	const { name, url } = await createPostgresDatabase({ template })
	const appUrl = withUser(url, APP_ROLE)
	const config = { driver: 'postgres', url: appUrl, migrationUrl: url } as const
	const client = await createDatabase(config, { role: 'migrator' })
	const appClients: DatabaseClient[] = []
	return {
		...client,
		name,
		url,
		appUrl,
		async connectAsApp({ maxConnections } = {}) {
			await allowAppRoleLogin()
			const app = await createDatabase({ ...config, maxConnections }, { role: 'app' })
			appClients.push(app)
			return app
		},
		asOwner: (work) => work(client.db),
		async close() {
			await Promise.all(appClients.map((app) => app.close()))
			await client.close()
			await dropPostgresDatabase(name)
		},
	}
}

/**
 * A new database on the test server, named `leerplein_test_…`: empty, or a copy of a template
 * (see below). The caller drops it (`dropPostgresDatabase`).
 */
export async function createPostgresDatabase({ template }: { template: TemplateName | null }): Promise<{ name: string; url: string }> {
	const source = template ? await postgresTemplate(template) : null
	const name = `leerplein_test_${randomBytes(6).toString('hex')}`
	const admin = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} })
	try {
		await admin.unsafe(source ? `create database ${name} template ${source}` : `create database ${name}`)
	} finally {
		await admin.end()
	}
	return { name, url: withDatabase(TEST_POSTGRES_URL, name) }
}

export async function dropPostgresDatabase(name: string): Promise<void> {
	const admin = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} })
	try {
		await admin.unsafe(`drop database if exists ${name} with (force)`)
	} finally {
		await admin.end()
	}
}

// ---- Templates -------------------------------------------------------------------------------------
//
// Migrating a new database is most of a database test's set-up (PGlite's initdb alone takes
// seconds, and there are some 70 migrations), and the default seed takes minutes. So the suite
// makes each once and copies it for every test database: PGlite loads a dumped data directory,
// kept in the temporary directory for every test process; PostgreSQL copies a template database.
// A template's name holds a fingerprint of everything that made it, so a new migration or a
// change to the seed makes a new one. Migrating an empty database is still tested as such
// (migrate.test.ts, and the portal's first start in e2e/lifecycle.test.ts).

/** The default seed's moment in the tests that read it (its dates count from here). */
export const DEFAULT_SEED_AT = new Date('2026-11-23T10:00:00Z')

export type TemplateName = 'migrated' | 'default-seed'

const TEMPLATES: Record<TemplateName, { from: TemplateName | null; sources: string[]; fill: (client: DatabaseClient) => Promise<void> }> = {
	// An empty database, migrated: what the migrations, the job queue's set-up and the packages' versions make.
	migrated: {
		from: null,
		sources: ['migrations', 'src/jobs/queue.ts', 'src/migrate.ts', 'package.json'],
		fill: migrateDatabase,
	},
	// The default seed (3,000 courses, 14,000 people) at DEFAULT_SEED_AT, on the migrated template.
	'default-seed': {
		from: 'migrated',
		sources: ['src', '../packages/domain/src', '../packages/domain/package.json'],
		fill: async (client) => {
			await seedDatabase(client.db, { scale: 'default', now: DEFAULT_SEED_AT })
		},
	},
}

const dbDir = fileURLToPath(new URL('..', import.meta.url))
const fingerprints = new Map<TemplateName, string>()

/** A template's name with the fingerprint of its files, and of the template it starts from. */
function templateKey(name: TemplateName): string {
	const known = fingerprints.get(name)
	if (known) return known
	const { from, sources } = TEMPLATES[name]
	const hash = createHash('sha256').update(from ? templateKey(from) : '')
	const files = sources.flatMap((source) => {
		const path = join(dbDir, source)
		if (statSync(path).isFile()) return [path]
		return readdirSync(path, { recursive: true, encoding: 'utf8' })
			.filter((file) => !/\.test\.ts$/.test(file))
			.map((file) => join(path, file))
			.filter((file) => statSync(file).isFile())
	})
	for (const file of files.sort()) hash.update(file.slice(dbDir.length)).update('\0').update(readFileSync(file)).update('\0')
	const key = `${name.replace('-', '_')}_${hash.digest('hex').slice(0, 16)}`
	fingerprints.set(name, key)
	return key
}

const pgliteDumps = new Map<TemplateName, Promise<Blob>>()

/** A PGlite template's data directory, dumped: read from the temporary directory, or made there by the first process that needs it. */
export function pgliteTemplate(name: TemplateName): Promise<Blob> {
	let dump = pgliteDumps.get(name)
	if (!dump) {
		dump = (async () => {
			const file = join(tmpdir(), `leerplein-pglite-${templateKey(name)}.tar`)
			await onlyOnce(file, async (partial) => {
				const { from, fill } = TEMPLATES[name]
				const client = await createDatabase({ driver: 'pglite', dataDir: null, template: from ? await pgliteTemplate(from) : undefined }, { role: 'migrator' })
				try {
					await fill(client)
					const made = await (client.db as unknown as { $client: PGlite }).$client.dumpDataDir('none')
					writeFileSync(partial, Buffer.from(await made.arrayBuffer()))
				} finally {
					await client.close()
				}
			})
			return new Blob([readFileSync(file)])
		})()
		pgliteDumps.set(name, dump)
	}
	return dump
}

let pgliteDirectory: Promise<string> | undefined

/**
 * The migrated PGlite template as a data directory on disk, for a portal process to start on a
 * copy of (tests/support/portal.ts).
 */
export function pgliteTemplateDirectory(): Promise<string> {
	pgliteDirectory ??= (async () => {
		const directory = join(tmpdir(), `leerplein-pglite-${templateKey('migrated')}`)
		await onlyOnce(directory, async (partial) => {
			const client = await createDatabase({ driver: 'pglite', dataDir: partial, template: await pgliteTemplate('migrated') }, { role: 'migrator' })
			await client.close()
		})
		return directory
	})()
	return pgliteDirectory
}

/**
 * Makes `path` once for every process that asks: the first takes a lock file and makes it (aside,
 * then renamed, so no one reads it half made), the others wait until it is there. A maker that
 * dies leaves the lock to the next process that asks.
 */
async function onlyOnce(path: string, make: (partial: string) => Promise<void>): Promise<void> {
	const lock = `${path}.lock`
	const partial = `${path}.partial`
	// A deadline, not a wait: the default seed takes minutes to make on a busy machine, never ten.
	const deadline = Date.now() + 600_000
	while (!existsSync(path)) {
		if (Date.now() > deadline) throw new Error(`${path} was not made within ten minutes; see who holds ${lock}`)
		try {
			writeFileSync(lock, String(process.pid), { flag: 'wx' })
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
			const holder = Number(readFileSync(lock, 'utf8'))
			if (holder && !isAlive(holder)) rmSync(lock, { force: true })
			else await new Promise((resolve) => setTimeout(resolve, 200))
			continue
		}
		try {
			rmSync(partial, { recursive: true, force: true }) // what a maker that died left behind
			await make(partial)
			renameSync(partial, path)
		} catch (error) {
			rmSync(partial, { recursive: true, force: true })
			throw error
		} finally {
			rmSync(lock, { force: true })
		}
	}
}

/** Whether a process still runs (signal 0 only asks). */
export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0)
		return true
	} catch {
		return false
	}
}

const postgresTemplates = new Map<TemplateName, Promise<string>>()

/** The name of a template database on the test server, made by the first process that needs it. */
export function postgresTemplate(name: TemplateName): Promise<string> {
	let database = postgresTemplates.get(name)
	if (!database) {
		database = (async () => {
			const key = `leerplein_${templateKey(name)}`
			const admin = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} })
			try {
				// Test processes start together: one makes the template, the others wait for it (a lock per template).
				await admin`select pg_advisory_lock(hashtext(${key}))`
				const [existing] = await admin`select 1 from pg_database where datname = ${key}`
				if (!existing) {
					// Made under another name and renamed when complete, so a template half made is never used.
					const { from, fill } = TEMPLATES[name]
					const building = await createPostgresDatabase({ template: from })
					try {
						const client = await createDatabase({ driver: 'postgres', url: building.url, migrationUrl: building.url }, { role: 'migrator' })
						try {
							await fill(client)
						} finally {
							await client.close()
						}
						await renameWhenFree(admin, building.name, key)
					} catch (error) {
						await dropPostgresDatabase(building.name)
						throw error
					}
				}
				await admin`select pg_advisory_unlock(hashtext(${key}))`
			} finally {
				await admin.end()
			}
			return key
		})()
		postgresTemplates.set(name, database)
	}
	return database
}

/**
 * Renames a database as soon as no one is connected to it: the server process of a connection
 * just closed may still be ending (CREATE DATABASE waits for those; ALTER DATABASE does not).
 */
async function renameWhenFree(admin: postgres.Sql, from: string, to: string): Promise<void> {
	for (let attempt = 1; ; attempt++) {
		try {
			await admin.unsafe(`alter database ${from} rename to ${to}`)
			return
		} catch (error) {
			// 55006: object_in_use ("database is being accessed by other users").
			if ((error as { code?: string }).code !== '55006' || attempt === 100) throw error
			await new Promise((resolve) => setTimeout(resolve, 100))
		}
	}
}

let loginAllowed: Promise<void> | undefined

/**
 * Lets leerplein_app log in on the test server (trust auth, so no password). In production
 * this is an operations step, never a migration (ADR 006). The role is server-wide and test
 * processes run in parallel, so this runs under an advisory lock, and creates the role when no
 * migration has yet (the migration then finds it and moves on).
 */
/** The mail jobs in the queue, oldest first: what services enqueued, for tests outside this package. */
export async function listMailJobs(db: Database): Promise<MailJob[]> {
	const rows = await selectRows<{ data: MailJob }>(db, sql`select data from pgboss.job where name = ${MAIL_QUEUE} order by created_on, id`)
	return rows.map((row) => row.data)
}

/** Marks every queued mail job done, as a worker that sent them would. */
export async function finishMailJobs(db: Database): Promise<void> {
	await db.execute(sql`update pgboss.job set state = 'completed', completed_on = now() where name = ${MAIL_QUEUE}`)
}

/** The jobs of a queue not yet done, oldest first, with their ids: what a worker would run next. */
export async function listQueuedJobs<T>(db: Database, queue: string): Promise<{ id: string; data: T }[]> {
	return selectRows<{ id: string; data: T }>(db, sql`select id, data from pgboss.job where name = ${queue} and state = 'created' order by created_on, id`)
}

/** Marks one job done, as the worker that ran it would. */
export async function finishJob(db: Database, id: string): Promise<void> {
	await db.execute(sql`update pgboss.job set state = 'completed', completed_on = now() where id = ${id}`)
}

export function allowAppRoleLogin(): Promise<void> {
	loginAllowed ??= (async () => {
		const admin = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} })
		try {
			await admin.begin(async (tx) => {
				await tx`select pg_advisory_xact_lock(${APP_ROLE_LOCK_KEY})`
				await tx.unsafe(`
					do $$
					begin
						if not exists (select from pg_roles where rolname = '${APP_ROLE}') then
							create role ${APP_ROLE} login nosuperuser nobypassrls noinherit nocreatedb nocreaterole;
						elsif not (select rolcanlogin from pg_roles where rolname = '${APP_ROLE}') then
							alter role ${APP_ROLE} login;
						end if;
					exception when duplicate_object or unique_violation then
						alter role ${APP_ROLE} login;
					end
					$$`)
			})
		} finally {
			await admin.end()
		}
	})()
	return loginAllowed
}

/** An arbitrary, fixed advisory-lock key for changing the server-wide app role. */
const APP_ROLE_LOCK_KEY = 2_718_281_828

export function withDatabase(url: string, database: string): string {
	const parsed = new URL(url)
	parsed.pathname = `/${database}`
	return parsed.toString()
}

export function withUser(url: string, user: string): string {
	const parsed = new URL(url)
	parsed.username = user
	parsed.password = ''
	return parsed.toString()
}

function redact(url: string): string {
	const parsed = new URL(url)
	if (parsed.password) parsed.password = '***'
	return parsed.toString()
}

// ---- Fixtures several feature tests share, written as the owner -------------------------------

type TenantExtras = Partial<Pick<typeof schema.tenants.$inferInsert, 'poOverrides'>>

/** NVWA (often the providing unit) and RVO (often the employee's), each with its own P&O overrides when a test needs them. */
export async function insertNvwaAndRvo(db: Database, extras: { nvwa?: TenantExtras; rvo?: TenantExtras } = {}): Promise<{ nvwa: string; rvo: string }> {
	const [nvwa, rvo] = await db
		.insert(schema.tenants)
		.values([
			{ slug: 'nvwa', name: 'Nederlandse Voedsel- en Warenautoriteit', shortName: 'NVWA', ...extras.nvwa },
			{ slug: 'rvo', name: 'Rijksdienst voor Ondernemend Nederland', shortName: 'RVO', ...extras.rvo },
		])
		.returning({ id: schema.tenants.id })
	return { nvwa: nvwa!.id, rvo: rvo!.id }
}

/** Employees of one unit, named (the name doubles as employee number and mailbox); their ids in the same order. */
export async function insertPeople(db: Database, tenantId: string, names: readonly string[]): Promise<string[]> {
	const rows = await db
		.insert(schema.users)
		.values(names.map((name) => ({ tenantId, employeeNumber: name, name, email: `${name.replace(/ /g, '.')}@test.nl` })))
		.returning({ id: schema.users.id })
	return rows.map((row) => row.id)
}

/** A Moodle's LTI registration as tests store it. */
export function testLtiTool(name = 'Moodle', clientId = 'moodle') {
	return {
		name,
		clientId,
		deploymentIds: ['1'],
		loginUrl: 'https://moodle.test/enrol/lti/login.php',
		targetLinkUri: 'https://moodle.test/enrol/lti/launch.php',
		redirectUris: ['https://moodle.test/enrol/lti/launch.php'],
		jwksUrl: 'https://moodle.test/enrol/lti/jwks.php',
		scopes: [],
	}
}

/**
 * A published, concern-wide e-learning course of `providerTenantId` on a new tool, with one online
 * part (its pass mark) and `lineItems` graded items of maximum 100 on it.
 */
export async function insertElearningOnTool(
	db: Database,
	{ providerTenantId, title, passMarkPercent, lineItems = 1 }: { providerTenantId: string; title: string; passMarkPercent: number | null; lineItems?: number },
) {
	const [course] = await db
		.insert(schema.courses)
		.values({ providerTenantId, title, summary: title, description: title, form: 'elearning', durationMinutes: 60, status: 'published', visibility: 'concern' })
		.returning({ id: schema.courses.id })
	const [tool] = await db.insert(schema.ltiTools).values(testLtiTool()).returning()
	const [link] = await db
		.insert(schema.ltiResourceLinks)
		.values({ tenantId: providerTenantId, courseId: course!.id, toolId: tool!.id, deploymentId: '1', title, custom: {}, passMarkPercent })
		.returning({ id: schema.ltiResourceLinks.id })
	const items = await db
		.insert(schema.ltiLineItems)
		.values(Array.from({ length: lineItems }, (_, k) => ({ tenantId: providerTenantId, courseId: course!.id, toolId: tool!.id, resourceLinkId: link!.id, label: `${title} ${k + 1}`, scoreMaximum: 100 })))
		.returning({ id: schema.ltiLineItems.id })
	return { courseId: course!.id, tool: tool!, resourceLinkId: link!.id, lineItemIds: items.map((item) => item.id) }
}
