import { randomUUID } from 'node:crypto'
import { sql, type SQL } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { selectRows, type Database, type DatabaseClient } from './client.ts'
import { findUserIdByEmail, getSignedInPerson, insertSession, listSessionsOfUser } from './queries/auth.ts'
import { getPlatformSigningKey, insertFirstPlatformKey } from './queries/lti.ts'
import * as schema from './schema/index.ts'
import { failure, insertTwoUnitsAndAProvider } from './tenancy-fixtures.ts'
import { signContext, withTenantContext, withToolContext } from './tenancy.ts'
import { createTestDatabase, testDrivers, type TestDatabase } from './testing.ts'

// The second wall against SQL run as the portal's own role (issue 12 item 4, ADR 024). Each
// attack below is what the probe did as leerplein_app; each now yields nothing or an error,
// while the portal's own path (withTenantContext, withToolContext, the signed calls) works.

describe.each(await testDrivers())('the second wall holds against SQL run as the app role on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let ids: Awaited<ReturnType<typeof insertTwoUnitsAndAProvider>>
	let toolId: string
	let otherToolId: string

	const raw = <T = Record<string, unknown>>(db: Database, query: SQL) => selectRows<T>(db, query)
	const idsOf = (rows: { id: unknown }[]) => rows.map((row) => String(row.id)).sort()
	/** One statement, no transaction of the portal's: what injected or stolen-credential SQL runs. */
	const attack = <T = Record<string, unknown>>(query: SQL) => raw<T>(app.db, query)

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		ids = await insertTwoUnitsAndAProvider(database.db)
		const tool = (name: string) => ({
			name,
			clientId: `client-${name}`,
			deploymentIds: ['1'],
			loginUrl: 'https://moodle.test/login',
			targetLinkUri: 'https://moodle.test/launch',
			redirectUris: ['https://moodle.test/launch'],
			publicJwk: { kty: 'RSA' },
		})
		const [first, other] = await database.db.insert(schema.ltiTools).values([tool('moodle'), tool('other')]).returning({ id: schema.ltiTools.id })
		toolId = first!.id
		otherToolId = other!.id
		await database.db
			.insert(schema.ltiResourceLinks)
			.values({ tenantId: ids.nvwa, courseId: ids.courses.open, toolId, deploymentId: '1', title: 'Online deel' })
		app = await database.connectAsApp({ maxConnections: 1 })
		await insertFirstPlatformKey(app.db, { kid: 'kid-1', publicJwk: { kty: 'RSA', n: 'public' }, privateJwk: { kty: 'RSA', d: 'private' } })
	})
	afterAll(() => database?.close())

	test("set_config inside one statement reads no unit's people", async () => {
		const rows = await attack(sql`select u.id from (select set_config('app.tenant_id', ${ids.rvo}, true)) s, users u`)
		expect(rows).toEqual([])
		const withUser = await attack(
			sql`select u.id from (select set_config('app.tenant_id', ${ids.rvo}, true), set_config('app.user_id', ${ids.users.ann}, true)) s, users u`,
		)
		expect(withUser).toEqual([])
	})

	test('a session-wide set_config is ignored in the next transaction, even with a proof copied from a real one', async () => {
		const proof = await withTenantContext(app.db, { tenantId: ids.rvo, userId: ids.users.bob }, async (tx) => {
			expect(idsOf(await raw(tx, sql`select id from users`))).toEqual([ids.users.ann, ids.users.bob].sort())
			const [row] = await raw<{ proof: string }>(tx, sql`select current_setting('app.context_proof') as proof`)
			return row!.proof
		})
		await attack(
			sql`select set_config('app.tenant_id', ${ids.rvo}, false), set_config('app.user_id', ${ids.users.bob}, false),
				set_config('app.lti_tool_id', '', false), set_config('app.context_proof', ${proof}, false)`,
		)
		try {
			expect(await attack(sql`select id from users`)).toEqual([])
			expect(await attack(sql`select id from enrolments`)).toEqual([])
			// The portal's own next transaction, for another unit, sees that unit and nothing of the forged one.
			const seen = await withTenantContext(app.db, { tenantId: ids.acm, userId: null }, (tx) => raw<{ id: string }>(tx, sql`select id from users`))
			expect(idsOf(seen)).toEqual([ids.users.carl])
		} finally {
			await attack(sql`select set_config('app.tenant_id', '', false), set_config('app.user_id', '', false), set_config('app.context_proof', '', false)`)
		}
	})

	test("inside the portal's own transaction, switching the unit with set_config loses the context instead of widening it", async () => {
		const seen = await withTenantContext(app.db, { tenantId: ids.rvo, userId: null }, async (tx) => {
			await raw(tx, sql`select set_config('app.tenant_id', ${ids.acm}, true)`)
			return raw(tx, sql`select id from users`)
		})
		expect(seen).toEqual([])
	})

	test('posing as the concern administrator does not reach merge_course or the administrator policies', async () => {
		const merge = attack(
			sql`select merge_course(${randomUUID()}::uuid, ${ids.courses.open}::uuid, ${ids.courses.forRvo}::uuid)
				from (select set_config('app.user_id', ${ids.users.nina}, true)) s`,
		)
		expect(await failure(merge)).not.toBe('it did not fail')
		const [admin] = await attack<{ admin: boolean }>(
			sql`select app_is_concern_admin() as admin from (select set_config('app.user_id', ${ids.users.nina}, true)) s`,
		)
		expect(admin!.admin).toBe(false)
		const [course] = await database.asOwner((db) => raw<{ merged: string | null }>(db, sql`select merged_into_course_id as merged from courses where id = ${ids.courses.forRvo}`))
		expect(course!.merged).toBeNull()
	})

	test('a tool id set by hand lists no course members, and a real tool context still does', async () => {
		const forged = await attack(
			sql`select m.user_id from (select set_config('app.lti_tool_id', ${toolId}, true), set_config('app.tenant_id', ${ids.nvwa}, true)) s,
				lti_course_members(${ids.courses.open}::uuid, '{enrolled}'::enrolment_status[]) m`,
		)
		expect(forged).toEqual([])
		const members = await withToolContext(app.db, { tenantId: ids.nvwa, toolId }, (tx) =>
			raw<{ user_id: string }>(tx, sql`select user_id from lti_course_members(${ids.courses.open}::uuid, '{enrolled}'::enrolment_status[])`),
		)
		expect(members.map((m) => m.user_id).sort()).toEqual([ids.users.ann, ids.users.carl].sort())
		// A tool context with no unit ('', as the completion sync uses) is a context of the tool alone.
		const unitless = await withToolContext(app.db, { tenantId: '', toolId }, (tx) => raw<{ tool: string | null }>(tx, sql`select app_lti_tool_id() as tool`))
		expect(unitless).toEqual([{ tool: toolId }])
		const otherTool = await withToolContext(app.db, { tenantId: ids.nvwa, toolId: otherToolId }, (tx) =>
			raw(tx, sql`select user_id from lti_course_members(${ids.courses.open}::uuid, '{enrolled}'::enrolment_status[])`),
		)
		expect(otherTool).toEqual([])
	})

	test('the context setter refuses a forged, altered or expired claim, and its key and MAC function are out of reach', async () => {
		const enter = (tenant: string, expiresMs: number, mac: string) =>
			attack(sql`select app_enter_context(${tenant}::uuid, null, null, ${expiresMs}::bigint, ${mac})`)
		expect(await failure(enter(ids.rvo, Date.now() + 60_000, 'f'.repeat(64)))).toMatch(/tenant context refused/)
		expect(await failure(attack(sql`select key from app_context_key`))).toMatch(/permission denied/)
		expect(await failure(attack(sql`select app_context_mac('context|x')`))).toMatch(/permission denied/)
		expect(await failure(attack(sql`select app_verify_claim('session|x', 1, 'x')`))).toMatch(/permission denied/)
		// A claim signed with some other key (the attacker's) does not verify either.
		const foreign = signContext(Buffer.alloc(32, 7), { tenantId: ids.rvo, userId: null, toolId: null })
		expect(await failure(enter(ids.rvo, foreign.expiresMs, foreign.mac))).toMatch(/tenant context refused/)
	})

	test('a session cannot be created for anyone without the portal’s signed claim', async () => {
		const insert = (mac: string) =>
			attack(sql`select auth_insert_session('forged-hash', ${ids.users.nina}::uuid, now() + interval '1 hour', now() + interval '8 hours',
				3600, null, null, null, ${Date.now() + 60_000}::bigint, ${mac})`)
		expect(await failure(insert('0'.repeat(64)))).toMatch(/session refused/)
		expect(await failure(attack(sql`select auth_insert_session('forged-hash', ${ids.users.nina}::uuid, now(), now(), 1, null, null, null)`))).toMatch(
			/does not exist/,
		)
		const sessions = await database.asOwner((db) => raw(db, sql`select id from auth_sessions where id = 'forged-hash'`))
		expect(sessions).toEqual([])
		// The portal's own path.
		await insertSession(app.db, {
			id: 'portal-hash',
			userId: ids.users.ann,
			expiresAt: new Date(Date.now() + 3_600_000),
			absoluteExpiresAt: new Date(Date.now() + 8 * 3_600_000),
			idleTimeoutSeconds: 3600,
		})
		expect(await database.asOwner((db) => raw(db, sql`select id from auth_sessions where id = 'portal-hash'`))).toHaveLength(1)
	})

	test("a person's name, e-mail and roles are read only with the portal's signed claim", async () => {
		expect(await attack(sql`select * from auth_person(${ids.users.nina}::uuid, ${Date.now() + 60_000}::bigint, ${'0'.repeat(64)})`)).toEqual([])
		expect((await getSignedInPerson(app.db, { userId: ids.users.nina }))?.grants).toEqual([{ role: 'concern_admin', tenantId: null }])
	})

	test("nobody's sessions are listed or ended, and nobody is found by e-mail or employee number, without a signed claim", async () => {
		const forged = [`${Date.now() + 60_000}`, '0'.repeat(64)] as const
		expect(await attack(sql`select id from auth_sessions_of_user(${ids.users.ann}::uuid, ${forged[0]}::bigint, ${forged[1]})`)).toEqual([])
		expect(await failure(attack(sql`select auth_delete_sessions_of_user(${ids.users.ann}::uuid, ${forged[0]}::bigint, ${forged[1]})`))).toMatch(
			/sign-out refused/,
		)
		expect(await database.asOwner((db) => raw(db, sql`select id from auth_sessions where id = 'hash-of-anns-token'`))).toHaveLength(1)
		const [byEmail] = await attack<{ id: string | null }>(sql`select auth_user_id_by_email('nina@nvwa.test', ${forged[0]}::bigint, ${forged[1]}) as id`)
		expect(byEmail!.id).toBeNull()
		const [byNumber] = await attack<{ id: string | null }>(
			sql`select auth_user_id_by_employee_number(${ids.nvwa}::uuid, 'nina@nvwa.test', ${forged[0]}::bigint, ${forged[1]}) as id`,
		)
		expect(byNumber!.id).toBeNull()
		// The portal's own path.
		expect(await findUserIdByEmail(app.db, { email: 'nina@nvwa.test' })).toBe(ids.users.nina)
		expect((await listSessionsOfUser(app.db, { userId: ids.users.ann })).map((s) => s.id)).toContain('hash-of-anns-token')
	})

	test("the platform's private signing key is neither read nor replaced by SQL, while the portal still signs", async () => {
		expect(await attack(sql`select * from lti_platform_signing_key(${Date.now() + 60_000}::bigint, ${'0'.repeat(64)})`)).toEqual([])
		expect(await failure(attack(sql`select * from lti_platform_signing_key()`))).toMatch(/does not exist/)
		expect(await failure(attack(sql`select * from lti_platform_keys`))).toMatch(/permission denied/)
		const rotate = attack(sql`select lti_rotate_platform_key('evil', '{}'::jsonb, '{}'::jsonb, ${Date.now() + 60_000}::bigint, ${'0'.repeat(64)})`)
		expect(await failure(rotate)).toMatch(/platform key refused/)
		const seal = attack(sql`select lti_seal_platform_key('kid-1', '{"sealed": "x"}'::jsonb, ${Date.now() + 60_000}::bigint, ${'0'.repeat(64)})`)
		expect(await failure(seal)).toMatch(/platform key refused/)
		expect((await getPlatformSigningKey(app.db))?.kid).toBe('kid-1')
	})
})
