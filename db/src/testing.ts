import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { sql } from 'drizzle-orm'
import { APP_ROLE, createDatabase, selectRows, switchToAppRole, type Database, type DatabaseClient } from './client.ts'
import { MAIL_QUEUE, type MailJob } from './jobs/queue.ts'
import { migrateDatabase } from './migrate.ts'
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

/** A fresh, migrated database: in-memory PGlite, or a new database on the test server that `close` drops. */
export async function createTestDatabase(driver: TestDriver, { migrate = true } = {}): Promise<TestDatabase> {
	if (driver === 'pglite') {
		const client = await createDatabase({ driver: 'pglite', dataDir: null }, { role: 'migrator' })
		if (migrate) await migrateDatabase(client)
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
	const name = `leerplein_test_${randomBytes(6).toString('hex')}`
	const admin = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} })
	await admin.unsafe(`create database ${name}`)
	await admin.end()
	const url = withDatabase(TEST_POSTGRES_URL, name)
	const appUrl = withUser(url, APP_ROLE)
	const config = { driver: 'postgres', url: appUrl, migrationUrl: url } as const
	const client = await createDatabase(config, { role: 'migrator' })
	if (migrate) await migrateDatabase(client)
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
			const dropper = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} })
			await dropper.unsafe(`drop database if exists ${name} with (force)`)
			await dropper.end()
		},
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
