import { randomUUID } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseClient } from '../client.ts'
import * as schema from '../schema/index.ts'
import { failure, insertTwoUnitsAndAProvider } from '../tenancy-fixtures.ts'
import { withTenantContext } from '../tenancy.ts'
import { createTestDatabase, testDrivers, type TestDatabase } from '../testing.ts'
import { recordDenial, type DenialEntry } from './audit.ts'
import { insertRegistrationToken, listRegistrationTokens, refuseRegistration } from './lti.ts'

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 3, 9, 0, seconds))

describe.each(await testDrivers())('collapsed refusals in the audit log on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let ids: Awaited<ReturnType<typeof insertTwoUnitsAndAProvider>>

	const denial = (key: string, seconds: number, more: Partial<DenialEntry> = {}): DenialEntry => ({
		key,
		windowSeconds: 60,
		at: at(seconds),
		tenantId: null,
		actorUserId: null,
		action: 'lti.token',
		objectType: 'lti_tool',
		objectId: 'tool-1',
		origin: '10.0.0.1',
		requestId: `request-${seconds}`,
		after: { reason: 'invalid_client' },
		...more,
	})
	const rowsOf = (key: string) =>
		database.asOwner((db) =>
			db
				.select({ occurrences: schema.auditLog.occurrences, firstSeenAt: schema.auditLog.firstSeenAt, lastSeenAt: schema.auditLog.lastSeenAt, result: schema.auditLog.result })
			.from(schema.auditLog)
			.where(eq(schema.auditLog.collapseKey, key))
				.orderBy(schema.auditLog.firstSeenAt),
		)
	const inNoUnit = <T>(work: Parameters<typeof withTenantContext<T>>[2]) => withTenantContext(app.db, { tenantId: null, userId: null }, work)

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		ids = await insertTwoUnitsAndAProvider(database.db)
		app = await database.connectAsApp({ maxConnections: 4 })
	})
	afterAll(() => database?.close())

	test('five refusals of one key within the window are one denied row that counts five, first and last seen', async () => {
		const counts = []
		for (const second of [0, 10, 20, 30, 40]) counts.push(await inNoUnit((tx) => recordDenial(tx, denial('token:a', second))))
		expect(counts).toEqual([1, 2, 3, 4, 5])
		expect(await rowsOf('token:a')).toEqual([{ occurrences: 5, firstSeenAt: at(0), lastSeenAt: at(40), result: 'denied' }])
	})

	test('a refusal after the window opens a new row; another key has its own', async () => {
		await inNoUnit((tx) => recordDenial(tx, denial('token:b', 0)))
		await inNoUnit((tx) => recordDenial(tx, denial('token:b', 61)))
		await inNoUnit((tx) => recordDenial(tx, denial('token:c', 62)))
		expect((await rowsOf('token:b')).map((row) => row.occurrences)).toEqual([1, 1])
		expect((await rowsOf('token:c')).map((row) => row.occurrences)).toEqual([1])
	})

	test("a refusal goes into the caller's own unit or none, never another unit's trail or person", async () => {
		const inRvo = (entry: DenialEntry) => withTenantContext(app.db, { tenantId: ids.rvo, userId: ids.users.ann }, (tx) => recordDenial(tx, entry))
		expect(await inRvo(denial('launch:ann', 0, { tenantId: ids.rvo, actorUserId: ids.users.ann }))).toBe(1)
		expect(await failure(inRvo(denial('launch:nvwa', 0, { tenantId: ids.nvwa })))).toMatch(/another unit/)
		expect(await failure(inRvo(denial('launch:bob', 0, { tenantId: ids.rvo, actorUserId: ids.users.bob })))).toMatch(/another person/)
	})

	test('the portal role still cannot change an audit row itself', async () => {
		expect(await failure(app.db.execute(sql`update audit_log set occurrences = 0`))).toMatch(/permission denied/)
	})

	test("a refused registration is kept against its unused token, and only there", async () => {
		const admin = ids.users.nina
		const tokenHash = randomUUID()
		await withTenantContext(app.db, { tenantId: ids.nvwa, userId: admin }, (tx) =>
			insertRegistrationToken(tx, { id: tokenHash, createdBy: admin, expiresAt: at(3600), toolRegistrationUrl: 'https://moodle.test/enrol/lti/register.php' }),
		)
		expect(await inNoUnit((tx) => refuseRegistration(tx, { tokenHash, error: 'invalid_client_metadata', detail: 'jwks_uri: Invalid URL', at: at(5) }))).toBe(true)
		expect(await inNoUnit((tx) => refuseRegistration(tx, { tokenHash: 'no-such-token', error: 'invalid_client_metadata', detail: 'x', at: at(5) }))).toBe(false)
		const listed = await withTenantContext(app.db, { tenantId: ids.nvwa, userId: admin }, (tx) => listRegistrationTokens(tx, { since: new Date(0), limit: 10 }))
		expect(listed).toEqual([expect.objectContaining({ refusedAt: at(5), refusalError: 'invalid_client_metadata', refusalDetail: 'jwks_uri: Invalid URL', usedAt: null, toolName: null })])
		expect(await inNoUnit((tx) => listRegistrationTokens(tx, { since: new Date(0), limit: 10 }))).toEqual([])
	})
})
