import { CONCERN_DEFAULT_PO_SETTINGS } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database, DatabaseClient } from '../client.ts'
import * as schema from '../schema/index.ts'
import { withTenantContext } from '../tenancy.ts'
import { createTestDatabase, testDrivers, type TestDatabase } from '../testing.ts'
import { getConcernPoDefaults, updateConcernPoDefaults } from './concern-settings.ts'

describe.each(await testDrivers())('the concern P&O defaults on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let ids: { rvo: string; admin: string; coordinator: string }
	const as = <T>(userId: string | null, work: (tx: Database) => Promise<T>) => withTenantContext(app.db, { tenantId: ids.rvo, userId }, work)

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		const [rvo] = await database.db.insert(schema.tenants).values({ slug: 'rvo', name: 'RVO', shortName: 'RVO' }).returning({ id: schema.tenants.id })
		const [admin, coordinator] = await database.db
			.insert(schema.users)
			.values([
				{ tenantId: rvo!.id, employeeNumber: 'a1', name: 'Beheerder', email: 'beheer@test.nl' },
				{ tenantId: rvo!.id, employeeNumber: 'c1', name: 'Coördinator', email: 'coord@test.nl' },
			])
			.returning({ id: schema.users.id })
		await database.db.insert(schema.roleAssignments).values([
			{ userId: admin!.id, role: 'concern_admin', tenantId: null },
			{ userId: coordinator!.id, role: 'coordinator', tenantId: rvo!.id },
		])
		ids = { rvo: rvo!.id, admin: admin!.id, coordinator: coordinator!.id }
		app = await database.connectAsApp({ maxConnections: 1 })
	})
	afterAll(() => database?.close())

	test('the migration stores the shipped defaults, and everyone may read them', async () => {
		expect(await as(ids.coordinator, (tx) => getConcernPoDefaults(tx))).toEqual(CONCERN_DEFAULT_PO_SETTINGS)
		expect(await withTenantContext(app.db, { tenantId: null, userId: null }, (tx) => getConcernPoDefaults(tx))).toEqual(CONCERN_DEFAULT_PO_SETTINGS)
	})

	test("a coordinator's update changes nothing, whatever the portal lets through (row-level security)", async () => {
		const changed = { ...CONCERN_DEFAULT_PO_SETTINGS, freeCancellationDays: 0 }
		expect(await as(ids.coordinator, (tx) => updateConcernPoDefaults(tx, { defaults: changed, actorId: ids.coordinator }))).toBe(false)
		expect(await as(null, (tx) => updateConcernPoDefaults(tx, { defaults: changed, actorId: ids.coordinator }))).toBe(false)
		expect((await as(ids.coordinator, (tx) => getConcernPoDefaults(tx))).freeCancellationDays).toBe(CONCERN_DEFAULT_PO_SETTINGS.freeCancellationDays)
	})

	test('the concern administrator changes them, and there stays exactly one row', async () => {
		const changed = { ...CONCERN_DEFAULT_PO_SETTINGS, freeCancellationDays: 10 }
		expect(await as(ids.admin, (tx) => updateConcernPoDefaults(tx, { defaults: changed, actorId: ids.admin }))).toBe(true)
		expect(await as(ids.coordinator, (tx) => getConcernPoDefaults(tx))).toEqual(changed)
		await expect(as(ids.admin, (tx) => tx.insert(schema.concernSettings).values({ id: 2, poDefaults: changed }))).rejects.toThrow()
		await expect(as(ids.admin, (tx) => tx.delete(schema.concernSettings))).rejects.toThrow()
	})
})
