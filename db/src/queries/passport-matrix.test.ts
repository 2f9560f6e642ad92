import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database, DatabaseClient } from '../client.ts'
import * as schema from '../schema/index.ts'
import { failure, insertTwoUnitsAndAProvider } from '../tenancy-fixtures.ts'
import { withTenantContext } from '../tenancy.ts'
import { createTestDatabase, testDrivers, type TestDatabase } from '../testing.ts'
import { recomputePassports, repairPassportSummaries } from './passport.ts'
import { countMatrixCompetencies, listMatrixCells, listMatrixPeople, passportOverview } from './passport-matrix.ts'

// The passports of many people (issue 15, item 5): the team and unit matrix filter, sort and page
// in the database within the unit; the concern's overview gives counts, and only to the concern.

describe.each(await testDrivers())('the passport matrix on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let ids: Awaited<ReturnType<typeof insertTwoUnitsAndAProvider>>
	let bhv: string
	let vog: string
	const now = new Date('2026-12-03T10:00:00Z')
	const today = '2026-12-03'
	const as = <T>(tenantId: string | null, work: (tx: Database) => Promise<T>, userId: string | null = null) => withTenantContext(app.db, { tenantId, userId, now }, work)
	const page = { sort: 'urgency', direction: 'asc', limit: 50, offset: 0 } as const

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		ids = await insertTwoUnitsAndAProvider(database.db)
		const [first, second] = await database.db
			.insert(schema.competencies)
			.values([
				{ name: 'BHV', validityMonths: 12, warningDays: 60 },
				{ name: 'VOG', validityMonths: 60, warningDays: 60 },
			])
			.returning({ id: schema.competencies.id })
		bhv = first!.id
		vog = second!.id
		// Everyone needs BHV; RVO also wants VOG. Ann holds BHV until two weeks from now (orange) and VOG (green); Bob has nothing.
		await database.db.insert(schema.competencyRequirements).values([
			{ tenantId: null, competencyId: bhv, introducedOn: '2020-01-01' },
			{ tenantId: ids.rvo, competencyId: vog, introducedOn: '2020-01-01' },
		])
		await database.db.insert(schema.passportEvidence).values([
			{ tenantId: ids.rvo, userId: ids.users.ann, competencyId: bhv, sourceKind: 'import', sourceRef: 'bhv-ann', occurredAt: new Date('2025-12-17T10:00:00Z'), occurredOn: '2025-12-17' },
			{ tenantId: ids.rvo, userId: ids.users.ann, competencyId: vog, sourceKind: 'import', sourceRef: 'vog-ann', occurredAt: new Date('2026-01-10T10:00:00Z'), occurredOn: '2026-01-10' },
		])
		// Bob manages Ann.
		await database.db.update(schema.users).set({ managerId: ids.users.bob }).where(eq(schema.users.id, ids.users.ann))
		app = await database.connectAsApp({ maxConnections: 1 })
		for (const tenantId of [ids.nvwa, ids.rvo, ids.acm]) await as(tenantId, (tx) => recomputePassports(tx, { tenantId, today, trigger: 'requirement' }))
	})
	afterAll(() => database?.close())

	test('the unit matrix puts the most urgent first and counts per competency', async () => {
		const scope = { tenantId: ids.rvo, managerId: null }
		const seen = await as(ids.rvo, async (tx) => ({
			people: await listMatrixPeople(tx, { scope, filter: {}, ...page }),
			counts: await countMatrixCompetencies(tx, { scope }),
		}))
		expect(seen.people.total).toBe(2)
		expect(seen.people.rows.map((row) => [row.name, row.red, row.orange, row.firstExpiry])).toEqual([
			['Bob van RVO', 2, 0, null],
			['Ann van RVO', 0, 1, '2026-12-17'],
		])
		expect(seen.counts).toEqual([
			{ id: bhv, name: 'BHV', red: 1, orange: 1, green: 0 },
			{ id: vog, name: 'VOG', red: 1, orange: 0, green: 1 },
		])
	})

	test('filters: a colour of one competency, a name, the team of a manager; paging past the end keeps the total', async () => {
		const unit = { tenantId: ids.rvo, managerId: null }
		const seen = await as(ids.rvo, async (tx) => ({
			greenVog: await listMatrixPeople(tx, { scope: unit, filter: { competencyId: vog, status: 'green' }, ...page }),
			redAnywhere: await listMatrixPeople(tx, { scope: unit, filter: { status: 'red' }, ...page }),
			named: await listMatrixPeople(tx, { scope: unit, filter: { search: 'ann' }, ...page }),
			percent: await listMatrixPeople(tx, { scope: unit, filter: { search: '%' }, ...page }),
			team: await listMatrixPeople(tx, { scope: { tenantId: ids.rvo, managerId: ids.users.bob }, filter: {}, ...page }),
			past: await listMatrixPeople(tx, { scope: unit, filter: {}, ...page, offset: 50 }),
			cells: await listMatrixCells(tx, { tenantId: ids.rvo, userIds: [ids.users.ann], competencyId: vog }),
		}))
		expect(seen.greenVog.rows.map((row) => row.name)).toEqual(['Ann van RVO'])
		expect(seen.redAnywhere.rows.map((row) => row.name)).toEqual(['Bob van RVO'])
		expect(seen.named.rows.map((row) => row.name)).toEqual(['Ann van RVO'])
		expect(seen.percent.total).toBe(0)
		expect(seen.team.rows.map((row) => row.name)).toEqual(['Ann van RVO'])
		expect(seen.past).toEqual({ rows: [], total: 2 })
		expect(seen.cells).toEqual([{ userId: ids.users.ann, competencyId: vog, status: 'green', validUntil: '2031-01-10', permanent: false }])
	})

	test('a page of people with their dots in one statement gives the dots the separate read gives, in a read-only transaction', async () => {
		const unit = { tenantId: ids.rvo, managerId: null }
		const readOnly = <T>(work: (tx: Database) => Promise<T>) => withTenantContext(app.db, { tenantId: ids.rvo, userId: null, now, readOnly: true }, work)
		const seen = await readOnly(async (tx) => ({
			withCells: await listMatrixPeople(tx, { scope: unit, filter: {}, ...page, withCells: true }),
			oneCompetency: await listMatrixPeople(tx, { scope: unit, filter: { competencyId: vog }, ...page, withCells: true }),
			cells: await listMatrixCells(tx, { tenantId: ids.rvo, userIds: [ids.users.ann, ids.users.bob] }),
		}))
		const byCompetency = (a: { competencyId: string }, b: { competencyId: string }) => a.competencyId.localeCompare(b.competencyId)
		for (const row of seen.withCells.rows) expect([...(row.cells ?? [])].sort(byCompetency)).toEqual(seen.cells.filter((cell) => cell.userId === row.id).sort(byCompetency))
		expect(seen.withCells.rows.map((row) => row.name)).toEqual(['Bob van RVO', 'Ann van RVO'])
		expect(seen.oneCompetency.rows.flatMap((row) => row.cells ?? []).map((cell) => cell.competencyId)).toEqual([vog, vog])
		// Read-only: nothing may be written in it.
		const refused = await readOnly((tx) => tx.execute(sql`delete from passport_pending`)).catch((error: Error) => error)
		expect(String((refused as Error & { cause?: Error }).cause?.message ?? refused)).toMatch(/read-only/)
	})

	test('another unit reads nobody of RVO, whatever scope it names', async () => {
		const seen = await as(ids.nvwa, async (tx) => ({
			people: await listMatrixPeople(tx, { scope: { tenantId: ids.rvo, managerId: null }, filter: {}, ...page }),
			counts: await countMatrixCompetencies(tx, { scope: { tenantId: ids.rvo, managerId: null } }),
			cells: await listMatrixCells(tx, { tenantId: ids.rvo, userIds: [ids.users.ann, ids.users.bob] }),
		}))
		expect(seen).toEqual({ people: { rows: [], total: 0 }, counts: [], cells: [] })
	})

	test('the concern overview gives the concern administrator counts per unit, and refuses a coordinator', async () => {
		const overview = await as(ids.nvwa, (tx) => passportOverview(tx), ids.users.nina)
		const rvo = overview.filter((row) => row.tenantId === ids.rvo).map(({ competencyName, red, orange, green, people }) => ({ competencyName, red, orange, green, people }))
		expect(rvo).toEqual([
			{ competencyName: 'BHV', red: 1, orange: 1, green: 0, people: 2 },
			{ competencyName: 'VOG', red: 1, orange: 0, green: 1, people: 2 },
		])
		expect(overview.map((row) => row.unitName)).toContain('Autoriteit Consument & Markt')
		expect(await failure(as(ids.rvo, (tx) => passportOverview(tx), ids.users.bob))).toMatch(/not a concern administrator/)
	})

	test('the summaries follow the dots and the people: someone leaving leaves the counts; drift is found and corrected; the portal cannot write them', async () => {
		const unit = { tenantId: ids.rvo, managerId: null }
		const counts = () => as(ids.rvo, (tx) => countMatrixCompetencies(tx, { scope: unit }))
		const setActive = (active: boolean) => database.asOwner((db) => db.update(schema.users).set({ active }).where(eq(schema.users.id, ids.users.bob)))
		await setActive(false)
		expect(await counts()).toEqual([
			{ id: bhv, name: 'BHV', red: 0, orange: 1, green: 0 },
			{ id: vog, name: 'VOG', red: 0, orange: 0, green: 1 },
		])
		await setActive(true)
		expect((await counts()).map(({ red, orange, green }) => [red, orange, green])).toEqual([
			[1, 1, 0],
			[1, 0, 1],
		])

		// A summary wrong behind the triggers' back (as the owner): the nightly check's repair finds both rows and corrects them.
		await database.asOwner(async (db) => {
			await db.update(schema.passportUnitCounts).set({ red: 7 }).where(and(eq(schema.passportUnitCounts.tenantId, ids.rvo), eq(schema.passportUnitCounts.competencyId, bhv)))
			await db.update(schema.passportPersonSummary).set({ firstExpiry: null, orange: 5 }).where(eq(schema.passportPersonSummary.userId, ids.users.ann))
		})
		expect(await as(ids.nvwa, (tx) => repairPassportSummaries(tx))).toBe(0)
		expect(await as(ids.rvo, (tx) => repairPassportSummaries(tx))).toBe(2)
		expect(await as(ids.rvo, (tx) => repairPassportSummaries(tx))).toBe(0)
		const people = await as(ids.rvo, (tx) => listMatrixPeople(tx, { scope: unit, filter: {}, ...page }))
		expect(people.rows.map((row) => [row.name, row.red, row.orange, row.firstExpiry])).toEqual([
			['Bob van RVO', 2, 0, null],
			['Ann van RVO', 0, 1, '2026-12-17'],
		])
		expect((await counts())[0]).toEqual({ id: bhv, name: 'BHV', red: 1, orange: 1, green: 0 })

		// Read-only to the portal's role, even in its own unit.
		expect(await failure(as(ids.rvo, (tx) => tx.update(schema.passportUnitCounts).set({ red: 0 })))).toMatch(/permission denied/)
		expect(await failure(as(ids.rvo, (tx) => tx.update(schema.passportPersonSummary).set({ red: 0 })))).toMatch(/permission denied/)
	})
})
