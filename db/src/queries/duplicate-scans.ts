import type { DuplicateReason, DuplicateScanError, DuplicateScanOverview, DuplicateScanSummary } from '@leerplein/domain'
import { and, asc, count, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm'
import type { Database } from '../client.ts'
import { duplicateScanClusters, duplicateScans, type DuplicateScanCourse } from '../schema/deduplication.ts'

export type { DuplicateScanCourse }

/**
 * The concern-wide duplicate scan as a background job (ADR 019): its row in duplicate_scans,
 * written by the request and by the worker slice by slice, and the clusters of a finished scan.
 * Concern administrators only (RLS); every call runs in an administrator's tenant context.
 */

export type DuplicateScanRow = DuplicateScanSummary & {
	done: number
	total: number | null
	clusterCount: number | null
	startedAt: Date | null
	finishedAt: Date | null
	durationMs: number | null
}

const scanColumns = {
	id: duplicateScans.id,
	status: duplicateScans.status,
	version: duplicateScans.version,
	requestedAt: duplicateScans.requestedAt,
	updatedAt: duplicateScans.updatedAt,
	error: duplicateScans.error,
	done: duplicateScans.done,
	total: duplicateScans.total,
	clusterCount: duplicateScans.clusterCount,
	startedAt: duplicateScans.startedAt,
	finishedAt: duplicateScans.finishedAt,
	durationMs: duplicateScans.durationMs,
}

const ACTIVE = ['queued', 'running'] as const

/** The newest finished scan, the active one (at most one, by index) and the newest failed one. */
export async function getDuplicateScanOverview(db: Database): Promise<DuplicateScanOverview<DuplicateScanRow>> {
	const newest = (where: SQL | undefined) => db.select(scanColumns).from(duplicateScans).where(where).orderBy(desc(duplicateScans.requestedAt), desc(duplicateScans.id)).limit(1)
	const [[newestDone], [active], [newestFailed]] = await Promise.all([
		newest(eq(duplicateScans.status, 'done')),
		newest(inArray(duplicateScans.status, [...ACTIVE])),
		newest(eq(duplicateScans.status, 'failed')),
	])
	return { newestDone: newestDone ?? null, active: active ?? null, newestFailed: newestFailed ?? null }
}

/** Records a requested scan as queued; null when another scan is queued or running already (index duplicate_scans_one_active). */
export async function insertQueuedDuplicateScan(db: Database, { version, requestedBy }: { version: string; requestedBy: string }): Promise<string | null> {
	const [row] = await db.insert(duplicateScans).values({ version, requestedBy }).onConflictDoNothing().returning({ id: duplicateScans.id })
	return row?.id ?? null
}

/** Asks a running scan to be followed by one more when it finishes (the catalogue changed under it). */
export async function requestDuplicateScanRerun(db: Database, { scanId }: { scanId: string }): Promise<boolean> {
	const rows = await db
		.update(duplicateScans)
		.set({ rerunRequested: true })
		.where(and(eq(duplicateScans.id, scanId), eq(duplicateScans.status, 'running')))
		.returning({ id: duplicateScans.id })
	return rows.length > 0
}

/**
 * The worker takes a queued scan (or one a crashed worker left running) with the catalogue
 * version it read and the number of courses. False when the scan was given up or finished meanwhile.
 */
export async function startDuplicateScan(db: Database, { scanId, version, total }: { scanId: string; version: string; total: number }): Promise<boolean> {
	const rows = await db
		.update(duplicateScans)
		.set({ status: 'running', version, total, done: 0, startedAt: sql`now()`, updatedAt: sql`now()`, error: null })
		.where(and(eq(duplicateScans.id, scanId), inArray(duplicateScans.status, [...ACTIVE])))
		.returning({ id: duplicateScans.id })
	return rows.length > 0
}

/** Progress of a running scan, and its sign of life. False when it is no longer running (given up): the worker stops. */
export async function recordDuplicateScanProgress(db: Database, { scanId, done }: { scanId: string; done: number }): Promise<boolean> {
	const rows = await db
		.update(duplicateScans)
		.set({ done, updatedAt: sql`now()` })
		.where(and(eq(duplicateScans.id, scanId), eq(duplicateScans.status, 'running')))
		.returning({ id: duplicateScans.id })
	return rows.length > 0
}

/** Ends a queued or running scan without a result. False when it had ended already. */
export async function failDuplicateScan(db: Database, { scanId, error }: { scanId: string; error: DuplicateScanError }): Promise<boolean> {
	const rows = await db
		.update(duplicateScans)
		.set({ status: 'failed', error, finishedAt: sql`now()`, updatedAt: sql`now()` })
		.where(and(eq(duplicateScans.id, scanId), inArray(duplicateScans.status, [...ACTIVE])))
		.returning({ id: duplicateScans.id })
	return rows.length > 0
}

export type NewDuplicateScanCluster = { topScore: number; reasons: DuplicateReason[]; courses: DuplicateScanCourse[] }

/** Rows per insert of clusters: well below PostgreSQL's 65,535 bind parameters. */
const CLUSTER_BATCH = 500

/**
 * Stores a running scan's clusters (strongest first) and marks it done; older finished scans
 * and their clusters go, so the table holds one result. `finished` is false when the scan was
 * given up meanwhile (nothing is stored); `rerunRequested` asks the caller to queue the next scan.
 */
export async function finishDuplicateScan(
	db: Database,
	{ scanId, clusters, durationMs }: { scanId: string; clusters: readonly NewDuplicateScanCluster[]; durationMs: number },
): Promise<{ finished: boolean; rerunRequested: boolean }> {
	const [row] = await db
		.update(duplicateScans)
		.set({ status: 'done', done: sql`coalesce(${duplicateScans.total}, 0)`, clusterCount: clusters.length, durationMs, finishedAt: sql`now()`, updatedAt: sql`now()` })
		.where(and(eq(duplicateScans.id, scanId), eq(duplicateScans.status, 'running')))
		.returning({ rerunRequested: duplicateScans.rerunRequested })
	if (!row) return { finished: false, rerunRequested: false }
	for (let start = 0; start < clusters.length; start += CLUSTER_BATCH) {
		await db.insert(duplicateScanClusters).values(
			clusters.slice(start, start + CLUSTER_BATCH).map((cluster, index) => ({
				scanId,
				position: start + index + 1,
				topScore: cluster.topScore,
				reasons: cluster.reasons,
				courseIds: cluster.courses.map((course) => course.id),
				providerTenantIds: [...new Set(cluster.courses.map((course) => course.providerTenantId))],
				courses: cluster.courses,
			})),
		)
	}
	await db.delete(duplicateScans).where(and(ne(duplicateScans.id, scanId), inArray(duplicateScans.status, ['done', 'failed'])))
	return { finished: true, rerunRequested: row.rerunRequested }
}

export type DuplicateScanClusterRow = {
	position: number
	topScore: number
	reasons: DuplicateReason[]
	courses: DuplicateScanCourse[]
}

/**
 * One page of a finished scan's clusters, strongest first, optionally of one providing unit.
 * For an outdated result (`changedSince`, when the scan started) what changed since is left
 * out: courses no longer published (merged) leave their cluster, which goes when fewer than
 * two remain, and a cluster with a pair judged "not a duplicate" since goes too.
 */
export async function listDuplicateScanClusters(
	db: Database,
	{ scanId, providerTenantId, changedSince, limit, offset }: { scanId: string; providerTenantId: string | null; changedSince: Date | null; limit: number; offset: number },
): Promise<{ rows: DuplicateScanClusterRow[]; total: number }> {
	const c = duplicateScanClusters
	const gone = sql<string[]>`array(select x.id from courses x where x.id = any(${c.courseIds}) and x.status <> 'published')`
	const where = and(
		eq(c.scanId, scanId),
		providerTenantId ? sql`${c.providerTenantIds} @> array[${providerTenantId}::uuid]` : undefined,
		changedSince
			? sql`(select count(*) from courses x where x.id = any(${c.courseIds}) and x.status = 'published') >= 2
				and not exists (select 1 from duplicate_dismissals d where d.dismissed_at >= ${changedSince.toISOString()}::timestamptz
					and d.course_a_id = any(${c.courseIds}) and d.course_b_id = any(${c.courseIds}))`
			: undefined,
	)
	const [rows, [totals]] = await Promise.all([
		db
			.select({ position: c.position, topScore: c.topScore, reasons: c.reasons, courses: c.courses, gone: changedSince ? gone : sql<string[]>`'{}'::uuid[]` })
			.from(c)
			.where(where)
			.orderBy(asc(c.position))
			.limit(limit)
			.offset(offset),
		db.select({ total: count() }).from(c).where(where),
	])
	return {
		rows: rows.map(({ gone: goneIds, ...row }) => ({ ...row, courses: row.courses.filter((course) => !goneIds.includes(course.id)) })),
		total: totals?.total ?? 0,
	}
}
