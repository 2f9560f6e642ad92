import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { selectRows, type Database, type DatabaseClient } from '../client.ts'
import * as schema from '../schema/index.ts'
import type { DuplicateScanCourse } from '../schema/deduplication.ts'
import { withTenantContext } from '../tenancy.ts'
import { createTestDatabase, testDrivers, type TestDatabase } from '../testing.ts'
import { dismissDuplicatePair, mergeCourse, undoCourseMerge } from './duplicates.ts'
import {
	failDuplicateScan,
	finishDuplicateScan,
	getDuplicateScanOverview,
	insertQueuedDuplicateScan,
	listDuplicateScanClusters,
	recordDuplicateScanProgress,
	requestDuplicateScanRerun,
	startDuplicateScan,
	type NewDuplicateScanCluster,
} from './duplicate-scans.ts'

// The background duplicate scan's tables (ADR 019): one active scan at a time, progress and
// clusters stored for every portal process, and only a concern administrator reads or writes
// them, whatever SQL a unit's people send (RLS enabled and forced).

type Person = { userId: string; tenantId: string }

describe.each(await testDrivers())('duplicate scans on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: Awaited<ReturnType<typeof plant>>
	const as = <T>(person: Person | null, work: (tx: Database) => Promise<T>) =>
		withTenantContext(app.db, person ?? { tenantId: null, userId: null }, work)
	const admin = () => f.admin
	/** drizzle wraps the database's error; its own message is in the cause. */
	const failure = (promise: Promise<unknown>) =>
		promise.then(
			() => 'no error',
			(error: Error & { cause?: Error }) => error.cause?.message ?? error.message,
		)
	const course = (id: string): DuplicateScanCourse => {
		const found = f.courses.find((c) => c.id === id)!
		return { id, title: found.title, providerTenantId: found.providerTenantId, providerShortName: found.providerTenantId === f.rvo ? 'RVO' : 'NVWA', form: 'classroom', durationMinutes: 60 }
	}
	const cluster = (ids: string[], topScore: number): NewDuplicateScanCluster => ({ topScore, reasons: ['TITLE_NEARLY_EQUAL', 'SAME_FORM'], courses: ids.map(course) })

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		f = await plant(database.db)
		app = await database.connectAsApp({ maxConnections: 2 })
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	test('a concern administrator queues one scan at a time, records its progress, and stores its clusters', async () => {
		const scanId = (await as(admin(), (tx) => insertQueuedDuplicateScan(tx, { version: 'v1', requestedBy: f.admin.userId })))!
		expect(scanId).toMatch(/^[0-9a-f-]{36}$/)
		// Never two at once: a second request finds the first queued.
		expect(await as(admin(), (tx) => insertQueuedDuplicateScan(tx, { version: 'v1', requestedBy: f.admin.userId }))).toBeNull()
		expect((await as(admin(), getDuplicateScanOverview)).active).toMatchObject({ id: scanId, status: 'queued', done: 0, total: null })

		expect(await as(admin(), (tx) => startDuplicateScan(tx, { scanId, version: 'v2', total: 4 }))).toBe(true)
		// Still only one: the running scan holds the place.
		expect(await as(admin(), (tx) => insertQueuedDuplicateScan(tx, { version: 'v2', requestedBy: f.admin.userId }))).toBeNull()
		expect(await as(admin(), (tx) => recordDuplicateScanProgress(tx, { scanId, done: 3 }))).toBe(true)
		expect((await as(admin(), getDuplicateScanOverview)).active).toMatchObject({ id: scanId, status: 'running', version: 'v2', done: 3, total: 4 })

		const [a, b, c, d] = f.courses.map((x) => x.id) as [string, string, string, string]
		expect(await as(admin(), (tx) => finishDuplicateScan(tx, { scanId, clusters: [cluster([a, c], 0.9), cluster([b, d], 0.7)], durationMs: 1234 }))).toEqual({
			finished: true,
			rerunRequested: false,
		})
		const overview = await as(admin(), getDuplicateScanOverview)
		expect(overview.active).toBeNull()
		expect(overview.newestDone).toMatchObject({ id: scanId, status: 'done', version: 'v2', done: 4, total: 4, clusterCount: 2, durationMs: 1234 })
		const page = await as(admin(), (tx) => listDuplicateScanClusters(tx, { scanId, providerTenantId: null, changedSince: null, limit: 25, offset: 0 }))
		expect(page.total).toBe(2)
		expect(page.rows.map((row) => [row.position, row.courses.map((x) => x.id)])).toEqual([
			[1, [a, c]],
			[2, [b, d]],
		])
		expect(page.rows[0]).toMatchObject({ topScore: expect.closeTo(0.9, 5), reasons: ['TITLE_NEARLY_EQUAL', 'SAME_FORM'] })
		expect(page.rows[0]!.courses[0]).toEqual(course(a))
	})

	test('a change during a scan asks for one more; a scan given up records nothing more; finishing keeps only the newest result', async () => {
		const scanId = (await as(admin(), (tx) => insertQueuedDuplicateScan(tx, { version: 'v2', requestedBy: f.admin.userId })))!
		// A queued scan reads the catalogue when it starts: nothing to scan again.
		expect(await as(admin(), (tx) => requestDuplicateScanRerun(tx, { scanId }))).toBe(false)
		await as(admin(), (tx) => startDuplicateScan(tx, { scanId, version: 'v2', total: 4 }))
		expect(await as(admin(), (tx) => requestDuplicateScanRerun(tx, { scanId }))).toBe(true)
		expect(await as(admin(), (tx) => finishDuplicateScan(tx, { scanId, clusters: [], durationMs: 10 }))).toEqual({ finished: true, rerunRequested: true })
		const overview = await as(admin(), getDuplicateScanOverview)
		expect(overview.newestDone).toMatchObject({ id: scanId, clusterCount: 0 })
		// The earlier result and its clusters are gone.
		expect(await as(admin(), (tx) => selectRows(tx, sql`select scan_id from duplicate_scan_clusters`))).toEqual([])
		expect(await as(admin(), (tx) => selectRows<{ n: number }>(tx, sql`select count(*)::int as n from duplicate_scans`))).toEqual([{ n: 1 }])

		const givenUp = (await as(admin(), (tx) => insertQueuedDuplicateScan(tx, { version: 'v3', requestedBy: f.admin.userId })))!
		await as(admin(), (tx) => startDuplicateScan(tx, { scanId: givenUp, version: 'v3', total: 4 }))
		expect(await as(admin(), (tx) => failDuplicateScan(tx, { scanId: givenUp, error: 'SCAN_STALLED' }))).toBe(true)
		expect(await as(admin(), (tx) => failDuplicateScan(tx, { scanId: givenUp, error: 'SCAN_FAILED' }))).toBe(false)
		expect(await as(admin(), (tx) => recordDuplicateScanProgress(tx, { scanId: givenUp, done: 2 }))).toBe(false)
		expect(await as(admin(), (tx) => startDuplicateScan(tx, { scanId: givenUp, version: 'v3', total: 4 }))).toBe(false)
		expect(await as(admin(), (tx) => finishDuplicateScan(tx, { scanId: givenUp, clusters: [cluster(f.courses.slice(0, 2).map((x) => x.id), 0.8)], durationMs: 5 }))).toEqual({
			finished: false,
			rerunRequested: false,
		})
		expect((await as(admin(), getDuplicateScanOverview)).newestFailed).toMatchObject({ id: givenUp, status: 'failed', error: 'SCAN_STALLED' })
	})

	test('clusters page by position and filter by providing unit; an outdated result leaves out what was merged or judged since', async () => {
		const scanId = (await as(admin(), (tx) => insertQueuedDuplicateScan(tx, { version: 'v4', requestedBy: f.admin.userId })))!
		const started = await as(admin(), async (tx) => {
			await startDuplicateScan(tx, { scanId, version: 'v4', total: 4 })
			const [row] = await selectRows<{ now: string }>(tx, sql`select now()::text as now`)
			return new Date(row!.now)
		})
		const [a, , c, d, e] = f.courses.map((x) => x.id) as [string, string, string, string, string]
		// 30 clusters, alternating: an RVO and an NVWA course, and two NVWA courses; positions 1…30.
		const clusters = Array.from({ length: 30 }, (_, index) => (index % 2 === 0 ? cluster([a, c], 0.9 - index / 100) : cluster([d, e], 0.9 - index / 100)))
		await as(admin(), (tx) => finishDuplicateScan(tx, { scanId, clusters, durationMs: 1 }))
		const list = (options: { providerTenantId?: string | null; changedSince?: Date | null; offset?: number }) =>
			as(admin(), (tx) => listDuplicateScanClusters(tx, { scanId, providerTenantId: null, changedSince: null, limit: 25, offset: 0, ...options }))

		const first = await list({})
		expect(first.total).toBe(30)
		expect(first.rows.map((row) => row.position)).toEqual(Array.from({ length: 25 }, (_, index) => index + 1))
		expect((await list({ offset: 25 })).rows.map((row) => row.position)).toEqual([26, 27, 28, 29, 30])
		expect((await list({ offset: 50 })).rows).toEqual([])
		// Every cluster holds an NVWA course; only the pairs with course a hold an RVO one.
		expect((await list({ providerTenantId: f.nvwa })).total).toBe(30)
		const rvoOnly = await list({ providerTenantId: f.rvo })
		expect(rvoOnly.total).toBe(15)
		expect(rvoOnly.rows.every((row) => row.courses.some((x) => x.id === a))).toBe(true)

		// Since the scan: c is merged into a, and d and e are judged "not a duplicate".
		const mergeId = await as(admin(), (tx) => mergeCourse(tx, { canonicalId: a, mergedId: c }))
		await as(admin(), (tx) => dismissDuplicatePair(tx, { courseIds: [d, e], userId: f.admin.userId }))
		expect((await list({ changedSince: started })).total).toBe(0)
		// The current view of the same rows (as if nothing changed) still lists them all.
		expect((await list({})).total).toBe(30)
		await as(admin(), (tx) => undoCourseMerge(tx, { mergeId }))
		const afterUndo = await list({ changedSince: started })
		expect(afterUndo.total).toBe(15)
		expect(afterUndo.rows[0]!.courses.map((x) => x.id)).toEqual([a, c])
		expect(afterUndo.rows.every((row) => row.position % 2 === 1)).toBe(true)
	})

	test('only a concern administrator reads or writes scans and clusters, whatever SQL a unit sends', async () => {
		const seen = (person: Person | null) =>
			as(person, async (tx) => ({
				scans: await selectRows(tx, sql`select id from duplicate_scans`),
				clusters: await selectRows(tx, sql`select scan_id from duplicate_scan_clusters`),
			}))
		const adminSees = await seen(admin())
		expect(adminSees.scans.length).toBeGreaterThan(0)
		expect(adminSees.clusters.length).toBeGreaterThan(0)
		for (const person of [f.coordinator, f.employee, null]) {
			expect(await seen(person)).toEqual({ scans: [], clusters: [] })
			expect(await as(person, getDuplicateScanOverview)).toEqual({ newestDone: null, active: null, newestFailed: null })
		}
		// Outside any transaction's tenant context too.
		expect(await selectRows(app.db, sql`select id from duplicate_scans`)).toEqual([])

		// Writing: a unit's coordinator can neither record a scan nor change or delete one.
		expect(await failure(as(f.coordinator, (tx) => insertQueuedDuplicateScan(tx, { version: 'forged', requestedBy: f.coordinator.userId })))).toMatch(/row-level security/)
		const [scan] = await as(admin(), (tx) => tx.select({ id: schema.duplicateScans.id, status: schema.duplicateScans.status }).from(schema.duplicateScans).limit(1))
		expect(
			await failure(
				as(f.coordinator, (tx) =>
					tx.insert(schema.duplicateScanClusters).values({ scanId: scan!.id, position: 999, topScore: 1, reasons: [], courseIds: [], providerTenantIds: [], courses: [] }),
				),
			),
		).toMatch(/row-level security/)
		await as(f.coordinator, async (tx) => {
			await tx.execute(sql`update duplicate_scans set status = 'failed', error = 'SCAN_FAILED'`)
			await tx.execute(sql`delete from duplicate_scan_clusters`)
			await tx.execute(sql`delete from duplicate_scans`)
		})
		expect(await seen(admin())).toEqual(adminSees)
		const [after] = await as(admin(), (tx) => tx.select({ status: schema.duplicateScans.status }).from(schema.duplicateScans).where(eq(schema.duplicateScans.id, scan!.id)))
		expect(after!.status).toBe(scan!.status)
	})
})

/** Two units, a concern administrator (of NVWA), an RVO coordinator and employee, and published courses of both (two of RVO, three of NVWA). */
async function plant(db: Database) {
	const [nvwa, rvo] = (
		await db
			.insert(schema.tenants)
			.values([
				{ slug: 'nvwa', name: 'Nederlandse Voedsel- en Warenautoriteit', shortName: 'NVWA' },
				{ slug: 'rvo', name: 'Rijksdienst voor Ondernemend Nederland', shortName: 'RVO' },
			])
			.returning({ id: schema.tenants.id })
	).map((t) => t.id) as [string, string]
	const person = (tenantId: string, name: string) => ({ tenantId, employeeNumber: name, name, email: `${name}@test.invalid` })
	const [admin, coordinator, employee] = await db
		.insert(schema.users)
		.values([person(nvwa, 'beheerder'), person(rvo, 'coordinator'), person(rvo, 'medewerker')])
		.returning({ userId: schema.users.id, tenantId: schema.users.tenantId })
	await db.insert(schema.roleAssignments).values([
		{ userId: admin!.userId, role: 'concern_admin', tenantId: null },
		{ userId: coordinator!.userId, role: 'coordinator', tenantId: rvo },
		{ userId: employee!.userId, role: 'employee', tenantId: rvo },
	])
	const course = (providerTenantId: string, title: string) => ({
		providerTenantId,
		title,
		summary: title,
		description: title,
		form: 'classroom' as const,
		durationMinutes: 60,
		status: 'published' as const,
		visibility: 'concern' as const,
	})
	const courses = await db
		.insert(schema.courses)
		.values([course(rvo, 'Integriteit A'), course(rvo, 'Omgevingswet B'), course(nvwa, 'Integriteit C'), course(nvwa, 'Omgevingswet D'), course(nvwa, 'Omgevingswet E')])
		.returning({ id: schema.courses.id, title: schema.courses.title, providerTenantId: schema.courses.providerTenantId })
	return { nvwa, rvo, admin: admin!, coordinator: coordinator!, employee: employee!, courses }
}
