import { eq, sql, type SQL } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { APP_ROLE, selectRows, type Database, type DatabaseClient } from './client.ts'
import * as schema from './schema/index.ts'
import { inspectCurrentRole, withTenantContext, type RoleFacts } from './tenancy.ts'
import { courseRow, failure, insertTwoUnitsAndAProvider } from './tenancy-fixtures.ts'
import { createTestDatabase, testDrivers, type TestDatabase } from './testing.ts'

// The second wall (ADR 006): whatever SQL the portal runs, the database itself keeps a unit's
// private rows from other units. Every query below is raw and unfiltered on purpose.

const PRIVATE_TABLES = ['users', 'job_profiles', 'role_assignments', 'enrolments', 'audit_log'] as const

describe.each(await testDrivers())('row-level security on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let ids: Awaited<ReturnType<typeof insertTwoUnitsAndAProvider>>
	let owner: RoleFacts

	const as = <T>(tenantId: string | null, work: (tx: Database) => Promise<T>) =>
		withTenantContext(app.db, { tenantId, userId: null }, work)
	const raw = <T = Record<string, unknown>>(db: Database, query: SQL) => selectRows<T>(db, query)
	const idsOf = (rows: { id: unknown }[]) => rows.map((row) => String(row.id)).sort()

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		ids = await insertTwoUnitsAndAProvider(database.db)
		owner = await inspectCurrentRole(database.db)
		app = await database.connectAsApp({ maxConnections: 1 })
	})
	afterAll(() => database?.close())

	test('the portal connects as a role that is no superuser, cannot bypass RLS and owns no table', async () => {
		const role = await inspectCurrentRole(app.db)
		expect(role).toEqual({ name: APP_ROLE, superuser: false, bypassRls: false, ownedTables: [] })
		// The same check tells the owner apart, which is what the portal warns about at start.
		expect(owner.superuser || owner.bypassRls).toBe(true)
		expect(owner.ownedTables).toEqual(expect.arrayContaining(['courses', 'enrolments', 'users']))
	})

	test('every table has row-level security enabled and forced, so a new table without it fails here', async () => {
		const tables = await raw<{ table: string; enabled: boolean; forced: boolean }>(
			app.db,
			sql`select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced
				from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`,
		)
		const tenantOwned = await raw<{ table: string }>(
			app.db,
			sql`select distinct table_name as table from information_schema.columns
				where table_schema = 'public' and column_name in ('tenant_id', 'provider_tenant_id')`,
		)
		expect(tenantOwned.length).toBeGreaterThanOrEqual(9)
		expect(tables.map((t) => t.table)).toEqual(expect.arrayContaining(tenantOwned.map((t) => t.table)))
		expect(tables.filter((t) => !t.enabled || !t.forced)).toEqual([])
	})

	test('a policy that reads other tables asks first whether the row is the unit\'s own (ADR 032)', async () => {
		// PostgreSQL ORs a table's permissive policies in an order of its own and evaluates each
		// left to right: a sub-select first runs for every one of the unit's own rows.
		const policies = await raw<{ table: string; policy: string; qual: string }>(
			app.db,
			sql`select p.tablename as table, p.policyname as policy, p.qual from pg_policies p
				where p.schemaname = 'public' and p.permissive = 'PERMISSIVE' and p.cmd in ('SELECT', 'ALL', 'UPDATE')
					and p.qual ilike '%exists%'
					and exists (select 1 from pg_policies own where own.tablename = p.tablename and own.policyname <> p.policyname
						and own.qual ~ '^\\((provider_)?tenant_id = \\( SELECT app_tenant_id\\(\\) AS app_tenant_id\\)\\)$')`,
		)
		expect(policies.length).toBeGreaterThanOrEqual(10)
		expect(policies.filter((p) => /^\(*EXISTS/i.test(p.qual)).map((p) => p.policy)).toEqual([])
	})

	test('without a tenant context no private row is visible, while the public catalogue still is', async () => {
		for (const table of PRIVATE_TABLES) {
			expect(await raw(app.db, sql`select * from ${sql.identifier(table)}`), table).toEqual([])
			expect(await as(null, (tx) => raw(tx, sql`select * from ${sql.identifier(table)}`)), table).toEqual([])
		}
		expect(await failure(raw(app.db, sql`select * from auth_sessions`))).toMatch(/permission denied/)
		expect(idsOf(await raw(app.db, sql`select id from courses`))).toEqual([ids.courses.open])
		expect(idsOf(await raw(app.db, sql`select id from sessions`))).toEqual([ids.sessions.nvwaOpen, ids.sessions.acmOpen].sort())
		expect(await raw(app.db, sql`select id from tenants`)).toHaveLength(3)
	})

	test("under one unit's context, raw SQL returns none of another unit's private rows", async () => {
		const seen = await as(ids.rvo, async (tx) => ({
			users: idsOf(await raw(tx, sql`select id from users`)),
			enrolments: idsOf(await raw(tx, sql`select id from enrolments`)),
			jobProfiles: idsOf(await raw(tx, sql`select id from job_profiles`)),
			roles: idsOf(await raw(tx, sql`select id from role_assignments`)),
			courses: idsOf(await raw(tx, sql`select id from courses`)),
			audit: await raw<{ action: string }>(tx, sql`select action from audit_log`),
		}))
		expect(seen.users).toEqual([ids.users.ann, ids.users.bob].sort())
		expect(seen.enrolments).toEqual([ids.enrolments.ann])
		expect(seen.jobProfiles).toEqual([ids.jobProfiles.rvo])
		expect(seen.roles).toEqual([ids.roles.bobCoordinator])
		// Not NVWA's draft, nor its course opened only to ACM.
		expect(seen.courses).toEqual([ids.courses.open, ids.courses.forRvo, ids.courses.rvoDraft].sort())
		expect(seen.audit.map((a) => a.action)).toEqual(['rvo.settings.updated'])
	})

	test("under one unit's context, another unit's rows cannot be written", async () => {
		await as(ids.rvo, async (tx) => {
			const renamed = await tx.update(schema.users).set({ name: 'Overgenomen' }).where(eq(schema.users.id, ids.users.carl)).returning()
			const deleted = await tx.delete(schema.enrolments).where(eq(schema.enrolments.id, ids.enrolments.carl)).returning()
			const tenantRenamed = await tx.update(schema.tenants).set({ name: 'Overgenomen' }).where(eq(schema.tenants.id, ids.acm)).returning()
			expect([renamed, deleted, tenantRenamed]).toEqual([[], [], []])
		})
		const refused = [
			(tx: Database) => tx.insert(schema.enrolments).values({ tenantId: ids.acm, sessionId: ids.sessions.acmOpen, userId: ids.users.carl, status: 'enrolled' }),
			(tx: Database) => tx.insert(schema.users).values({ tenantId: ids.acm, employeeNumber: 'x', name: 'Indringer', email: 'x@acm.test' }),
			(tx: Database) => tx.insert(schema.courses).values({ ...courseRow(ids.nvwa, 'Ondergeschoven'), status: 'published' }),
			(tx: Database) => tx.update(schema.users).set({ tenantId: ids.acm }).where(eq(schema.users.id, ids.users.bob)),
			(tx: Database) => tx.insert(schema.auditLog).values({ tenantId: ids.nvwa, action: 'forged', objectType: 'course', result: 'success' }),
		]
		for (const attempt of refused) expect(await failure(as(ids.rvo, attempt))).toMatch(/row-level security/)
		expect(await failure(as(ids.rvo, (tx) => tx.insert(schema.themes).values({ slug: 'x', nameNl: 'x', nameEn: 'x' })))).toMatch(/permission denied/)
		expect(await failure(as(ids.rvo, (tx) => tx.delete(schema.auditLog)))).toMatch(/permission denied/)
		const [carl] = await as(ids.acm, (tx) => tx.select().from(schema.users).where(eq(schema.users.id, ids.users.carl)))
		expect(carl?.name).toBe('Carl van ACM')
	})

	test('the providing unit sees the participants of its own sessions from other units, and nothing else of those units', async () => {
		const seen = await as(ids.nvwa, async (tx) => ({
			users: idsOf(await raw(tx, sql`select id from users`)),
			enrolments: idsOf(await raw(tx, sql`select id from enrolments`)),
			jobProfiles: idsOf(await raw(tx, sql`select id from job_profiles`)),
			roles: idsOf(await raw(tx, sql`select id from role_assignments`)),
		}))
		// Ann (RVO) follows NVWA's session; Bob (RVO) and Carl (ACM, in ACM's session) do not.
		expect(seen.users).toEqual([ids.users.nina, ids.users.ann].sort())
		expect(seen.enrolments).toEqual([ids.enrolments.ann])
		expect(seen.jobProfiles).toEqual([ids.jobProfiles.nvwa])
		expect(seen.roles).toEqual([])
	})

	test('the providing unit records attendance, but cannot cancel the enrolment or touch other sessions', async () => {
		await as(ids.nvwa, async (tx) => {
			const attended = await tx.update(schema.enrolments).set({ status: 'attended' }).where(eq(schema.enrolments.id, ids.enrolments.ann)).returning()
			expect(attended.map((e) => e.status)).toEqual(['attended'])
			expect(await tx.update(schema.enrolments).set({ status: 'attended' }).where(eq(schema.enrolments.id, ids.enrolments.carl)).returning()).toEqual([])
			expect(await tx.delete(schema.enrolments).where(eq(schema.enrolments.id, ids.enrolments.ann)).returning()).toEqual([])
		})
	})

	test("a unit's own look (ADR 052) is read and written by its own context only", async () => {
		const logo = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')
		const now = new Date('2026-12-07T10:00:00Z')
		// Each unit sets its own, in its own context.
		await as(ids.rvo, (tx) => tx.insert(schema.tenantBrandings).values({ tenantId: ids.rvo, accentColour: '#42145f', logo, logoType: 'image/svg+xml', updatedAt: now }))
		await as(ids.acm, (tx) => tx.insert(schema.tenantBrandings).values({ tenantId: ids.acm, accentColour: '#a90061', updatedAt: now }))
		expect(await raw(app.db, sql`select tenant_id from tenant_brandings`)).toEqual([])
		expect(await as(ids.rvo, (tx) => raw<{ accent: string }>(tx, sql`select accent_colour as accent from tenant_brandings`))).toEqual([{ accent: '#42145f' }])
		await as(ids.rvo, async (tx) => {
			const changed = await tx.update(schema.tenantBrandings).set({ accentColour: '#000000' }).where(eq(schema.tenantBrandings.tenantId, ids.acm)).returning()
			const removed = await tx.delete(schema.tenantBrandings).where(eq(schema.tenantBrandings.tenantId, ids.acm)).returning()
			expect([changed, removed]).toEqual([[], []])
		})
		expect(await failure(as(ids.rvo, (tx) => tx.insert(schema.tenantBrandings).values({ tenantId: ids.nvwa, accentColour: '#000000', updatedAt: now })))).toMatch(/row-level security/)
		// Moving the own row to another unit: the key is not among the columns the portal may update.
		expect(await failure(as(ids.rvo, (tx) => tx.update(schema.tenantBrandings).set({ tenantId: ids.acm })))).toMatch(/permission denied/)
		// The database refuses what the portal's checks should have: a colour that is no #rrggbb, a logo of another type.
		expect(await failure(as(ids.rvo, (tx) => tx.update(schema.tenantBrandings).set({ accentColour: 'red' })))).toMatch(/tenant_branding_accent/)
		expect(await failure(as(ids.rvo, (tx) => tx.update(schema.tenantBrandings).set({ logoType: 'text/html' })))).toMatch(/tenant_branding_logo/)
		const [acm] = await as(ids.acm, (tx) => tx.select().from(schema.tenantBrandings))
		expect(acm?.accentColour).toBe('#a90061')
	})

	test('the tenant context does not outlive its transaction on a pooled connection', async () => {
		// `app` has a single connection: the next statement runs on the very same session.
		expect(await as(ids.rvo, (tx) => raw(tx, sql`select id from enrolments`))).toHaveLength(1)
		expect(await raw(app.db, sql`select id from enrolments`)).toEqual([])
		const [settings] = await raw<{ tenant: string | null; user: string | null }>(
			app.db,
			sql`select current_setting('app.tenant_id', true) as tenant, current_setting('app.user_id', true) as user`,
		)
		expect([settings?.tenant ?? '', settings?.user ?? '']).toEqual(['', ''])
		await expect(as(ids.rvo, async () => Promise.reject(new Error('rolled back')))).rejects.toThrow('rolled back')
		expect(await raw(app.db, sql`select id from enrolments`)).toEqual([])
	})

	test('a tenant id that is not a UUID fails the query instead of widening it', async () => {
		expect(await failure(as("' or true --", (tx) => raw(tx, sql`select id from enrolments`)))).toMatch(/uuid/)
	})
})

/** The database's own message: drizzle wraps it in a "Failed query" error. */
