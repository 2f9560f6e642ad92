import { duplicateScanVersion, listCourseMerges, listDismissedPairs, listPublishedDuplicateCourses, withTenantContext, type Database, type DuplicateCourse } from '@leerplein/db'
import { clusterDuplicates, createDuplicateScan, type DuplicateReason } from '@leerplein/domain'
import type { LeerpleinContext } from '../load-context.ts'

export type ReportCourse = Pick<DuplicateCourse, 'id' | 'title' | 'providerShortName' | 'form' | 'durationMinutes'>
export type DuplicateCluster = { courses: ReportCourse[]; topScore: number; reasons: DuplicateReason[] }

/** Courses scanned between two yields to the event loop: a long scan never stalls other requests. */
const SCAN_SLICE = 500

type CachedScan = { version: string; clusters: DuplicateCluster[]; scannedAt: Date; courses: number; durationMs: number }
/** The last scan of this process, reused while the catalogue, merges and judgements stay the same. */
let lastScan: CachedScan | null = null

/**
 * The concern-wide duplicate report: clusters of likely duplicates across units, strongest
 * first, and the recent merges (with undo). The scan runs in slices and is reused until the
 * catalogue changes.
 */
export async function showDuplicateReport({ db }: Pick<LeerpleinContext, 'db'>, { tenantId, userId }: { tenantId: string; userId: string }) {
	return withTenantContext(db, { tenantId, userId }, async (tx) => {
		const version = await duplicateScanVersion(tx)
		if (lastScan?.version !== version) lastScan = { version, ...(await scanCatalogue(tx)) }
		const merges = await listCourseMerges(tx, { limit: 20 })
		return { clusters: lastScan.clusters, scannedAt: lastScan.scannedAt, scannedCourses: lastScan.courses, scanMs: lastScan.durationMs, merges }
	})
}

async function scanCatalogue(tx: Database) {
	const started = performance.now()
	const [courses, dismissed] = await Promise.all([listPublishedDuplicateCourses(tx), listDismissedPairs(tx)])
	const scan = createDuplicateScan(courses, { skipPair: (a, b) => dismissed.has(`${a}|${b}`) })
	while (scan.step(SCAN_SLICE) < scan.total) await new Promise((resolve) => setImmediate(resolve))
	const pairs = scan.pairs()
	const byId = new Map(courses.map((course) => [course.id, course]))
	const clusters = clusterDuplicates(pairs).map(({ courseIds, topScore }) => {
		const top = pairs.find((pair) => courseIds.includes(pair.a) && pair.score === topScore)
		return {
			topScore,
			reasons: top?.reasons ?? [],
			courses: courseIds.map((id) => {
				const course = byId.get(id)!
				return { id, title: course.title, providerShortName: course.providerShortName, form: course.form, durationMinutes: course.durationMinutes }
			}),
		}
	})
	return { clusters, scannedAt: new Date(), courses: courses.length, durationMs: Math.round(performance.now() - started) }
}
