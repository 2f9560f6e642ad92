import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database, DatabaseClient } from '../client.ts'
import * as schema from '../schema/index.ts'
import { withTenantContext } from '../tenancy.ts'
import { createTestDatabase, insertNvwaAndRvo, insertPeople, testDrivers, type TestDatabase } from '../testing.ts'
import { countConcernParticipation, countReportBudget, countReportParticipation, listReportCourses, listReportUnits, type ReportScope } from './reports.ts'

describe.each(await testDrivers())('report counts on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let ids: Awaited<ReturnType<typeof insertHistory>>
	const as = <T>(tenantId: string, work: (tx: Database) => Promise<T>) => withTenantContext(app.db, { tenantId, userId: null }, work)
	const scope = (extra: Partial<ReportScope> = {}): ReportScope => ({ tenantId: ids.nvwa, fromMonth: '2030-01', toMonth: '2030-03', freeCancellationDays: 14, ...extra })
	const zero = { participants: 0, completed: 0, noShows: 0, cancellations: 0, lateCancellations: 0, waiting: 0 }

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		ids = await insertHistory(database.db)
		app = await database.connectAsApp({ maxConnections: 2 })
	})
	afterAll(() => database?.close())

	test('per month in Amsterdam and per course: seats, completed, no-shows, cancellations (late ones apart) and waiting', async () => {
		const rows = await as(ids.nvwa, (tx) => countReportParticipation(tx, scope()))
		const january = { ...zero, participants: 3, completed: 2, noShows: 1, cancellations: 2, lateCancellations: 1, waiting: 1 }
		// The moved session made its cancellation free: a cancellation, not a late one.
		const march = { ...zero, participants: 1, cancellations: 1 }
		expect(rows).toEqual([
			{ month: '2030-01', courseId: null, courseTitle: null, ...january },
			{ month: '2030-03', courseId: null, courseTitle: null, ...march },
			{ month: null, courseId: ids.handhaving, courseTitle: 'Handhaving', ...march },
			{ month: null, courseId: ids.toezicht, courseTitle: 'Toezicht', ...january },
		])
	})

	test('the last month runs to its end in Amsterdam: 1 April 01:30 is April', async () => {
		const rows = await as(ids.nvwa, (tx) => countReportParticipation(tx, scope({ fromMonth: '2030-04', toMonth: '2030-04' })))
		expect(rows.map((row) => [row.month, row.participants])).toEqual([
			['2030-04', 1],
			[null, 1],
		])
	})

	test('filters by course and by theme', async () => {
		const byCourse = await as(ids.nvwa, (tx) => countReportParticipation(tx, scope({ courseId: ids.handhaving })))
		expect(byCourse.map((row) => [row.month, row.courseTitle, row.participants])).toEqual([
			['2030-03', null, 1],
			[null, 'Handhaving', 1],
		])
		const byTheme = await as(ids.nvwa, (tx) => countReportParticipation(tx, scope({ themeId: ids.theme })))
		expect(byTheme.map((row) => [row.month, row.courseTitle])).toEqual([
			['2030-01', null],
			[null, 'Toezicht'],
		])
	})

	test('another unit counts nothing of the provider’s people, even naming the provider', async () => {
		// The counting function answers only for the verified context's own unit: naming NVWA from RVO counts nothing,
		// not even RVO's own employees in NVWA's sessions (those are NVWA's report).
		expect(await as(ids.rvo, (tx) => countReportParticipation(tx, scope()))).toEqual([])
		expect(await as(ids.rvo, (tx) => countReportBudget(tx, { tenantId: ids.nvwa, year: 2030 }))).toEqual({ year: 2030, people: 0, committedCents: 0, spentCents: 0 })
	})

	test('without a verified context (a forged set_config or none) the counting function counts nothing', async () => {
		expect(await countReportParticipation(app.db, scope())).toEqual([])
		const forged = await app.db.transaction(async (tx) => {
			await tx.execute(sql`select set_config('app.tenant_id', ${ids.nvwa}, true)`)
			return countReportParticipation(tx, scope())
		})
		expect(forged).toEqual([])
	})

	test('the concern: per providing unit the same sums as the unit’s own report, each by its own free period; only a concern administrator gets an answer', async () => {
		const units = await withTenantContext(app.db, { tenantId: ids.rvo, userId: ids.admin }, (tx) => listReportUnits(tx))
		expect(units.map((unit) => unit.id).sort()).toEqual([ids.nvwa, ids.rvo].sort())
		const period = { fromMonth: '2030-01', toMonth: '2030-03', units: units.map((unit) => ({ tenantId: unit.id, freeCancellationDays: 14 })) }
		const concern = await withTenantContext(app.db, { tenantId: ids.rvo, userId: ids.admin }, (tx) => countConcernParticipation(tx, period))
		const own = await as(ids.nvwa, (tx) => countReportParticipation(tx, scope()))
		const sum = (key: keyof typeof zero) => own.filter((row) => row.month !== null).reduce((total, row) => total + row[key], 0)
		expect(concern.find((row) => row.tenantId === ids.nvwa)).toEqual({
			tenantId: ids.nvwa,
			participants: sum('participants'),
			completed: sum('completed'),
			noShows: sum('noShows'),
			cancellations: sum('cancellations'),
			lateCancellations: sum('lateCancellations'),
			waiting: sum('waiting'),
		})
		// A year's free period makes every cancellation late but the one the moved session freed.
		const strict = await withTenantContext(app.db, { tenantId: ids.rvo, userId: ids.admin }, (tx) =>
			countConcernParticipation(tx, { ...period, units: period.units.map((unit) => ({ ...unit, freeCancellationDays: 365 })) }),
		)
		expect(sum('lateCancellations')).toBeLessThan(sum('cancellations') - 1)
		expect(strict.find((row) => row.tenantId === ids.nvwa)!.lateCancellations).toBe(sum('cancellations') - 1)
		// A unit's coordinator, or no verified person, gets nothing.
		expect(await as(ids.nvwa, (tx) => countConcernParticipation(tx, period))).toEqual([])
		expect(await countConcernParticipation(app.db, period)).toEqual([])
	})

	test('the budget year: active people, commitments minus releases, and what went to learning that took place', async () => {
		expect(await as(ids.nvwa, (tx) => countReportBudget(tx, { tenantId: ids.nvwa, year: 2030 }))).toEqual({ year: 2030, people: 7, committedCents: 90_000, spentCents: 80_000 })
		expect(await as(ids.nvwa, (tx) => countReportBudget(tx, { tenantId: ids.nvwa, year: 2031 }))).toEqual({ year: 2031, people: 7, committedCents: 0, spentCents: 0 })
	})

	test('the course filter offers the unit’s courses with sessions', async () => {
		expect(await as(ids.nvwa, (tx) => listReportCourses(tx, { tenantId: ids.nvwa }))).toEqual([
			{ id: ids.handhaving, title: 'Handhaving' },
			{ id: ids.toezicht, title: 'Toezicht' },
		])
	})
})

/** NVWA provides two courses; its history has every status, a cancelled session, a moved one and an RVO session. */
async function insertHistory(db: Database) {
	const { nvwa, rvo } = await insertNvwaAndRvo(db)
	const nv = await insertPeople(db, nvwa, ['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7'])
	await db.update(schema.users).set({ active: false }).where(eq(schema.users.id, nv[7]!))
	const rv = await insertPeople(db, rvo, ['r0', 'r1'])
	const [theme] = await db.insert(schema.themes).values({ slug: 'integriteit', nameNl: 'Integriteit', nameEn: 'Integrity' }).returning()
	const course = (title: string, providerTenantId: string, themeId: string | null) => ({
		providerTenantId,
		title,
		summary: 'Samenvatting',
		description: 'Omschrijving',
		form: 'classroom' as const,
		language: 'nl' as const,
		durationMinutes: 180,
		status: 'published' as const,
		visibility: 'concern' as const,
		themeId,
	})
	const [toezicht, handhaving, rvoCourse] = await db
		.insert(schema.courses)
		.values([course('Toezicht', nvwa, theme!.id), course('Handhaving', nvwa, null), course('Subsidies', rvo, null)])
		.returning({ id: schema.courses.id })
	const session = (tenantId: string, courseId: string, startsAt: string, status: 'planned' | 'cancelled' = 'planned') => ({
		tenantId,
		courseId,
		startsAt: new Date(startsAt),
		endsAt: new Date(new Date(startsAt).getTime() + 3 * 3600_000),
		capacity: 20,
		status,
	})
	const [january, march, april, cancelled, rvoSession] = await db
		.insert(schema.sessions)
		.values([
			session(nvwa, toezicht!.id, '2030-01-15T09:00:00Z'),
			session(nvwa, handhaving!.id, '2030-03-01T09:00:00Z'),
			// 1 April 01:30 in Amsterdam.
			session(nvwa, toezicht!.id, '2030-03-31T23:30:00Z'),
			session(nvwa, toezicht!.id, '2030-01-20T09:00:00Z', 'cancelled'),
			session(rvo, rvoCourse!.id, '2030-01-15T09:00:00Z'),
		])
		.returning({ id: schema.sessions.id })
	type Status = typeof schema.enrolments.$inferInsert.status
	const enrol = (tenantId: string, userId: string, sessionId: string, status: Status, updatedAt = '2029-12-01T09:00:00Z', freeCancellationUntil: string | null = null) => ({
		tenantId,
		userId,
		sessionId,
		status,
		updatedAt: new Date(updatedAt),
		freeCancellationUntil: freeCancellationUntil ? new Date(freeCancellationUntil) : null,
	})
	const rows = await db
		.insert(schema.enrolments)
		.values([
			enrol(nvwa, nv[0]!, january!.id, 'completed'),
			enrol(rvo, rv[0]!, january!.id, 'attended'),
			enrol(nvwa, nv[1]!, january!.id, 'no_show'),
			// Five days before the start: late. Six weeks before: free.
			enrol(nvwa, nv[2]!, january!.id, 'cancelled', '2030-01-10T09:00:00Z'),
			enrol(nvwa, nv[3]!, january!.id, 'cancelled', '2029-12-01T09:00:00Z'),
			enrol(rvo, rv[1]!, january!.id, 'waitlisted'),
			enrol(nvwa, nv[4]!, january!.id, 'declined'),
			enrol(nvwa, nv[0]!, march!.id, 'enrolled'),
			// Four days before the start, but the session was moved: free until 28 February.
			enrol(nvwa, nv[1]!, march!.id, 'cancelled', '2030-02-25T09:00:00Z', '2030-02-28T09:00:00Z'),
			enrol(nvwa, nv[5]!, april!.id, 'enrolled'),
			enrol(nvwa, nv[6]!, cancelled!.id, 'cancelled'),
			enrol(rvo, rv[0]!, rvoSession!.id, 'completed'),
		])
		.returning({ id: schema.enrolments.id })
	const ledger = (k: number, userId: string, kind: 'commit' | 'release', amountCents: number, year = 2030) => ({ tenantId: nvwa, userId, enrolmentId: rows[k]!.id, year, kind, amountCents })
	await db
		.insert(schema.budgetLedger)
		.values([
			ledger(0, nv[0]!, 'commit', 50_000),
			ledger(2, nv[1]!, 'commit', 30_000),
			ledger(4, nv[3]!, 'commit', 20_000),
			ledger(4, nv[3]!, 'release', -20_000),
			ledger(7, nv[0]!, 'commit', 10_000),
			ledger(9, nv[5]!, 'commit', 99_000, 2029),
		])
	const [admin] = await insertPeople(db, rvo, ['beheerder'])
	await db.insert(schema.roleAssignments).values({ userId: admin!, role: 'concern_admin', tenantId: null })
	return { nvwa, rvo, admin: admin!, theme: theme!.id, toezicht: toezicht!.id, handhaving: handhaving!.id }
}
