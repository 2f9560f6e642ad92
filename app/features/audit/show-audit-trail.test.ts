import type { DatabaseClient } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, insertNvwaAndRvo, insertPeople, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import type { Actor } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testContext } from '../../core/testing.ts'
import { showAuditTrail, TRAIL_PAGE_SIZE } from './show-audit-trail.server.ts'
import { trailFiltersOf } from './trail-filters.ts'

// The audit trail's service (ADR 049) on both drivers: who reads which rows, the filters refused
// beside their field, the changes of a row, and paging by the cursor.

const NOW = new Date('2030-05-01T08:00:00Z')
const filters = (query = '') => trailFiltersOf(new URLSearchParams(query))

describe.each(await testDrivers())('showAuditTrail on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let ids: { nvwa: string; rvo: string; coordinator: string; employee: string; admin: string }
	const ctx = () => testContext(app.db, NOW)
	const coordinator = (): Actor => ({ userId: ids.coordinator, tenantId: ids.rvo, grants: [{ role: 'coordinator', tenantId: ids.rvo }] })
	const employee = (): Actor => ({ userId: ids.employee, tenantId: ids.rvo, grants: [{ role: 'employee', tenantId: ids.rvo }] })
	const admin = (): Actor => ({ userId: ids.admin, tenantId: ids.rvo, grants: [{ role: 'concern_admin', tenantId: null }] })

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		const units = await insertNvwaAndRvo(database.db)
		const [coordinatorId, employeeId, adminId] = await insertPeople(database.db, units.rvo, ['Rik Coördinator', 'Sanne Medewerker', 'Els Beheerder'])
		ids = { ...units, coordinator: coordinatorId!, employee: employeeId!, admin: adminId! }
		await database.db.insert(schema.roleAssignments).values([
			{ userId: ids.coordinator, role: 'coordinator', tenantId: ids.rvo },
			{ userId: ids.admin, role: 'concern_admin', tenantId: null },
		])
		await database.db.insert(schema.auditLog).values([
			{ at: new Date('2030-04-01T10:00:00Z'), tenantId: ids.nvwa, action: 'session.plan', objectType: 'session', objectId: 'nvwa-1', result: 'success' },
			{ at: new Date('2030-04-02T10:00:00Z'), tenantId: ids.rvo, actorUserId: ids.coordinator, action: 'session.capacity', objectType: 'session', objectId: 'rvo-1', result: 'success', before: { capacity: 10, room: 'A' }, after: { capacity: 12, room: 'A' } },
			...Array.from({ length: TRAIL_PAGE_SIZE + 2 }, (_, k) => ({ at: new Date(Date.UTC(2030, 3, 3, 10, k)), tenantId: ids.rvo, action: 'enrolment.request', objectType: 'enrolment', objectId: `e-${k}`, result: 'success' as const })),
		])
		app = await database.connectAsApp({ maxConnections: 2 })
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	test('an employee is refused; a coordinator reads only their unit, the concern administrator every unit and the units to choose', async () => {
		expect(await showAuditTrail(ctx(), { actor: employee(), filters: filters() })).toMatchObject({ ok: false, kind: 'forbidden' })
		const unit = await showAuditTrail(ctx(), { actor: coordinator(), filters: filters('objecttype=session') })
		expect(unit.ok && unit.value).toMatchObject({ scope: 'unit', units: [], next: null })
		expect(unit.ok && unit.value.rows.map((row) => row.objectId)).toEqual(['rvo-1'])
		const concern = await showAuditTrail(ctx(), { actor: admin(), filters: filters('objecttype=session') })
		expect(concern.ok && concern.value.scope).toBe('concern')
		expect(concern.ok && concern.value.rows.map((row) => row.objectId)).toEqual(['rvo-1', 'nvwa-1'])
		expect(concern.ok && concern.value.units.map((u) => u.id).sort()).toEqual([ids.nvwa, ids.rvo].sort())
	})

	test('a change lists only the fields that differ', async () => {
		const result = await showAuditTrail(ctx(), { actor: coordinator(), filters: filters('object=rvo-1') })
		expect(result.ok && result.value.rows[0]!.changes).toEqual([{ field: 'capacity', before: 10, after: 12 }])
	})

	test.each([
		['van=2030-02-30', 'van', 'AUDIT_DAY_INVALID'],
		['tot=morgen', 'tot', 'AUDIT_DAY_INVALID'],
		['van=0000-01-01', 'van', 'AUDIT_DAY_INVALID'],
		['van=2030-04-02&tot=2030-04-01', 'tot', 'AUDIT_TO_BEFORE_FROM'],
		['resultaat=maybe', 'resultaat', 'AUDIT_RESULT_UNKNOWN'],
		['onderdeel=rvo', 'onderdeel', 'UNIT_UNKNOWN'],
		[`wie=${'x'.repeat(201)}`, 'wie', 'AUDIT_FILTER_TOO_LONG'],
	])('refuses %s beside its field', async (query, field, code) => {
		expect(await showAuditTrail(ctx(), { actor: admin(), filters: filters(query) })).toEqual({ ok: false, kind: 'invalid', code, field })
	})

	test('pages by the cursor: fifty, then the rest, then a cursor that is none is refused', async () => {
		const first = await showAuditTrail(ctx(), { actor: coordinator(), filters: filters('actie=enrolment') })
		if (!first.ok) throw new Error(first.code)
		expect(first.value.rows).toHaveLength(TRAIL_PAGE_SIZE)
		expect(first.value.next).toMatch(/^2030-04-03T10:\d{2}:00\.000000Z_\d+$/)
		const second = await showAuditTrail(ctx(), { actor: coordinator(), filters: filters('actie=enrolment'), after: first.value.next })
		if (!second.ok) throw new Error(second.code)
		expect(second.value.rows.map((row) => row.objectId)).toEqual(['e-1', 'e-0'])
		expect(second.value.next).toBeNull()
		for (const after of ['2030-04-03;drop', '0000-01-01T00:00:00.000000Z_1', '2030-04-03T25:00:00.000000Z_1']) {
			expect(await showAuditTrail(ctx(), { actor: coordinator(), filters: filters(), after }), after).toMatchObject({ ok: false, kind: 'invalid', code: 'AUDIT_CURSOR_INVALID' })
		}
	})
})
