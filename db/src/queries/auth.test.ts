import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseClient } from '../client.ts'
import * as schema from '../schema/index.ts'
import { withTenantContext } from '../tenancy.ts'
import { createTestDatabase, testDrivers, type TestDatabase } from '../testing.ts'
import { deactivateUser, deleteSession, deleteSessionsOfUser, extendSession, findUserIdByEmail, getSession, getSignedInPerson, insertSession } from './auth.ts'

const NOW = new Date('2026-11-23T10:00:00Z')
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000)

// Sessions are looked up before any tenant is known: these run as leerplein_app without a
// tenant context, through the SECURITY DEFINER auth_* functions.
describe.each(await testDrivers())('session and sign-in queries on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let people: { rvo: string; ann: string; bob: string }

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		const [rvo, acm] = await database.db
			.insert(schema.tenants)
			.values([
				{ slug: 'rvo', name: 'Rijksdienst voor Ondernemend Nederland', shortName: 'RVO' },
				{ slug: 'acm', name: 'Autoriteit Consument & Markt', shortName: 'ACM' },
			])
			.returning()
		const [ann, bob] = await database.db
			.insert(schema.users)
			.values([
				{ tenantId: rvo!.id, employeeNumber: '1', name: 'Ann', email: 'ann@rvo.test' },
				{ tenantId: rvo!.id, employeeNumber: '2', name: 'Bob', email: 'bob@rvo.test' },
			])
			.returning()
		await database.db.insert(schema.roleAssignments).values([
			{ userId: ann!.id, role: 'coordinator', tenantId: rvo!.id },
			{ userId: ann!.id, role: 'coordinator', tenantId: acm!.id },
		])
		people = { rvo: rvo!.id, ann: ann!.id, bob: bob!.id }
		app = await database.connectAsApp()
	})
	afterAll(() => database?.close())

	const session = (id: string, userId: string) => ({
		id,
		userId,
		expiresAt: minutes(30),
		absoluteExpiresAt: minutes(480),
		idleTimeoutSeconds: 1800,
		ipAddress: '127.0.0.1',
		userAgent: 'vitest',
	})

	test('stores a session and finds it by the hash of its token', async () => {
		await insertSession(app.db, session('hash-1', people.ann))
		expect(await getSession(app.db, { sessionId: 'hash-1' })).toMatchObject({
			...session('hash-1', people.ann),
			createdAt: expect.any(Date),
		})
		expect(await getSession(app.db, { sessionId: 'no-such-hash' })).toBeNull()
	})

	test('slides the idle expiry, but never past the absolute lifetime', async () => {
		await insertSession(app.db, session('hash-2', people.ann))
		await extendSession(app.db, { sessionId: 'hash-2', expiresAt: minutes(60) })
		expect((await getSession(app.db, { sessionId: 'hash-2' }))?.expiresAt).toEqual(minutes(60))
		await extendSession(app.db, { sessionId: 'hash-2', expiresAt: minutes(9_999) })
		expect((await getSession(app.db, { sessionId: 'hash-2' }))?.expiresAt).toEqual(minutes(480))
	})

	test('signs out one session, or all sessions of a person', async () => {
		await insertSession(app.db, session('hash-3', people.bob))
		await insertSession(app.db, session('hash-4', people.bob))
		await deleteSession(app.db, { sessionId: 'hash-3' })
		expect(await getSession(app.db, { sessionId: 'hash-3' })).toBeNull()
		expect(await deleteSessionsOfUser(app.db, { userId: people.bob })).toBe(1)
		expect(await getSession(app.db, { sessionId: 'hash-4' })).toBeNull()
	})

	test('finds the signed-in person with the roles they hold in every unit', async () => {
		const person = await getSignedInPerson(app.db, { userId: people.ann })
		expect(person).toMatchObject({ userId: people.ann, tenantId: people.rvo, name: 'Ann', email: 'ann@rvo.test', active: true })
		expect(person?.grants).toHaveLength(2)
		expect(person?.grants).toEqual(expect.arrayContaining([{ role: 'coordinator', tenantId: people.rvo }]))
		expect((await getSignedInPerson(app.db, { userId: people.bob }))?.grants).toEqual([])
		expect(await getSignedInPerson(app.db, { userId: '0190d6a8-3f1e-7c2b-9a4d-2b7e5c8f1a3d' })).toBeNull()
	})

	test('finds an active person by e-mail address in any unit, whatever the case', async () => {
		expect(await findUserIdByEmail(app.db, { email: 'Ann@RVO.test' })).toBe(people.ann)
		expect(await findUserIdByEmail(app.db, { email: 'nobody@rvo.test' })).toBeNull()
	})

	test("deactivates a person in their unit's context and ends their sessions; without it, refuses", async () => {
		await insertSession(app.db, session('hash-5', people.bob))
		await expect(deactivateUser(app.db, { userId: people.bob })).rejects.toThrow(/no such person/)
		await withTenantContext(app.db, { tenantId: people.rvo, userId: people.ann }, (tx) => deactivateUser(tx, { userId: people.bob }))
		expect(await getSession(app.db, { sessionId: 'hash-5' })).toBeNull()
		expect(await findUserIdByEmail(app.db, { email: 'bob@rvo.test' })).toBeNull()
	})
})
