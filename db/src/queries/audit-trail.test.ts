import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database, DatabaseClient } from '../client.ts'
import * as schema from '../schema/index.ts'
import { withTenantContext } from '../tenancy.ts'
import { createTestDatabase, insertNvwaAndRvo, insertPeople, testDrivers, type TestDatabase } from '../testing.ts'
import { listAuditTrail, type AuditTrailFilters } from './audit.ts'

const ANY: AuditTrailFilters = { tenantId: null, who: null, action: null, from: null, to: null, objectType: null, objectId: null, result: null }
// 09:00 UTC on 1–4 March 2030: 10:00 in Amsterdam.
const day = (d: number, minute = 0) => new Date(Date.UTC(2030, 2, d, 9, minute))

describe.each(await testDrivers())('the readable audit trail on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let ids: { nvwa: string; rvo: string; nvwaCoordinator: string; rvoCoordinator: string; admin: string; employee: string }
	const as = <T>(tenantId: string, userId: string | null, work: (tx: Database) => Promise<T>) => withTenantContext(app.db, { tenantId, userId }, work)
	const page = (tenantId: string, userId: string | null, filters: Partial<AuditTrailFilters> = {}, limit = 50) =>
		as(tenantId, userId, (tx) => listAuditTrail(tx, { filters: { ...ANY, ...filters }, cursor: null, limit }))

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		const units = await insertNvwaAndRvo(database.db)
		const [nvwaCoordinator, employee] = await insertPeople(database.db, units.nvwa, ['Noor Coördinator', 'Els_Medewerker'])
		const [rvoCoordinator, admin] = await insertPeople(database.db, units.rvo, ['Rik Coördinator', 'Anna Admin'])
		ids = { ...units, nvwaCoordinator: nvwaCoordinator!, employee: employee!, rvoCoordinator: rvoCoordinator!, admin: admin! }
		await database.db.insert(schema.roleAssignments).values([
			{ userId: ids.nvwaCoordinator, role: 'coordinator', tenantId: ids.nvwa },
			{ userId: ids.rvoCoordinator, role: 'coordinator', tenantId: ids.rvo },
			{ userId: ids.admin, role: 'concern_admin', tenantId: null },
		])
		await database.db.insert(schema.auditLog).values([
			{ at: day(1), tenantId: ids.nvwa, actorUserId: ids.nvwaCoordinator, action: 'session.cancel', objectType: 'session', objectId: 's-1', result: 'success' },
			{ at: day(2), tenantId: ids.nvwa, actorUserId: ids.employee, action: 'enrolment.request', objectType: 'enrolment', objectId: 'e-1', result: 'success' },
			{ at: day(2), tenantId: ids.nvwa, actorUserId: ids.nvwaCoordinator, action: 'tenant.rules.update', objectType: 'tenant', objectId: ids.nvwa, result: 'success', before: { days: 14 }, after: { days: 7 } },
			{ at: day(3), tenantId: ids.rvo, actorUserId: ids.rvoCoordinator, action: 'session.plan', objectType: 'session', objectId: 's-2', result: 'success' },
			{ at: day(4), tenantId: null, actorUserId: null, action: 'auth.sign_in', objectType: 'user', result: 'denied', occurrences: 3 },
		])
		app = await database.connectAsApp({ maxConnections: 2 })
	})
	afterAll(() => database?.close())

	test('a coordinator reads their own unit’s rows, newest first, with the actor named', async () => {
		const rows = await page(ids.nvwa, ids.nvwaCoordinator)
		expect(rows.map((row) => [row.action, row.actorName, row.tenantName])).toEqual([
			['tenant.rules.update', 'Noor Coördinator', 'Nederlandse Voedsel- en Warenautoriteit'],
			['enrolment.request', 'Els_Medewerker', 'Nederlandse Voedsel- en Warenautoriteit'],
			['session.cancel', 'Noor Coördinator', 'Nederlandse Voedsel- en Warenautoriteit'],
		])
		expect(rows[0]).toMatchObject({ before: { days: 14 }, after: { days: 7 }, result: 'success', occurrences: 1 })
	})

	test('a coordinator never reads another unit’s rows, even naming that unit', async () => {
		expect(await page(ids.nvwa, ids.nvwaCoordinator, { tenantId: ids.rvo })).toEqual([])
		expect((await page(ids.rvo, ids.rvoCoordinator)).map((row) => row.objectId)).toEqual(['s-2'])
	})

	test('an employee, a person of no role or a context that names a unit the person does not coordinate reads nothing', async () => {
		expect(await page(ids.nvwa, ids.employee)).toEqual([])
		expect(await page(ids.nvwa, null)).toEqual([])
		expect(await page(ids.nvwa, ids.rvoCoordinator)).toEqual([])
		expect(await listAuditTrail(app.db, { filters: ANY, cursor: null, limit: 50 })).toEqual([])
		const forged = await app.db.transaction(async (tx) => {
			await tx.execute(sql`select set_config('app.tenant_id', ${ids.nvwa}, true), set_config('app.user_id', ${ids.admin}, true)`)
			return listAuditTrail(tx, { filters: ANY, cursor: null, limit: 50 })
		})
		expect(forged).toEqual([])
	})

	test('the concern administrator reads every unit’s rows and the concern’s own, and may pick one unit', async () => {
		const all = await page(ids.rvo, ids.admin)
		expect(all.map((row) => row.action)).toEqual(['auth.sign_in', 'session.plan', 'tenant.rules.update', 'enrolment.request', 'session.cancel'])
		expect(all[0]).toMatchObject({ tenantId: null, actorName: null, result: 'denied', occurrences: 3 })
		expect((await page(ids.rvo, ids.admin, { tenantId: ids.nvwa })).map((row) => row.action)).toEqual(['tenant.rules.update', 'enrolment.request', 'session.cancel'])
	})

	test('filters by who (name or e-mail, wildcards literal), action or its group, Amsterdam days, object and result', async () => {
		const actions = async (filters: Partial<AuditTrailFilters>) => (await page(ids.rvo, ids.admin, filters)).map((row) => row.action)
		expect(await actions({ who: 'noor' })).toEqual(['tenant.rules.update', 'session.cancel'])
		expect(await actions({ who: 'els_medewerker@test' })).toEqual(['enrolment.request'])
		expect(await actions({ who: '%' })).toEqual([])
		expect(await actions({ action: 'session' })).toEqual(['session.plan', 'session.cancel'])
		expect(await actions({ action: 'session.plan' })).toEqual(['session.plan'])
		expect(await actions({ action: 'sess' })).toEqual([])
		expect(await actions({ from: '2030-03-02', to: '2030-03-03' })).toEqual(['session.plan', 'tenant.rules.update', 'enrolment.request'])
		expect(await actions({ objectType: 'session', objectId: 's-1' })).toEqual(['session.cancel'])
		expect(await actions({ result: 'denied' })).toEqual(['auth.sign_in'])
	})

	test('pages by (at, id): the next page starts after the last row, also within one timestamp', async () => {
		const first = await page(ids.rvo, ids.admin, {}, 3)
		const last = first.at(-1)!
		const next = await as(ids.rvo, ids.admin, (tx) => listAuditTrail(tx, { filters: ANY, cursor: { at: last.atKey, id: last.id }, limit: 3 }))
		expect([...first, ...next].map((row) => row.action)).toEqual(['auth.sign_in', 'session.plan', 'tenant.rules.update', 'enrolment.request', 'session.cancel'])
	})
})
