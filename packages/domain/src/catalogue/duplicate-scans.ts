import { fail, ok, type Result } from '../result.ts'

/**
 * The concern-wide duplicate scan runs as a background job (ADR 019): requested, picked up by a
 * worker, done in slices with its progress recorded, and stored for every portal process. These
 * rules say what the report shows of it and whether a new scan is needed; the caller passes the
 * scans it found, the catalogue's current version and `now`.
 */

export const DUPLICATE_SCAN_STATUSES = ['queued', 'running', 'done', 'failed'] as const
export type DuplicateScanStatus = (typeof DUPLICATE_SCAN_STATUSES)[number]

/** Why a scan has no result: it broke off with an error, or stopped giving signs of life (a worker died, or none runs). */
export const DUPLICATE_SCAN_ERRORS = ['SCAN_FAILED', 'SCAN_STALLED'] as const
export type DuplicateScanError = (typeof DUPLICATE_SCAN_ERRORS)[number]

/** A scan as the rules need it. */
export type DuplicateScanSummary = {
	id: string
	status: DuplicateScanStatus
	/** The catalogue version the scan read (for a queued scan: the version when it was requested). */
	version: string
	requestedAt: Date
	/** The last sign of life: the request, the start, or the last recorded progress. */
	updatedAt: Date
	error: DuplicateScanError | null
}

/**
 * A queued or running scan that has not moved for this long counts as stalled: a worker records
 * progress several times a second, so two minutes means it died, or no worker is running.
 */
export const DUPLICATE_SCAN_STALLED_AFTER_MS = 2 * 60_000

export function isDuplicateScanStalled(scan: DuplicateScanSummary, { now }: { now: Date }): boolean {
	if (scan.status !== 'queued' && scan.status !== 'running') return false
	return now.getTime() - scan.updatedAt.getTime() > DUPLICATE_SCAN_STALLED_AFTER_MS
}

/** The scans that decide the report: the newest of each kind, or null. */
export type DuplicateScanOverview<S extends DuplicateScanSummary = DuplicateScanSummary> = {
	newestDone: S | null
	/** At most one scan is queued or running at a time. */
	active: S | null
	newestFailed: S | null
}

export type DuplicateScanActivity<S extends DuplicateScanSummary = DuplicateScanSummary> =
	| { kind: 'idle' }
	| { kind: 'scanning'; scan: S }
	| { kind: 'failed'; scan: S; error: DuplicateScanError }

export type DuplicateReportState<S extends DuplicateScanSummary = DuplicateScanSummary> = {
	/** The newest finished result, outdated when the catalogue, merges or judgements changed since it read them. */
	result: { scan: S; outdated: boolean } | null
	activity: DuplicateScanActivity<S>
	/** Whether the administrator is offered to scan (now, or again after a failure). */
	canScan: boolean
}

/**
 * What the report shows: the newest result (current or outdated), whether a scan runs now or
 * failed, and whether to offer a new one. A failure older than the newest result is history.
 */
export function describeDuplicateReport<S extends DuplicateScanSummary>(
	{ newestDone, active, newestFailed }: DuplicateScanOverview<S>,
	{ version, now }: { version: string; now: Date },
): DuplicateReportState<S> {
	const result = newestDone ? { scan: newestDone, outdated: newestDone.version !== version } : null
	const failedAfterResult = newestFailed && (!newestDone || newestFailed.requestedAt > newestDone.requestedAt) ? newestFailed : null
	let activity: DuplicateScanActivity<S>
	if (active && isDuplicateScanStalled(active, { now })) activity = { kind: 'failed', scan: active, error: 'SCAN_STALLED' }
	else if (active) activity = { kind: 'scanning', scan: active }
	else if (failedAfterResult) activity = { kind: 'failed', scan: failedAfterResult, error: failedAfterResult.error ?? 'SCAN_FAILED' }
	else activity = { kind: 'idle' }
	const canScan = activity.kind === 'failed' || (activity.kind === 'idle' && (result === null || result.outdated))
	return { result, activity, canScan }
}

export type DuplicateScanRequest =
	/** Queue a new scan; a stalled one is given up first. */
	| { kind: 'queue'; giveUpScanId: string | null }
	/** A scan is running on an older catalogue: scan again as soon as it finishes. */
	| { kind: 'rerun_after'; scanId: string }

export type DuplicateScanRequestRefusal = 'SCAN_ALREADY_RUNNING' | 'SCAN_CURRENT'

/**
 * Whether a requested scan is needed, and how: never two at once, never one while the result is
 * current. A request while a scan runs on an older catalogue (a merge during the scan) is kept
 * as "scan again afterwards"; a queued scan reads the catalogue when it starts, so it needs none.
 */
export function decideDuplicateScanRequest<S extends DuplicateScanSummary>(
	state: DuplicateReportState<S>,
	{ version }: { version: string },
): Result<DuplicateScanRequest, DuplicateScanRequestRefusal> {
	const { activity, result } = state
	switch (activity.kind) {
		case 'scanning':
			if (activity.scan.status === 'running' && activity.scan.version !== version) return ok({ kind: 'rerun_after', scanId: activity.scan.id })
			return fail('SCAN_ALREADY_RUNNING')
		case 'failed':
			return ok({ kind: 'queue', giveUpScanId: activity.error === 'SCAN_STALLED' && activity.scan.status !== 'failed' ? activity.scan.id : null })
		case 'idle':
			if (result && !result.outdated) return fail('SCAN_CURRENT')
			return ok({ kind: 'queue', giveUpScanId: null })
		default: {
			const never: never = activity
			return never
		}
	}
}
