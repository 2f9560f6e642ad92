import { withTenantContext, type DatabaseClient } from '@leerplein/db'
import { BULK_DECISION_FAILED_QUEUE, BULK_DECISION_QUEUE, createJobQueue, drizzleExecutor, type BulkDecisionJob } from '@leerplein/db/jobs'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, insertNvwaAndRvo, insertPeople, listMailJobs, listQueuedJobs, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import type { Actor, EnrolmentStatus } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testContext } from '../../core/testing.ts'
import { abandonBulkDecision } from './abandon-bulk-decision.server.ts'
import { purgeBulkJobs } from './purge-bulk-jobs.server.ts'
import { queueBulkDecision } from './queue-bulk-decision.server.ts'
import { runBulkDecision } from './run-bulk-decision.server.ts'
import { showBulkDecision } from './show-bulk-decision.server.ts'

// Bulk decisions as a background job (ADR 038), against a real database and the real job queue
// (pg-boss), on PGlite and PostgreSQL: queued in the request's transaction, worked through in
// the approver's own context row by row, a refused row named and the rest saved, a retry (even
// one running beside the first attempt) deciding and mailing nothing twice, and nobody but the
// approver seeing the batch.

const DAY = 86_400_000
const NOW = new Date('2030-05-01T08:00:00Z')

describe.each(await testDrivers())('bulk decisions as a job on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: Awaited<ReturnType<typeof plant>>
	const ctx = (now = NOW) => testContext(app.db, now)
	const coordinator = (userId = f.coordinator, tenantId = f.rvo): Actor => ({ userId, tenantId, grants: [{ role: 'coordinator', tenantId }] })

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		f = await plant(database)
		app = await database.connectAsApp({ maxConnections: 4 })
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	/** SQL as the owner, past every policy: what a crash or a change of rights leaves behind. */
	const asOwner = (text: string, values: unknown[]) => database.asOwner((db) => drizzleExecutor(db).executeSql(text, values))
	const statuses = async (ids: readonly string[]) =>
		new Map((await database.asOwner((db) => db.select({ id: schema.enrolments.id, status: schema.enrolments.status }).from(schema.enrolments))).filter((row) => ids.includes(row.id)).map((row) => [row.id, row.status]))
	const mailsFor = async (ids: readonly string[]) => (await listMailJobs(app.db)).filter((job) => job.enrolmentId !== undefined && ids.includes(job.enrolmentId))
	const auditFor = async (ids: readonly string[]) => (await database.asOwner((db) => db.select().from(schema.auditLog))).filter((row) => row.objectId !== null && ids.includes(row.objectId) && row.action.startsWith('enrolment.'))
	const budgetRowsFor = async (ids: readonly string[]) => (await database.asOwner((db) => db.select().from(schema.budgetLedger))).filter((row) => row.enrolmentId !== null && ids.includes(row.enrolmentId))
	/** The job pg-boss would hand a worker for this batch. */
	const queuedJob = async (jobId: string) => (await listQueuedJobs<BulkDecisionJob>(app.db, BULK_DECISION_QUEUE)).find((job) => job.data.jobId === jobId)?.data

	test('a batch is queued with its job; the worker approves it row by row, names a refused row and saves the rest', async () => {
		const ids = [...f.plain.slice(0, 40), f.overBudget[0]!, f.overBudget[1]!, f.declined, f.otherUnit]
		const queued = await queueBulkDecision(ctx(), { actor: coordinator(), enrolmentIds: ids, decision: { decision: 'approve' } })
		expect(queued.ok).toBe(true)
		const jobId = queued.ok ? queued.value.jobId : ''
		const job = await queuedJob(jobId)
		expect(job).toEqual({ jobId, tenantId: f.rvo, userId: f.coordinator })
		// Queued: nothing decided yet, and the page says how many there are.
		expect(await showBulkDecision(ctx(), { actor: coordinator(), jobId })).toMatchObject({ ok: true, value: { job: { status: 'queued', total: 44, succeeded: 0, failed: 0 }, rows: null, stalled: false } })
		expect([...(await statuses(f.plain.slice(0, 40))).values()].every((status) => status === 'awaiting_approval')).toBe(true)

		const run = await runBulkDecision(ctx(), job!)
		expect(run).toEqual({ ok: true, value: { outcome: 'done', decided: 41, refused: 3 } })
		const shown = await showBulkDecision(ctx(), { actor: coordinator(), jobId })
		expect(shown).toMatchObject({ ok: true, value: { job: { status: 'done', total: 44, succeeded: 41, failed: 3 } } })
		const rows = shown.ok ? shown.value.rows! : []
		expect(rows.map((row) => row.enrolmentId)).toEqual(ids)
		const byId = new Map(rows.map((row) => [row.enrolmentId, row]))
		// The second request of the same employee no longer fits the budget; the first one did.
		expect(byId.get(f.overBudget[0]!)).toMatchObject({ result: 'ok', outcome: 'enrolled', employeeName: 'Olga' })
		expect(byId.get(f.overBudget[1]!)).toMatchObject({ result: 'failed', outcome: 'BUDGET_EXCEEDED', employeeName: 'Olga' })
		expect(byId.get(f.declined)).toMatchObject({ result: 'failed', employeeName: 'Dolf' })
		// Another unit's request: refused, and without a name.
		expect(byId.get(f.otherUnit)).toMatchObject({ result: 'failed', outcome: 'ENROLMENT_NOT_FOUND', employeeName: null, courseTitle: null })
		expect([...(await statuses([...f.plain.slice(0, 40), f.overBudget[0]!])).values()].every((status) => status === 'enrolled')).toBe(true)
		expect((await statuses([f.overBudget[1]!, f.otherUnit])).get(f.overBudget[1]!)).toBe('awaiting_approval')
		expect((await statuses([f.otherUnit])).get(f.otherUnit)).toBe('awaiting_approval')
		// One approval mail, one audit row and one budget commitment per approved request.
		const approved = [...f.plain.slice(0, 40), f.overBudget[0]!]
		expect((await mailsFor(approved)).filter((mail) => mail.kind === 'enrolment_approved').length).toBe(41)
		expect((await auditFor(approved)).length).toBe(41)
		expect((await budgetRowsFor(approved)).length).toBe(41)
	}, 300_000)

	test('a retry, even one running beside the first attempt, decides and mails nothing twice', async () => {
		const ids = f.plain.slice(40, 70)
		const queued = await queueBulkDecision(ctx(), { actor: coordinator(), enrolmentIds: ids, decision: { decision: 'decline', reason: 'Geen plaats in de planning' } })
		const jobId = queued.ok ? queued.value.jobId : ''
		const job = (await queuedJob(jobId))!
		// pg-boss presumed the first worker dead and handed the job to a second while the first still ran.
		const [first, second] = await Promise.all([runBulkDecision(ctx(), job), runBulkDecision(ctx(), job)])
		const decided = (first.ok ? first.value.decided : 0) + (second.ok ? second.value.decided : 0)
		expect(decided).toBe(30)
		expect([first.ok && first.value.refused, second.ok && second.value.refused]).toEqual([0, 0])
		// And once more after both finished: the batch is done, so nothing is left to do.
		expect(await runBulkDecision(ctx(), job)).toEqual({ ok: true, value: { outcome: 'skipped', decided: 0, refused: 0 } })
		expect([...(await statuses(ids)).values()].every((status) => status === 'declined')).toBe(true)
		const mails = await mailsFor(ids)
		expect(mails.filter((mail) => mail.kind === 'enrolment_declined').length).toBe(30)
		expect(new Set(mails.map((mail) => mail.enrolmentId)).size).toBe(30)
		expect((await auditFor(ids)).length).toBe(30)
		expect(await showBulkDecision(ctx(), { actor: coordinator(), jobId })).toMatchObject({ ok: true, value: { job: { status: 'done', succeeded: 30, failed: 0, reason: 'Geen plaats in de planning' } } })
	}, 300_000)

	test('a batch that shows no sign of life for more than two minutes is reported as stalled', async () => {
		const queued = await queueBulkDecision(ctx(), { actor: coordinator(), enrolmentIds: f.plain.slice(85, 86), decision: { decision: 'approve' } })
		const jobId = queued.ok ? queued.value.jobId : ''
		// Nothing runs it here: the page asks with the clock a few minutes on.
		const later = new Date(NOW.getTime() + 3 * 60_000)
		expect(await showBulkDecision(ctx(), { actor: coordinator(), jobId })).toMatchObject({ ok: true, value: { stalled: false } })
		expect(await showBulkDecision(ctx(later), { actor: coordinator(), jobId })).toMatchObject({ ok: true, value: { job: { status: 'queued' }, stalled: true } })
	}, 300_000)

	test('a retry after a crash midway continues where the first attempt stopped', async () => {
		const ids = f.plain.slice(70, 80)
		const queued = await queueBulkDecision(ctx(), { actor: coordinator(), enrolmentIds: ids, decision: { decision: 'approve' } })
		const jobId = queued.ok ? queued.value.jobId : ''
		const job = (await queuedJob(jobId))!
		// The first attempt decided the first four and died: its rows and their changes committed together.
		await runBulkDecision(ctx(), job)
		// As a PostgreSQL array literal: drizzle spreads a JavaScript array into a row.
		const undone = `{${ids.slice(4).join(',')}}`
		await asOwner(`update bulk_jobs set status = 'running', finished_at = null where id = $1`, [jobId])
		await asOwner(`update bulk_job_rows set result = null, outcome = null, done_at = null where job_id = $1 and enrolment_id = any($2::uuid[])`, [jobId, undone])
		await asOwner(`delete from audit_log where object_id = any($1::text[])`, [undone])
		await asOwner(`delete from budget_ledger where enrolment_id = any($1::uuid[])`, [undone])
		await asOwner(`update enrolments set status = 'awaiting_approval' where id = any($1::uuid[])`, [undone])
		const retried = await runBulkDecision(ctx(), job)
		expect(retried).toEqual({ ok: true, value: { outcome: 'done', decided: 6, refused: 0 } })
		expect([...(await statuses(ids)).values()].every((status) => status === 'enrolled')).toBe(true)
		// The first four were not decided again: one audit row each from the first attempt only.
		const audited = await auditFor(ids.slice(0, 4))
		expect(audited.length).toBe(4)
	}, 300_000)

	test('only the approver who started a batch sees it; another coordinator of the unit or another unit finds nothing', async () => {
		const queued = await queueBulkDecision(ctx(), { actor: coordinator(), enrolmentIds: f.plain.slice(80, 82), decision: { decision: 'approve' } })
		const jobId = queued.ok ? queued.value.jobId : ''
		expect(await showBulkDecision(ctx(), { actor: coordinator(f.colleague), jobId })).toMatchObject({ ok: false, kind: 'not_found', code: 'BULK_JOB_NOT_FOUND' })
		expect(await showBulkDecision(ctx(), { actor: coordinator(f.nvwaCoordinator, f.nvwa), jobId })).toMatchObject({ ok: false, kind: 'not_found', code: 'BULK_JOB_NOT_FOUND' })
		const employee: Actor = { userId: f.employee, tenantId: f.rvo, grants: [{ role: 'employee', tenantId: f.rvo }] }
		expect(await showBulkDecision(ctx(), { actor: employee, jobId })).toMatchObject({ ok: false, kind: 'forbidden' })
		// Read directly in the colleague's tenant context: the policy hides the rows too.
		const seen = await withTenantContext(app.db, { tenantId: f.rvo, userId: f.colleague }, (tx) => tx.select().from(schema.bulkJobRows))
		expect(seen.filter((row) => row.jobId === jobId)).toEqual([])
	}, 300_000)

	test('the job runs with the rights the approver holds when it runs: a coordinator who lost the role is refused row by row', async () => {
		const ids = f.plain.slice(82, 85)
		const queued = await queueBulkDecision(ctx(), { actor: coordinator(f.colleague), enrolmentIds: ids, decision: { decision: 'approve' } })
		const jobId = queued.ok ? queued.value.jobId : ''
		const job = (await queuedJob(jobId))!
		await asOwner(`delete from role_assignments where user_id = $1`, [f.colleague])
		expect(await runBulkDecision(ctx(), job)).toEqual({ ok: true, value: { outcome: 'done', decided: 0, refused: 3 } })
		expect([...(await statuses(ids)).values()].every((status) => status === 'awaiting_approval')).toBe(true)
	}, 300_000)

	/**
	 * pg-boss gives up on a batch's job: the worker (the real pg-boss, on the app role) took it and the
	 * first rows were decided; then the last attempt fails (`fail`) or, its worker gone, expires
	 * (`expire`, pg-boss's maintenance step). Its retries are spent by setting the count, and its start
	 * moved back for the expiry, so nothing waits on the clock. pg-boss then copies the job to the
	 * dead-letter queue, whose worker ends the batch.
	 */
	test.each(['fails', 'expires'] as const)('a batch whose job pg-boss gives up on (its last attempt %s) ends as failed, its rows not reached named', async (how) => {
		const ids = how === 'fails' ? f.plain.slice(86, 90) : f.plain.slice(90, 94)
		const queued = await queueBulkDecision(ctx(), { actor: coordinator(), enrolmentIds: ids, decision: { decision: 'approve' } })
		const jobId = queued.ok ? queued.value.jobId : ''
		const boss = createJobQueue(app, { supervise: false, schedule: false })
		boss.on('error', () => {})
		await boss.start()
		// The earlier tests ran their batches without the queue: their jobs, still queued, are set aside so the worker takes this one.
		await asOwner(`update pgboss.job set state = 'completed', completed_on = now() where name = $1 and state = 'created' and data->>'jobId' <> $2`, [BULK_DECISION_QUEUE, jobId])
		try {
			const [taken] = await boss.fetch<BulkDecisionJob>(BULK_DECISION_QUEUE)
			expect(taken?.data).toEqual({ jobId, tenantId: f.rvo, userId: f.coordinator })
			// The first attempt decided the first row and then the database went away.
			const first = await database.asOwner((db) => db.select().from(schema.bulkJobRows))
			expect(first.filter((row) => row.jobId === jobId).length).toBe(ids.length)
			await asOwner(`update bulk_jobs set status = 'running', started_at = $2 where id = $1`, [jobId, NOW.toISOString()])
			await asOwner(`update enrolments set status = 'enrolled' where id = $1`, [ids[0]])
			await asOwner(`update bulk_job_rows set result = 'ok', outcome = 'enrolled', done_at = $2 where job_id = $1 and position = 1`, [jobId, NOW.toISOString()])
			// Still running as far as the page knows.
			expect(await showBulkDecision(ctx(), { actor: coordinator(), jobId })).toMatchObject({ ok: true, value: { job: { status: 'running' }, rows: null } })

			await asOwner(`update pgboss.job set retry_count = retry_limit where id = $1`, [taken!.id])
			if (how === 'fails') await boss.fail(BULK_DECISION_QUEUE, taken!.id, { message: 'connection terminated' })
			else {
				await asOwner(`update pgboss.job set started_on = now() - interval '1 day' where id = $1`, [taken!.id])
				await boss.expire()
			}
			expect(await boss.getJobById(BULK_DECISION_QUEUE, taken!.id)).toMatchObject({ state: 'failed' })
			const [dead] = await boss.fetch<BulkDecisionJob>(BULK_DECISION_FAILED_QUEUE)
			expect(dead?.data).toEqual({ jobId, tenantId: f.rvo, userId: f.coordinator })

			expect(await abandonBulkDecision(ctx(), dead!.data)).toEqual({ ok: true, value: { abandoned: ids.length - 1 } })
			// Delivered twice (a retry of the dead letter): nothing more to do.
			expect(await abandonBulkDecision(ctx(), dead!.data)).toEqual({ ok: true, value: { abandoned: null } })
			const shown = await showBulkDecision(ctx(), { actor: coordinator(), jobId })
			expect(shown).toMatchObject({ ok: true, value: { job: { status: 'failed', total: ids.length, succeeded: 1, failed: ids.length - 1 }, aborted: ids.length - 1, stalled: false } })
			const rows = shown.ok ? shown.value.rows! : []
			expect(rows.map((row) => [row.enrolmentId, row.result, row.outcome])).toEqual(ids.map((id, index) => [id, index === 0 ? 'ok' : 'failed', index === 0 ? 'enrolled' : 'BULK_JOB_ABORTED']))
			// The requests not reached still wait, undecided; a late attempt finds nothing left and leaves the batch failed.
			expect([...(await statuses(ids.slice(1))).values()].every((status) => status === 'awaiting_approval')).toBe(true)
			expect(await runBulkDecision(ctx(), dead!.data)).toEqual({ ok: true, value: { outcome: 'skipped', decided: 0, refused: 0 } })
		} finally {
			await boss.stop({ graceful: false, wait: true, close: false })
		}
	}, 300_000)

	test('finished batches are removed after the retention period, in every unit', async () => {
		const count = async () => (await database.asOwner((db) => db.select({ id: schema.bulkJobs.id }).from(schema.bulkJobs))).length
		const before = await count()
		expect(before).toBeGreaterThan(0)
		expect(await purgeBulkJobs(ctx(), { actor: null })).toEqual({ ok: true, value: { removed: 0 } })
		const later = new Date(NOW.getTime() + 31 * DAY)
		const purged = await purgeBulkJobs(ctx(later), { actor: null })
		// Batches still queued (never finished) stay.
		expect(purged.ok && purged.value.removed).toBeGreaterThan(0)
		expect(await count()).toBeLessThan(before)
	}, 300_000)
})

/**
 * RVO's coordinators decide RVO's requests for an NVWA course (approval always, budget € 1,000 a
 * year, blocked above it): 96 employees each with one request, Olga with two that do not both
 * fit, Dolf's request declined already, and one NVWA request: the forged id.
 */
async function plant(database: TestDatabase) {
	const db = database.db
	const { nvwa, rvo } = await insertNvwaAndRvo(db, { nvwa: { poOverrides: { approval: { mode: 'always' } } }, rvo: { poOverrides: { approval: { mode: 'always' }, approvers: 'manager', yearlyBudgetCents: 100_000, budgetExceeded: 'block' } } })
	const people = (tenantId: string, names: string[]) => insertPeople(db, tenantId, names)
	const [coordinator, colleague, employee, olga, dolf] = (await people(rvo, ['Cora Coördinator', 'Kees Coördinator', 'Eef', 'Olga', 'Dolf'])) as [string, string, string, string, string]
	const many = await people(rvo, Array.from({ length: 96 }, (_, index) => `aanvrager-${String(index).padStart(2, '0')}`))
	const [nvwaCoordinator, nvwaEmployee] = (await people(nvwa, ['Nina Coördinator', 'Niels'])) as [string, string]
	await db.insert(schema.roleAssignments).values([
		{ userId: coordinator, role: 'coordinator', tenantId: rvo },
		{ userId: colleague, role: 'coordinator', tenantId: rvo },
		{ userId: nvwaCoordinator, role: 'coordinator', tenantId: nvwa },
	])
	const [course] = await db
		.insert(schema.courses)
		.values({ providerTenantId: nvwa, title: 'Toezicht in de praktijk', summary: 'S', description: 'D', form: 'classroom', durationMinutes: 120, status: 'published', visibility: 'concern', priceCents: 10_000 })
		.returning({ id: schema.courses.id })
	const [session, second] = await db
		.insert(schema.sessions)
		.values(
			[30, 40].map((days) => ({ tenantId: nvwa, courseId: course!.id, startsAt: new Date(NOW.getTime() + days * DAY), endsAt: new Date(NOW.getTime() + days * DAY + 7_200_000), capacity: 500 })),
		)
		.returning({ id: schema.sessions.id })
	const request = async (tenantId: string, userIds: string[], { priceCents = 10_000, status = 'awaiting_approval' as EnrolmentStatus, sessionId = session!.id } = {}) =>
		(
			await db
				.insert(schema.enrolments)
				.values(userIds.map((userId) => ({ tenantId, sessionId, userId, status, priceCents, approvalStep: status === 'awaiting_approval' ? ('manager' as const) : null })))
				.returning({ id: schema.enrolments.id })
		).map((row) => row.id)
	return {
		nvwa,
		rvo,
		coordinator,
		colleague,
		employee,
		nvwaCoordinator,
		plain: await request(rvo, many),
		overBudget: [...(await request(rvo, [olga], { priceCents: 60_000 })), ...(await request(rvo, [olga], { priceCents: 60_000, sessionId: second!.id }))],
		declined: (await request(rvo, [dolf], { status: 'declined' }))[0]!,
		otherUnit: (await request(nvwa, [nvwaEmployee]))[0]!,
	}
}
