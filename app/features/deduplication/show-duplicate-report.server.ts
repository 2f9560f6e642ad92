import {
	countCourseMerges,
	duplicateScanVersion,
	getDuplicateScanOverview,
	listCourseMerges,
	listDuplicateScanClusters,
	type DuplicateScanRow,
} from '@leerplein/db/deduplication'
import { listTenants } from '@leerplein/db/tenants'
import { can, describeDuplicateReport, pageCount, pageWindow, type DuplicateScanActivity, type DuplicateScanError } from '@leerplein/domain'
import { inTenant, refuse, refusal, type Actor, type ServiceContext } from '../../core/service.server.ts'

/** Clusters per page of the report. */
export const CLUSTERS_PER_PAGE = 25
/** Merges per page of the history. */
export const MERGES_PER_PAGE = 20

export type DuplicateScanActivityView =
	| { kind: 'idle' }
	| { kind: 'scanning'; status: 'queued' | 'running'; done: number; total: number | null }
	| { kind: 'failed'; error: DuplicateScanError; at: Date }

/**
 * The concern-wide duplicate report (ADR 019): the newest stored scan result, current or marked
 * outdated, one page of its clusters (of one providing unit, if asked), the state of a scan that
 * is queued, running or failed, and one page of the merge history (with the merge whose undo
 * awaits confirmation). It never scans itself: a scan is a background job. A `unit` that names no
 * unit is refused (UNIT_UNKNOWN).
 */
export async function showDuplicateReport(
	ctx: ServiceContext,
	{ actor, page, unit, historyPage, undoMergeId }: { actor: Actor; page: number; unit: string | null; historyPage: number; undoMergeId: string | null },
) {
	if (!can(actor, 'read', { kind: 'duplicates' })) return refuse('forbidden', 'FORBIDDEN')
	const now = ctx.clock.now()
	return inTenant(ctx, actor, async (tx) => {
		const [version, overview, units, mergeTotal] = await Promise.all([duplicateScanVersion(tx), getDuplicateScanOverview(tx), listTenants(tx), countCourseMerges(tx)])
		const providingUnit = unit === null ? null : units.find((candidate) => candidate.slug === unit)
		if (providingUnit === undefined) throw refusal('invalid', 'UNIT_UNKNOWN')
		const state = describeDuplicateReport(overview, { version, now })
		const clusterWindow = pageWindow(page, CLUSTERS_PER_PAGE)
		const result = state.result
		const clusters = result
			? await listDuplicateScanClusters(tx, {
					scanId: result.scan.id,
					providerTenantId: providingUnit?.id ?? null,
					// An outdated result hides what the administrator merged or judged since the scan read the catalogue.
					changedSince: result.outdated ? (result.scan.startedAt ?? result.scan.requestedAt) : null,
					limit: clusterWindow.pageSize,
					offset: clusterWindow.offset,
				})
			: { rows: [], total: 0 }
		const historyWindow = pageWindow(historyPage, MERGES_PER_PAGE)
		const [merges, [confirmUndo]] = await Promise.all([
			listCourseMerges(tx, { limit: historyWindow.pageSize, offset: historyWindow.offset }),
			undoMergeId ? listCourseMerges(tx, { mergeIds: [undoMergeId], limit: 1 }) : Promise.resolve([]),
		])
		const pages = pageCount(clusters.total, CLUSTERS_PER_PAGE)
		const historyPages = pageCount(mergeTotal, MERGES_PER_PAGE)
		return {
			result: result ? resultView(result.scan, result.outdated) : null,
			activity: activityView(state.activity),
			canScan: state.canScan,
			units: units.map(({ slug, name }) => ({ slug, name })),
			unit: providingUnit?.slug ?? null,
			clusters: { rows: clusters.rows, total: clusters.total, page, pages, pageOutOfRange: page > pages },
			merges: { rows: merges, total: mergeTotal, page: historyPage, pages: historyPages, pageOutOfRange: historyPage > historyPages },
			confirmUndo: confirmUndo && !confirmUndo.undoneAt ? confirmUndo : null,
		}
	})
}

function resultView(scan: DuplicateScanRow, outdated: boolean) {
	return { outdated, courses: scan.total ?? 0, clusters: scan.clusterCount ?? 0, durationMs: scan.durationMs ?? 0, finishedAt: scan.finishedAt ?? scan.updatedAt }
}

function activityView(activity: DuplicateScanActivity<DuplicateScanRow>): DuplicateScanActivityView {
	switch (activity.kind) {
		case 'idle':
			return { kind: 'idle' }
		case 'scanning':
			return { kind: 'scanning', status: activity.scan.status === 'running' ? 'running' : 'queued', done: activity.scan.done, total: activity.scan.total }
		case 'failed':
			return { kind: 'failed', error: activity.error, at: activity.scan.finishedAt ?? activity.scan.updatedAt }
		default: {
			const never: never = activity
			return never
		}
	}
}
