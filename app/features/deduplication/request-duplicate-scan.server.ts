import {
	duplicateScanVersion,
	enqueueDuplicateScan,
	failDuplicateScan,
	getDuplicateScanOverview,
	insertQueuedDuplicateScan,
	requestDuplicateScanRerun,
	withTenantContext,
	writeAudit,
	type Database,
} from '@leerplein/db'
import { decideDuplicateScanRequest, describeDuplicateReport, fail, ok, type DuplicateScanRequestRefusal, type Result } from '@leerplein/domain'
import type { LeerpleinContext } from '../../load-context.ts'

/** Why a scan was asked for: by hand, by a change to the catalogue's doubles, or after a scan that ran during such a change. */
export type DuplicateScanTrigger = 'manual' | 'merge' | 'undo' | 'not_duplicate' | 'rerun'

export type QueuedDuplicateScan = { kind: 'queued'; scanId: string } | { kind: 'after_running'; scanId: string }

/**
 * Asks for a concern-wide duplicate scan, in the caller's transaction (a merge asks in its own,
 * so the scan job exists exactly when the merge commits). Never two at once, none while the
 * result is current (domain rule decideDuplicateScanRequest); a stalled scan is given up first.
 * The request is audited as a concern-level act, like merges.
 */
export async function queueDuplicateScan(
	tx: Database,
	{ tenantId, userId, now, trigger, origin, requestId }: { tenantId: string; userId: string; now: Date; trigger: DuplicateScanTrigger; origin: string | null; requestId: string | null },
): Promise<Result<QueuedDuplicateScan, DuplicateScanRequestRefusal>> {
	const version = await duplicateScanVersion(tx)
	const state = describeDuplicateReport(await getDuplicateScanOverview(tx), { version, now })
	const decision = decideDuplicateScanRequest(state, { version })
	if (!decision.ok) return decision
	if (decision.value.kind === 'rerun_after') {
		await requestDuplicateScanRerun(tx, { scanId: decision.value.scanId })
		return ok({ kind: 'after_running', scanId: decision.value.scanId })
	}
	if (decision.value.giveUpScanId) await failDuplicateScan(tx, { scanId: decision.value.giveUpScanId, error: 'SCAN_STALLED' })
	const scanId = await insertQueuedDuplicateScan(tx, { version, requestedBy: userId })
	// Another request won the race for the one active place.
	if (!scanId) return fail('SCAN_ALREADY_RUNNING')
	await enqueueDuplicateScan(tx, { scanId, tenantId, userId })
	// A concern-level act: no unit's own trail (tenant null), like merges.
	await writeAudit(tx, {
		tenantId: null,
		actorUserId: userId,
		action: 'course.duplicate_scan',
		objectType: 'duplicate_scan',
		objectId: scanId,
		result: 'success',
		origin,
		requestId,
		after: { trigger, version },
	})
	return ok({ kind: 'queued', scanId })
}

/** The administrator's "Nu scannen": a scan job in their tenant context, unless one runs or the result is current. */
export async function requestDuplicateScan(
	context: Pick<LeerpleinContext, 'db' | 'clientIp' | 'requestId'>,
	{ tenantId, userId, now }: { tenantId: string; userId: string; now: Date },
): Promise<Result<QueuedDuplicateScan, DuplicateScanRequestRefusal>> {
	return withTenantContext(context.db, { tenantId, userId }, (tx) =>
		queueDuplicateScan(tx, { tenantId, userId, now, trigger: 'manual', origin: context.clientIp, requestId: context.requestId }),
	)
}
