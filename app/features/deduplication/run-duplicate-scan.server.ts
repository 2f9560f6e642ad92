import type { Database } from '@leerplein/db'
import {
	duplicateScanVersion,
	failDuplicateScan,
	finishDuplicateScan,
	listDismissedPairs,
	listPublishedDuplicateCourses,
	recordDuplicateScanProgress,
	startDuplicateScan,
	type DuplicateCourse,
	type NewDuplicateScanCluster,
} from '@leerplein/db/deduplication'
import { clusterDuplicates, createDuplicateScan, type ScoredCandidatePair } from '@leerplein/domain'
import { inTenant, succeed, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { queueDuplicateScan, type ScanRequester } from './request-duplicate-scan.server.ts'

/**
 * Courses' worth of work between two progress records: a few tenths of a second at 50,000
 * courses, so the report's progress moves and other work on the event loop never waits long.
 */
export const SCAN_SLICE = 500

export type DuplicateScanOutcome =
	| { outcome: 'done'; courses: number; clusters: number; durationMs: number }
	/** The scan had been given up (stalled) or finished before this run: nothing to do. */
	| { outcome: 'skipped' }
	| { outcome: 'failed' }

/**
 * The duplicate-scan job (ADR 019), as the concern administrator who asked for it (`actor`, from
 * the job), so row-level security holds as in the portal: reads the published catalogue and the
 * "not a duplicate" judgements in one transaction, scans in slices that each record the progress
 * in a short transaction of its own (every portal process shows it), and stores the clusters when
 * done. A scan given up meanwhile stops at the next slice. A failure is recorded on the scan for
 * the report and is an outcome, not a refusal: the job then ends, as retrying would fail the same way.
 */
export async function runDuplicateScan(
	ctx: ServiceContext,
	{ actor, scanId, slice = SCAN_SLICE }: { actor: ScanRequester; scanId: string; slice?: number },
): Promise<ServiceResult<DuplicateScanOutcome>> {
	// Nothing in these transactions refuses; a fault is thrown, and caught below.
	const transaction = async <T>(work: (tx: Database) => Promise<T>): Promise<T> => {
		const result = await inTenant(ctx, actor, work)
		if (!result.ok) throw new Error(`duplicate scan refused: ${result.code}`)
		return result.value
	}
	const started = performance.now()
	try {
		const read = await transaction(async (tx) => {
			const version = await duplicateScanVersion(tx)
			const [courses, dismissed] = await Promise.all([listPublishedDuplicateCourses(tx), listDismissedPairs(tx)])
			return (await startDuplicateScan(tx, { scanId, version, total: courses.length })) ? { courses, dismissed } : null
		})
		if (!read) return succeed({ outcome: 'skipped' })
		const scan = createDuplicateScan(read.courses, { skipPair: (a, b) => read.dismissed.has(`${a}|${b}`) })
		while (scan.step(slice) < scan.total) {
			const running = await transaction((tx) => recordDuplicateScanProgress(tx, { scanId, done: scan.progress() }))
			if (!running) return succeed({ outcome: 'skipped' })
			await new Promise((resolve) => setImmediate(resolve))
		}
		const clusters = clustersOf(scan.pairs(), read.courses)
		const durationMs = Math.round(performance.now() - started)
		const finished = await transaction(async (tx) => {
			const result = await finishDuplicateScan(tx, { scanId, clusters, durationMs })
			// Asked for while this scan read an older catalogue (a merge meanwhile): the next one goes in line now.
			if (result.rerunRequested) await queueDuplicateScan(ctx, tx, { actor, trigger: 'rerun' })
			return result.finished
		})
		if (!finished) return succeed({ outcome: 'skipped' })
		return succeed({ outcome: 'done', courses: read.courses.length, clusters: clusters.length, durationMs })
	} catch (error) {
		ctx.logger.error({ err: error, scanId }, 'duplicate scan failed')
		await transaction((tx) => failDuplicateScan(tx, { scanId, error: 'SCAN_FAILED' }))
		return succeed({ outcome: 'failed' })
	}
}

/** The likely pairs as clusters, strongest first, each with the reasons of its strongest pair and a snapshot of its courses. */
function clustersOf(pairs: ScoredCandidatePair[], courses: readonly DuplicateCourse[]): NewDuplicateScanCluster[] {
	const byId = new Map(courses.map((course) => [course.id, course]))
	// Pairs come strongest first: the first pair seen of a course is its strongest.
	const strongestOf = new Map<string, ScoredCandidatePair>()
	for (const pair of pairs) {
		if (!strongestOf.has(pair.a)) strongestOf.set(pair.a, pair)
		if (!strongestOf.has(pair.b)) strongestOf.set(pair.b, pair)
	}
	return clusterDuplicates(pairs).map(({ courseIds, topScore }) => ({
		topScore,
		// A cluster lists first the courses of its strongest pair.
		reasons: strongestOf.get(courseIds[0]!)?.reasons ?? [],
		courses: courseIds.map((id) => {
			const course = byId.get(id)!
			return {
				id,
				title: course.title,
				providerTenantId: course.providerTenantId,
				providerShortName: course.providerShortName,
				form: course.form,
				durationMinutes: course.durationMinutes,
			}
		}),
	}))
}
