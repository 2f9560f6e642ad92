import { randomUUID } from 'node:crypto'
import { sql, type SQL } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { selectRows, type Database, type DatabaseClient } from './client.ts'
import { deleteExpiredSessions, findUserIdByEmail, getSignedInPerson, insertSession, listSessionsOfUser } from './queries/auth.ts'
import { getPlatformSigningKey, insertFirstPlatformKey, insertMessageState, takeMessageState, useToolTokenId } from './queries/lti.ts'
import { hitRateLimit } from './queries/rate-limits.ts'
import { insertSsoAttempt, takeSsoAttempt } from './queries/sso.ts'
import * as schema from './schema/index.ts'
import { failure, insertTwoUnitsAndAProvider } from './tenancy-fixtures.ts'
import { signClaimFor, signContext, withTenantContext, withToolContext } from './tenancy.ts'
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

	// The functions below only count, record or store one-time state, but with made-up values they
	// lock people out, spend a tool's ids, plant sign-in or launch state, or sign everyone out
	// (migration 0030). Each is refused without the portal's claim, and a claim the portal signed for
	// other values does not serve either.
	const forgedClaim = () => [`${Date.now() + 60_000}`, '0'.repeat(64)] as const
	const asOwner = <T = Record<string, unknown>>(query: SQL) => database.asOwner((db) => raw<T>(db, query))

	test("nobody fills another address's sign-in limit, while the portal still counts", async () => {
		const [expiresMs, mac] = forgedClaim()
		const hit = (key: string, claim: { expiresMs: number | string; mac: string }) =>
			attack(sql`select * from rate_limit_hit(${key}, 60, 5, now(), ${claim.expiresMs}::bigint, ${claim.mac})`)
		expect(await failure(hit('sign-in:ip:10.9.9.9', { expiresMs, mac }))).toMatch(/rate limit refused/)
		expect(await failure(attack(sql`select * from rate_limit_hit('sign-in:ip:10.9.9.9', 60, 5, now())`))).toMatch(/does not exist/)
		// A claim the portal signed for one address, moment and rule, presented for another address.
		const moment = new Date()
		const signed = await signClaimFor(app.db, ['rate-limit', 'sign-in:ip:10.9.9.8', '60', '5', String(moment.getTime())])
		const other = attack(
			sql`select * from rate_limit_hit('sign-in:ip:10.9.9.9', 60, 5, ${moment.toISOString()}::timestamptz, ${signed.expiresMs}::bigint, ${signed.mac})`,
		)
		expect(await failure(other)).toMatch(/rate limit refused/)
		expect(await asOwner(sql`select key from rate_limits where key like 'sign-in:ip:10.9.9.%'`)).toEqual([])
		// The portal's own path.
		const verdict = await hitRateLimit(app.db, { key: 'sign-in:ip:10.9.9.9', rule: { maxHits: 5, windowSeconds: 60 }, now: moment })
		expect(verdict).toEqual({ allowed: true, retryAfterSeconds: 60 })
		expect(await asOwner(sql`select hits from rate_limits where key = 'sign-in:ip:10.9.9.9'`)).toEqual([{ hits: 1 }])
	})

	test("nobody spends a tool's token id or nonce before the tool does, while the portal still records them", async () => {
		const [expiresMs, mac] = forgedClaim()
		const use = attack(sql`select lti_use_token_id(${toolId}::uuid, 'jti:planted', now() + interval '1 hour', ${expiresMs}::bigint, ${mac})`)
		expect(await failure(use)).toMatch(/token id refused/)
		expect(await failure(attack(sql`select lti_use_token_id(${toolId}::uuid, 'jti:planted', now() + interval '1 hour')`))).toMatch(/does not exist/)
		const expiresAt = new Date(Date.now() + 3_600_000)
		const signed = await signClaimFor(app.db, ['token-id', otherToolId, 'jti:planted', String(expiresAt.getTime())])
		const forAnotherTool = attack(
			sql`select lti_use_token_id(${toolId}::uuid, 'jti:planted', ${expiresAt.toISOString()}::timestamptz, ${signed.expiresMs}::bigint, ${signed.mac})`,
		)
		expect(await failure(forAnotherTool)).toMatch(/token id refused/)
		expect(await asOwner(sql`select token_id from lti_used_token_ids where token_id = 'jti:planted'`)).toEqual([])
		// The portal's own path: the tool's first use is fresh, its second a replay.
		expect(await useToolTokenId(app.db, { toolId, tokenId: 'jti:planted', expiresAt })).toBe(true)
		expect(await useToolTokenId(app.db, { toolId, tokenId: 'jti:planted', expiresAt })).toBe(false)
	})

	test('nobody plants a sign-in attempt of their own choosing, while the portal still starts one', async () => {
		const [expiresMs, mac] = forgedClaim()
		const plant = attack(
			sql`select auth_insert_sso_attempt('planted-attempt', ${ids.nvwa}::uuid, 'state', 'nonce', 'verifier', 'https://portal.test/sso/callback',
				'https://evil.test/', now() + interval '10 minutes', ${expiresMs}::bigint, ${mac})`,
		)
		expect(await failure(plant)).toMatch(/sign-in attempt refused/)
		const unsigned = attack(
			sql`select auth_insert_sso_attempt('planted-attempt', ${ids.nvwa}::uuid, 'state', 'nonce', 'verifier', 'https://portal.test/sso/callback',
				'https://evil.test/', now() + interval '10 minutes')`,
		)
		expect(await failure(unsigned)).toMatch(/does not exist/)
		expect(await asOwner(sql`select id from sso_login_attempts where id = 'planted-attempt'`)).toEqual([])
		// The portal's own path.
		const attempt = {
			id: 'portal-attempt',
			tenantId: ids.nvwa,
			stateHash: 'state-hash',
			nonce: 'nonce',
			codeVerifier: 'verifier',
			redirectUri: 'https://portal.test/sso/callback',
			returnTo: '/mijn-leren',
			expiresAt: new Date(Date.now() + 600_000),
		}
		await insertSsoAttempt(app.db, attempt)
		expect(await takeSsoAttempt(app.db, { attemptId: 'portal-attempt' })).toMatchObject({ tenantId: ids.nvwa, returnTo: '/mijn-leren' })
	})

	test("nobody plants a launch or Deep Linking state into another unit's course, while the portal still stores one", async () => {
		const [expiresMs, mac] = forgedClaim()
		const plant = (kind: string, claim: { expiresMs: number | string; mac: string }) =>
			attack(
				sql`select lti_insert_message_state('planted-hint', ${kind}, ${toolId}::uuid, ${ids.rvo}::uuid, ${ids.courses.forRvo}::uuid, null,
					${ids.users.carl}::uuid, '1', now() + interval '10 minutes', ${claim.expiresMs}::bigint, ${claim.mac})`,
			)
		expect(await failure(plant('deep_linking', { expiresMs, mac }))).toMatch(/message state refused/)
		expect(await failure(plant('deep_linking_return', { expiresMs, mac }))).toMatch(/message state refused/)
		// A claim the portal signed for a launch does not make a Deep Linking request.
		const expiresAt = new Date(Date.now() + 600_000)
		const launch = await signClaimFor(app.db, [
			...['message-state', 'planted-hint', 'launch', toolId, ids.rvo, ids.courses.forRvo, '', ids.users.carl, '1'],
			String(expiresAt.getTime()),
		])
		const relabelled = attack(
			sql`select lti_insert_message_state('planted-hint', 'deep_linking', ${toolId}::uuid, ${ids.rvo}::uuid, ${ids.courses.forRvo}::uuid, null,
				${ids.users.carl}::uuid, '1', ${expiresAt.toISOString()}::timestamptz, ${launch.expiresMs}::bigint, ${launch.mac})`,
		)
		expect(await failure(relabelled)).toMatch(/message state refused/)
		expect(await asOwner(sql`select id from lti_message_states where id = 'planted-hint'`)).toEqual([])
		// The portal's own path.
		const state = {
			id: 'portal-hint',
			kind: 'deep_linking' as const,
			toolId,
			tenantId: ids.rvo,
			courseId: ids.courses.forRvo,
			resourceLinkId: null,
			userId: ids.users.bob,
			deploymentId: '1',
			expiresAt,
		}
		await withTenantContext(app.db, { tenantId: ids.rvo, userId: ids.users.bob }, (tx) => insertMessageState(tx, state))
		const taken = await takeMessageState(app.db, { id: 'portal-hint', kind: 'deep_linking' })
		expect(taken).toMatchObject({ courseId: ids.courses.forRvo, userId: ids.users.bob })
	})

	test('nobody ends every session with a made-up "now", while the portal still clears expired ones', async () => {
		const live = sql`select id from auth_sessions where expires_at > now() order by id`
		const before = await asOwner(live)
		expect(before.length).toBeGreaterThan(0)
		const [expiresMs, mac] = forgedClaim()
		const farAhead = attack(sql`select auth_delete_expired_sessions(now() + interval '10 years', ${expiresMs}::bigint, ${mac})`)
		expect(await failure(farAhead)).toMatch(/session housekeeping refused/)
		expect(await failure(attack(sql`select auth_delete_expired_sessions('infinity'::timestamptz)`))).toMatch(/does not exist/)
		expect(await asOwner(live)).toEqual(before)
		// The portal's own path: an expired session goes, the live ones stay.
		await insertSession(app.db, {
			id: 'expired-hash',
			userId: ids.users.ann,
			expiresAt: new Date(Date.now() - 60_000),
			absoluteExpiresAt: new Date(Date.now() + 3_600_000),
			idleTimeoutSeconds: 3600,
		})
		expect(await deleteExpiredSessions(app.db, { now: new Date() })).toBeGreaterThanOrEqual(1)
		expect(await asOwner(sql`select id from auth_sessions where id = 'expired-hash'`)).toEqual([])
		expect(await asOwner(live)).toEqual(before)
	})

	test("a refusal's audit row is written into no other unit's trail, under no other person, and no other row's count is raised", async () => {
		const denial = (tenant: string | null, actor: string | null, key: string) =>
			sql`select audit_record_denial(${key}, 60, now(), ${tenant}::uuid, ${actor}::uuid, 'lti.launch', 'lti_resource_link', null, null, null, '{"reason": "forged"}'::jsonb)`
		expect(await failure(attack(denial(ids.nvwa, null, 'forged:nvwa')))).toMatch(/another unit/)
		expect(await failure(attack(sql`select 1 from (select set_config('app.tenant_id', ${ids.nvwa}, true)) s, (${denial(ids.nvwa, null, 'forged:set-config')}) d`))).toMatch(
			/another unit/,
		)
		expect(await failure(attack(denial(null, ids.users.ann, 'forged:ann')))).toMatch(/another person/)
		// With no unit it appends to the concern's trail, as any refusal before sign-in may; it can only count its own key's rows.
		expect(await attack(denial(null, null, 'forged:none'))).toEqual([{ audit_record_denial: 1 }])
		expect(await failure(attack(sql`update audit_log set occurrences = 0`))).toMatch(/permission denied/)
	})
	test("nobody marks a registration code as refused without the portal's claim", async () => {
		const [expiresMs, mac] = forgedClaim()
		const forged = attack(sql`select lti_refuse_registration('some-token-hash', 'invalid_client_metadata', 'forged', now(), ${expiresMs}::bigint, ${mac})`)
		expect(await failure(forged)).toMatch(/registration refusal refused/)
		expect(await failure(attack(sql`select lti_refuse_registration('some-token-hash', 'invalid_client_metadata', 'forged', now())`))).toMatch(/does not exist/)
	})
})
