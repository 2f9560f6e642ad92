import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { selectRows, type Database } from '../client.ts'
import { bulkJobRows, bulkJobs, type BulkJobKind, type BulkJobStatus } from '../schema/bulk-jobs.ts'

// Bulk work as a background job (ADR 038). Every query runs in the initiator's tenant context:
// the policy shows a person their own batches only.

export type BulkJobRowInput = { enrolmentId: string; employeeName: string | null; courseTitle: string | null }

/** Queues a batch and its rows (in the order given); returns its id. */
export async function insertBulkJob(
	db: Database,
	{ tenantId, requestedBy, kind, reason, rows, now }: { tenantId: string; requestedBy: string; kind: BulkJobKind; reason: string | null; rows: readonly BulkJobRowInput[]; now: Date },
): Promise<string> {
	const [job] = await db.insert(bulkJobs).values({ tenantId, requestedBy, kind, reason, total: rows.length, requestedAt: now }).returning({ id: bulkJobs.id })
	const jobId = job!.id
	await db.insert(bulkJobRows).values(rows.map((row, index) => ({ jobId, position: index + 1, tenantId, requestedBy, ...row })))
	return jobId
}

export type BulkJobSummary = {
	id: string
	kind: BulkJobKind
	reason: string | null
	status: BulkJobStatus
	total: number
	succeeded: number
	failed: number
	requestedAt: Date
	startedAt: Date | null
	finishedAt: Date | null
	/** The last sign of life: queued, started, or a row done. */
	lastActivityAt: Date
}

/** A batch with its progress: rows done well and rows refused so far. Null when not the asker's. */
export async function getBulkJob(db: Database, { jobId }: { jobId: string }): Promise<BulkJobSummary | null> {
	const [job] = await db
		.select({
			id: bulkJobs.id,
			kind: bulkJobs.kind,
			reason: bulkJobs.reason,
			status: bulkJobs.status,
			total: bulkJobs.total,
			// One pass over the batch's rows (the primary key's range): the progress the page shows.
			succeeded: sql<number>`(select count(*)::integer from ${bulkJobRows} r where r.job_id = ${bulkJobs.id} and r.result = 'ok')`.mapWith(Number),
			failed: sql<number>`(select count(*)::integer from ${bulkJobRows} r where r.job_id = ${bulkJobs.id} and r.result = 'failed')`.mapWith(Number),
			requestedAt: bulkJobs.requestedAt,
			startedAt: bulkJobs.startedAt,
			finishedAt: bulkJobs.finishedAt,
			lastActivityAt: sql<Date>`greatest(${bulkJobs.requestedAt}, ${bulkJobs.startedAt}, (select max(r.done_at) from ${bulkJobRows} r where r.job_id = ${bulkJobs.id}))`.mapWith(
				(value: string | Date) => new Date(value),
			),
		})
		.from(bulkJobs)
		.where(eq(bulkJobs.id, jobId))
	return job ?? null
}

/** The asker's latest batches, newest first (the policy shows only their own): the inbox links to them. */
export async function listRecentBulkJobs(db: Database, { limit }: { limit: number }): Promise<Pick<BulkJobSummary, 'id' | 'kind' | 'status' | 'total' | 'requestedAt'>[]> {
	return db
		.select({ id: bulkJobs.id, kind: bulkJobs.kind, status: bulkJobs.status, total: bulkJobs.total, requestedAt: bulkJobs.requestedAt })
		.from(bulkJobs)
		.orderBy(desc(bulkJobs.requestedAt))
		.limit(limit)
}

/** Marks a queued (or, on a retry, running) batch as running; null when it is finished or not there. */
export async function startBulkJob(db: Database, { jobId, now }: { jobId: string; now: Date }): Promise<{ kind: BulkJobKind; reason: string | null } | null> {
	const [job] = await db
		.update(bulkJobs)
		.set({ status: 'running', startedAt: sql`coalesce(${bulkJobs.startedAt}, ${now.toISOString()}::timestamptz)` })
		.where(and(eq(bulkJobs.id, jobId), inArray(bulkJobs.status, ['queued', 'running'])))
		.returning({ kind: bulkJobs.kind, reason: bulkJobs.reason })
	return job ?? null
}

/** Marks a running batch as done; a batch ended as failed meanwhile (its job given up on) stays so. */
export async function finishBulkJob(db: Database, { jobId, now }: { jobId: string; now: Date }): Promise<void> {
	await db.update(bulkJobs).set({ status: 'done', finishedAt: now }).where(and(eq(bulkJobs.id, jobId), eq(bulkJobs.status, 'running')))
}

/**
 * Ends a batch whose job was given up on: every row still pending is recorded as failed with
 * `outcome`, and the batch as failed. Rows done stay done; a row an attempt is deciding right now
 * is locked by it, so this waits and then finds it done. Returns the rows it marked, or null when
 * the batch had finished already (or is not the asker's).
 */
export async function abandonBulkJob(db: Database, { jobId, outcome, now }: { jobId: string; outcome: string; now: Date }): Promise<number | null> {
	const [job] = await db
		.update(bulkJobs)
		.set({ status: 'failed', finishedAt: now })
		.where(and(eq(bulkJobs.id, jobId), inArray(bulkJobs.status, ['queued', 'running'])))
		.returning({ id: bulkJobs.id })
	if (!job) return null
	const marked = await db
		.update(bulkJobRows)
		.set({ result: 'failed', outcome, doneAt: now })
		.where(and(eq(bulkJobRows.jobId, jobId), isNull(bulkJobRows.result)))
		.returning({ position: bulkJobRows.position })
	return marked.length
}

/** The rows no attempt has finished yet, in order. */
export async function listPendingBulkJobRows(db: Database, { jobId }: { jobId: string }): Promise<{ position: number; enrolmentId: string; employeeName: string | null }[]> {
	return db
		.select({ position: bulkJobRows.position, enrolmentId: bulkJobRows.enrolmentId, employeeName: bulkJobRows.employeeName })
		.from(bulkJobRows)
		.where(and(eq(bulkJobRows.jobId, jobId), isNull(bulkJobRows.result)))
		.orderBy(asc(bulkJobRows.position))
}

/**
 * Takes a row for this transaction: locks it and says whether it is still pending. A second
 * attempt of the same job (a worker presumed dead that was not) waits here for the first and
 * then finds the row done.
 */
export async function claimBulkJobRow(db: Database, { jobId, position }: { jobId: string; position: number }): Promise<boolean> {
	const [row] = await selectRows<{ result: string | null }>(
		db,
		sql`select result from bulk_job_rows where job_id = ${jobId}::uuid and position = ${position} for update`,
	)
	return row !== undefined && row.result === null
}

/** Records a row's outcome once: false when another attempt already did. */
export async function recordBulkJobRow(
	db: Database,
	{ jobId, position, result, outcome, now }: { jobId: string; position: number; result: 'ok' | 'failed'; outcome: string; now: Date },
): Promise<boolean> {
	const updated = await db
		.update(bulkJobRows)
		.set({ result, outcome, doneAt: now })
		.where(and(eq(bulkJobRows.jobId, jobId), eq(bulkJobRows.position, position), isNull(bulkJobRows.result)))
		.returning({ position: bulkJobRows.position })
	return updated.length > 0
}

export type BulkJobRow = { position: number; enrolmentId: string; employeeName: string | null; courseTitle: string | null; result: 'ok' | 'failed' | null; outcome: string | null }

/** Every row of a batch with its outcome, in order: the report at the end. */
export async function listBulkJobRows(db: Database, { jobId }: { jobId: string }): Promise<BulkJobRow[]> {
	return db
		.select({
			position: bulkJobRows.position,
			enrolmentId: bulkJobRows.enrolmentId,
			employeeName: bulkJobRows.employeeName,
			courseTitle: bulkJobRows.courseTitle,
			result: bulkJobRows.result,
			outcome: bulkJobRows.outcome,
		})
		.from(bulkJobRows)
		.where(eq(bulkJobRows.jobId, jobId))
		.orderBy(asc(bulkJobRows.position))
}

/** Removes batches finished before `before`, in every unit (housekeeping acting as no one). */
export async function purgeFinishedBulkJobs(db: Database, { before }: { before: Date }): Promise<number> {
	const [row] = await selectRows<{ removed: number }>(db, sql`select purge_finished_bulk_jobs(${before.toISOString()}::timestamptz) as removed`)
	return Number(row?.removed ?? 0)
}
