import type { DatabaseClient } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, insertNvwaAndRvo, insertPeople, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import type { Actor } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testContext } from '../../core/testing.ts'
import { showUnitReport } from './show-unit-report.server.ts'
import type { ReportFilters } from './report-filters.ts'

// A unit's report (issue 18, item 4; ADR 043) against a real database under row-level security,
// on PGlite and PostgreSQL: the unit's own P&O rules decide what is late and what the budget is,
// every month of the default period is listed, filters naming nothing of the unit are refused
// beside their field, and only the unit's coordinator gets in.

const NOW = new Date('2030-05-01T08:00:00Z')
const none: ReportFilters = { van: null, tot: null, opleiding: null, thema: null }

describe.each(await testDrivers())('a unit’s report on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: Awaited<ReturnType<typeof plant>>
	const coordinator = (): Actor => ({ userId: f.coordinator, tenantId: f.nvwa, grants: [{ role: 'coordinator', tenantId: f.nvwa }] })
	const show = (actor: Actor, filters: Partial<ReportFilters> = {}) => showUnitReport(testContext(app.db, NOW), { actor, filters: { ...none, ...filters } })

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		f = await plant(database)
		app = await database.connectAsApp({ maxConnections: 4 })
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	test('the default period is the last twelve months, each listed; the unit’s own free period decides what is late', async () => {
		const result = await show(coordinator())
		if (!result.ok) throw new Error(result.code)
		const { months, courses, total, period, freeCancellationDays } = result.value
		expect(period).toEqual({ fromMonth: '2029-06', toMonth: '2030-05' })
		expect(months.map(({ month }) => month)).toEqual(['2029-06', '2029-07', '2029-08', '2029-09', '2029-10', '2029-11', '2029-12', '2030-01', '2030-02', '2030-03', '2030-04', '2030-05'])
		expect(freeCancellationDays).toBe(3)
		// Cancelled five days before the start: free under NVWA's three days (the concern's fourteen would make it late).
		expect(months.find(({ month }) => month === '2030-03')!.figures).toEqual({
			participants: 2,
			completed: 1,
			noShows: 1,
			cancellations: 1,
			lateCancellations: 0,
			waiting: 0,
			completionRate: 50,
			noShowShare: 50,
			lateCancellationShare: 0,
		})
		expect(months.find(({ month }) => month === '2029-06')!.figures.completionRate).toBeNull()
		expect(courses.map(({ courseTitle, figures }) => [courseTitle, figures.participants])).toEqual([['Toezicht', 2]])
		expect(courses[0]!.evaluation).toBeNull()
		expect(total.participants).toBe(2)
	})

	test('the budget: the unit’s yearly amount per active person, the ledger of the period’s last year', async () => {
		const result = await show(coordinator())
		if (!result.ok) throw new Error(result.code)
		expect(result.value.budget).toEqual({ year: 2030, people: 3, budgetCents: 3 * 100_000, committedCents: 40_000, spentCents: 40_000, leftCents: 260_000, committedShare: 13.3, spentShare: 13.3 })
	})

	test.each([
		['a month that is not one', { van: '2030-13' }, 'REPORT_FROM_NOT_A_MONTH', 'van'],
		['an end before the start', { van: '2030-03', tot: '2030-01' }, 'REPORT_TO_BEFORE_FROM', 'tot'],
		['more than 60 months', { van: '2020-01', tot: '2030-01' }, 'REPORT_TOO_LONG', 'van'],
		['a theme that does not exist', { thema: 'bestaat-niet' }, 'REPORT_THEME_UNKNOWN', 'thema'],
	] as const)('refused beside its field: %s', async (_name, filters, code, field) => {
		expect(await show(coordinator(), filters)).toMatchObject({ ok: false, kind: 'invalid', code, field })
	})

	test('another unit’s course is not in the list: refused, nothing counted', async () => {
		expect(await show(coordinator(), { opleiding: f.rvoCourse })).toMatchObject({ ok: false, kind: 'invalid', code: 'REPORT_COURSE_UNKNOWN', field: 'opleiding' })
		const rvoCoordinator: Actor = { userId: f.rvoCoordinator, tenantId: f.rvo, grants: [{ role: 'coordinator', tenantId: f.rvo }] }
		const rvo = await show(rvoCoordinator)
		if (!rvo.ok) throw new Error(rvo.code)
		expect(rvo.value.courses.map(({ courseTitle }) => courseTitle)).toEqual(['Subsidies'])
	})

	test('only the unit’s coordinator: not its employees, not the concern administrator', async () => {
		expect(await show({ userId: f.people[0]!, tenantId: f.nvwa, grants: [{ role: 'employee', tenantId: f.nvwa }, { role: 'manager', tenantId: f.nvwa }] })).toMatchObject({ ok: false, kind: 'forbidden' })
		expect(await show({ userId: f.coordinator, tenantId: f.nvwa, grants: [{ role: 'concern_admin', tenantId: null }] })).toMatchObject({ ok: false, kind: 'forbidden' })
	})
})

async function plant(database: TestDatabase) {
	const db = database.db
	const { nvwa, rvo } = await insertNvwaAndRvo(db, { nvwa: { poOverrides: { freeCancellationDays: 3, yearlyBudgetCents: 100_000 } } })
	const [coordinator, ...people] = await insertPeople(db, nvwa, ['coördinator', 'ans', 'bert'])
	const [rvoCoordinator, rvoPerson] = await insertPeople(db, rvo, ['rvo-coördinator', 'rvo-medewerker'])
	const course = (title: string, providerTenantId: string) => ({ providerTenantId, title, summary: 'S', description: 'O', form: 'classroom' as const, durationMinutes: 180, status: 'published' as const, visibility: 'concern' as const })
	const [toezicht, subsidies] = await db.insert(schema.courses).values([course('Toezicht', nvwa), course('Subsidies', rvo)]).returning({ id: schema.courses.id })
	const startsAt = new Date('2030-03-10T09:00:00Z')
	const session = (tenantId: string, courseId: string) => ({ tenantId, courseId, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), capacity: 10 })
	const [march, rvoMarch] = await db.insert(schema.sessions).values([session(nvwa, toezicht!.id), session(rvo, subsidies!.id)]).returning({ id: schema.sessions.id })
	const enrolments = await db
		.insert(schema.enrolments)
		.values([
			{ tenantId: nvwa, sessionId: march!.id, userId: people[0]!, status: 'completed' as const },
			{ tenantId: nvwa, sessionId: march!.id, userId: people[1]!, status: 'no_show' as const },
			{ tenantId: nvwa, sessionId: march!.id, userId: coordinator!, status: 'cancelled' as const, updatedAt: new Date('2030-03-05T09:00:00Z') },
			{ tenantId: rvo, sessionId: rvoMarch!.id, userId: rvoPerson!, status: 'completed' as const },
		])
		.returning({ id: schema.enrolments.id })
	await db.insert(schema.budgetLedger).values([
		{ tenantId: nvwa, userId: people[0]!, enrolmentId: enrolments[0]!.id, year: 2030, kind: 'commit', amountCents: 25_000 },
		{ tenantId: nvwa, userId: people[1]!, enrolmentId: enrolments[1]!.id, year: 2030, kind: 'commit', amountCents: 15_000 },
	])
	return { nvwa, rvo, coordinator: coordinator!, rvoCoordinator: rvoCoordinator!, people, rvoCourse: subsidies!.id }
}
