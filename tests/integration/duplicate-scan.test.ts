import { randomUUID } from 'node:crypto'
import { APP_ROLE, selectRows, withTenantContext, type DatabaseClient } from '@leerplein/db'
import { getDuplicateScanOverview } from '@leerplein/db/deduplication'
import type { DuplicateScanJob } from '@leerplein/db/jobs'
import { schema } from '@leerplein/db/schema'
import { DEMO_PERSONAS, seededDuplicateClusters } from '@leerplein/db/seed'
import { createTestDatabase, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import { eq, sql } from 'drizzle-orm'
import type { Actor } from '@leerplein/domain'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import type { ServiceContext } from '../../app/core/service.server.ts'
import { mergeCourses } from '../../app/features/deduplication/merge-courses.server.ts'
import { queueDuplicateScan, requestDuplicateScan } from '../../app/features/deduplication/request-duplicate-scan.server.ts'
import { runDuplicateScan } from '../../app/features/deduplication/run-duplicate-scan.server.ts'
import { CLUSTERS_PER_PAGE, showDuplicateReport } from '../../app/features/deduplication/show-duplicate-report.server.ts'
import { pollUntil } from '../support/poll.ts'

// The concern-wide duplicate scan as a background job (ADR 019), on the default seed (3,000
// courses, 55 seeded clusters), on PGlite and PostgreSQL: requested once, run by the job handler
// in the administrator's tenant context with its progress visible while it runs, stored for the
// report, outdated by a merge (which queues the next scan itself), given up when it stalls.

/** What the job logs as errors; a test that expects none checks it stays empty. */
const loggedErrors: unknown[] = []
const ignore = () => {}
const logger = { error: (...args: unknown[]) => void loggedErrors.push(args), warn: ignore, info: ignore, debug: ignore } as unknown as ServiceContext['logger']
afterEach(() => {
	expect(loggedErrors).toEqual([])
})
type Person = Actor

describe.each(await testDrivers())('the duplicate scan job on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let admin: Person
	let coordinator: Person
	let publishedCourses: number
	const clusters = seededDuplicateClusters('default')
	/** The services' context, at the given time (the clock is an input: no test waits for it). */
	const ctx = (now = new Date()): ServiceContext => ({ db: app.db, logger, clock: { now: () => now }, requestId: randomUUID(), clientIp: '127.0.0.1' })
	const report = async ({ now, ...options }: Partial<Omit<Parameters<typeof showDuplicateReport>[1], 'actor'>> & { now?: Date } = {}) => {
		const shown = await showDuplicateReport(ctx(now), { actor: admin, page: 1, unit: null, historyPage: 1, undoMergeId: null, ...options })
		return shown.ok ? shown.value : null
	}
	/** The job's own run, as the worker starts it (as the administrator who asked). */
	const run = async (job: DuplicateScanJob, slice?: number) => {
		const ran = await runDuplicateScan(ctx(), { actor: { tenantId: job.tenantId, userId: job.userId }, scanId: job.scanId, ...(slice ? { slice } : {}) })
		if (!ran.ok) throw new Error(ran.code)
		return ran.value
	}
	const scanJobs = async () =>
		(await selectRows<{ data: DuplicateScanJob; state: string }>(app.db, sql`select data, state from pgboss.job where name = 'duplicate-scan' order by created_on`)).map((row) => row.data)
	/** Runs the job the way the worker does, reading the scan's progress from another transaction as it goes. */
	async function runWatched(job: DuplicateScanJob) {
		const seen: number[] = []
		let running = true
		const watching = pollUntil(
			async () => {
				const active = (await withTenantContext(app.db, admin, getDuplicateScanOverview)).active
				if (active?.status === 'running') seen.push(active.done)
				return !running
			},
			{ timeoutMs: 240_000, intervalMs: 1, message: 'the scan did not end' },
		)
		const result = await run(job, 200).finally(() => (running = false))
		await watching
		return { result, seen }
	}

	beforeAll(async () => {
		// Made once for the run, for this file and the search relevance suite's (db/src/queries/search-relevance.test.ts).
		database = await createTestDatabase(driver, { seed: 'default' })
		const person = async (key: string): Promise<Person> => {
			const email = DEMO_PERSONAS.find((persona) => persona.key === key)!.email
			const [row] = await database.db.select({ userId: schema.users.id, tenantId: schema.users.tenantId }).from(schema.users).where(eq(schema.users.email, email))
			return { ...row!, grants: key === 'concern-admin' ? [{ role: 'concern_admin', tenantId: null }] : [{ role: 'coordinator', tenantId: row!.tenantId }] }
		}
		admin = await person('concern-admin')
		coordinator = await person('rvo-coordinator')
		const [row] = await selectRows<{ n: number }>(database.db, sql`select count(*)::int as n from courses where status = 'published'`)
		publishedCourses = row!.n
		app = await database.connectAsApp({ maxConnections: 4 })
	}, 600_000)
	afterAll(() => database?.close(), 30_000)

	test('before any scan, the report offers one and shows no clusters', async () => {
		const before = (await report())!
		expect(before).toMatchObject({ result: null, activity: { kind: 'idle' }, canScan: true, clusters: { rows: [], total: 0 } })
		// A coordinator may not ask for a scan: the service refuses, and so does the database, outside a concern administrator's context.
		expect(await requestDuplicateScan(ctx(), { actor: coordinator })).toEqual({ ok: false, kind: 'forbidden', code: 'FORBIDDEN' })
		await expect(withTenantContext(app.db, coordinator, (tx) => queueDuplicateScan(ctx(), tx, { actor: coordinator, trigger: 'manual' }))).rejects.toThrow()
	})

	test('a requested scan is queued once, runs in slices with visible progress, and stores the clusters of the default seed', async () => {
		const requested = await requestDuplicateScan(ctx(), { actor: admin })
		expect(requested).toMatchObject({ ok: true, value: { kind: 'queued' } })
		const scanId = requested.ok ? requested.value.scanId : ''
		// Never two at once.
		expect(await requestDuplicateScan(ctx(), { actor: admin })).toEqual({ ok: false, kind: 'conflict', code: 'SCAN_ALREADY_RUNNING' })
		const [job, ...more] = await scanJobs()
		expect(more).toEqual([])
		expect(job).toEqual({ scanId, tenantId: admin.tenantId, userId: admin.userId })
		expect((await report())!.activity).toEqual({ kind: 'scanning', status: 'queued', done: 0, total: null })
		const audit = await database.asOwner((db) => db.select().from(schema.auditLog).where(eq(schema.auditLog.objectId, scanId)))
		expect(audit).toMatchObject([{ action: 'course.duplicate_scan', actorUserId: admin.userId, tenantId: null, result: 'success', after: { trigger: 'manual' } }])

		const { result, seen } = await runWatched(job!)
		expect(result).toMatchObject({ outcome: 'done', courses: publishedCourses })
		// Progress was recorded slice by slice, rising, in courses of the whole catalogue.
		expect(new Set(seen).size).toBeGreaterThan(3)
		expect(seen.every((done, index) => index === 0 || done >= seen[index - 1]!)).toBe(true)
		expect(Math.max(...seen)).toBeLessThan(publishedCourses)

		const done = (await report())!
		expect(done.activity).toEqual({ kind: 'idle' })
		expect(done.canScan).toBe(false)
		expect(done.result).toMatchObject({ outdated: false, courses: publishedCourses })
		expect(done.result!.clusters).toBe(done.clusters.total)
		expect(done.clusters.rows).toHaveLength(CLUSTERS_PER_PAGE)
		expect(done.clusters.rows.map((row) => row.position)).toEqual(Array.from({ length: CLUSTERS_PER_PAGE }, (_, index) => index + 1))
		const overview = await withTenantContext(app.db, admin, getDuplicateScanOverview)
		expect(overview.newestDone).toMatchObject({ id: scanId, status: 'done', done: publishedCourses, total: publishedCourses })

		// Every stored cluster, page by page: the seeded doubles are found (recall ≥ 0.9).
		const found = new Set<string>()
		for (let page = 1; page <= done.clusters.pages; page++) {
			for (const row of (await report({ page }))!.clusters.rows) {
				const ids = row.courses.map((course) => course.id)
				for (const a of ids) for (const b of ids) if (a < b) found.add(`${a}|${b}`)
			}
		}
		const truth = clusters.flatMap((members) => members.flatMap((a) => members.filter((b) => a < b).map((b) => `${a}|${b}`)))
		expect(truth.filter((pair) => found.has(pair)).length / truth.length).toBeGreaterThanOrEqual(0.9)
		// Past the last page: an empty page that says so.
		expect((await report({ page: done.clusters.pages + 1 }))!.clusters).toMatchObject({ rows: [], pageOutOfRange: true })
		// Asked again with nothing changed: refused, the result is current.
		expect(await requestDuplicateScan(ctx(), { actor: admin })).toEqual({ ok: false, kind: 'conflict', code: 'SCAN_CURRENT' })
	}, 240_000)

	test('a merge outdates the result, which still shows without the merged course, and queues the next scan itself', async () => {
		const before = (await report())!
		const cluster = before.clusters.rows.find((row) => row.courses.length === 2)!
		const [kept, merged] = cluster.courses.map((course) => course.id) as [string, string]
		expect(await mergeCourses(ctx(), { actor: admin, canonicalId: kept, mergedIds: [merged] })).toMatchObject({ ok: true })

		const stale = (await report())!
		expect(stale.result).toMatchObject({ outdated: true })
		expect(stale.activity).toMatchObject({ kind: 'scanning', status: 'queued' })
		expect(stale.canScan).toBe(false)
		expect(stale.clusters.total).toBe(before.clusters.total - 1)
		expect(stale.clusters.rows.flatMap((row) => row.courses.map((course) => course.id))).not.toContain(merged)
		// Filtered by the merged course's unit, the same holds.
		const [{ slug: unit }] = (await withTenantContext(app.db, admin, (tx) =>
			selectRows<{ slug: string }>(tx, sql`select t.slug from courses c join tenants t on t.id = c.provider_tenant_id where c.id = ${merged}`),
		)) as [{ slug: string }]
		expect((await report({ unit }))!.clusters.rows.flatMap((row) => row.courses.map((course) => course.id))).not.toContain(merged)

		const job = (await scanJobs()).at(-1)!
		expect(job.scanId).not.toBe((await withTenantContext(app.db, admin, getDuplicateScanOverview)).newestDone!.id)
		expect((await runWatched(job)).result).toMatchObject({ outcome: 'done', courses: publishedCourses - 1 })
		const fresh = (await report())!
		expect(fresh.result).toMatchObject({ outdated: false, courses: publishedCourses - 1 })
		expect(fresh.merges.rows[0]).toMatchObject({ canonicalCourseId: kept, mergedCourseId: merged })
		// The history is paged (20 a page); the merge whose undo awaits confirmation is read by its id.
		expect(fresh.merges).toMatchObject({ total: 1, page: 1, pages: 1, pageOutOfRange: false })
		expect((await report({ historyPage: 2 }))!.merges).toMatchObject({ rows: [], total: 1, pageOutOfRange: true })
		const mergeId = fresh.merges.rows[0]!.id
		expect((await report({ undoMergeId: mergeId }))!.confirmUndo).toMatchObject({ id: mergeId, mergedCourseId: merged })
		expect((await report({ undoMergeId: randomUUID() }))!.confirmUndo).toBeNull()
		// An unknown unit in the filter is no report at all (the route answers 400).
		expect(await showDuplicateReport(ctx(), { actor: admin, page: 1, unit: 'bestaat-niet', historyPage: 1, undoMergeId: null })).toEqual({ ok: false, kind: 'invalid', code: 'UNIT_UNKNOWN' })
	}, 240_000)

	test('a scan that stops moving counts as stalled and may be started again; the stalled run then stops', async () => {
		// The catalogue changes (a judgement), so a scan is needed; the queued scan never moves.
		await withTenantContext(app.db, admin, (tx) => tx.execute(sql`insert into duplicate_dismissals (course_a_id, course_b_id, dismissed_by)
			select least(a.id, b.id), greatest(a.id, b.id), ${admin.userId}::uuid from courses a, courses b where a.status = 'published' and b.status = 'published' and a.id < b.id limit 1`))
		const requested = await requestDuplicateScan(ctx(), { actor: admin })
		expect(requested).toMatchObject({ ok: true, value: { kind: 'queued' } })
		const inThreeMinutes = new Date(Date.now() + 3 * 60_000)
		const stalled = (await report({ now: inThreeMinutes }))!
		expect(stalled.activity).toMatchObject({ kind: 'failed', error: 'SCAN_STALLED' })
		expect(stalled.canScan).toBe(true)
		// Starting again gives the stalled scan up and queues a new one.
		const again = await requestDuplicateScan(ctx(inThreeMinutes), { actor: admin })
		expect(again).toMatchObject({ ok: true, value: { kind: 'queued' } })
		const [stalledJob, newJob] = (await scanJobs()).slice(-2) as [DuplicateScanJob, DuplicateScanJob]
		expect(await run(stalledJob)).toEqual({ outcome: 'skipped' })
		expect((await run(newJob)).outcome).toBe('done')
		expect((await report())!).toMatchObject({ result: { outdated: false }, activity: { kind: 'idle' } })
	}, 240_000)

	test('a scan that fails is recorded with its error, shown on the report, and may be retried', async () => {
		await withTenantContext(app.db, admin, (tx) => tx.execute(sql`delete from duplicate_dismissals`))
		const requested = await requestDuplicateScan(ctx(), { actor: admin })
		expect(requested.ok).toBe(true)
		const job = (await scanJobs()).at(-1)!
		// A real failure: the portal's role may not store the clusters for a moment.
		await database.asOwner((db) => db.execute(sql.raw(`revoke insert on duplicate_scan_clusters from ${APP_ROLE}`)))
		try {
			expect(await run(job)).toEqual({ outcome: 'failed' })
			expect(loggedErrors).toHaveLength(1)
			loggedErrors.length = 0
		} finally {
			await database.asOwner((db) => db.execute(sql.raw(`grant insert on duplicate_scan_clusters to ${APP_ROLE}`)))
		}
		const failed = (await report())!
		expect(failed.activity).toMatchObject({ kind: 'failed', error: 'SCAN_FAILED' })
		expect(failed.result).toMatchObject({ outdated: true })
		expect(failed.canScan).toBe(true)
		const retried = await requestDuplicateScan(ctx(), { actor: admin })
		expect(retried).toMatchObject({ ok: true, value: { kind: 'queued' } })
		expect((await run((await scanJobs()).at(-1)!)).outcome).toBe('done')
		expect((await report())!).toMatchObject({ result: { outdated: false }, activity: { kind: 'idle' }, canScan: false })
	}, 240_000)
})
