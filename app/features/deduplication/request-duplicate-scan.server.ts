import type { Database } from '@leerplein/db'
import {
	duplicateScanVersion,
	failDuplicateScan,
	getDuplicateScanOverview,
	insertQueuedDuplicateScan,
	requestDuplicateScanRerun,
} from '@leerplein/db/deduplication'
import { enqueueDuplicateScan } from '@leerplein/db/jobs'
import { can, decideDuplicateScanRequest, describeDuplicateReport, fail, ok, type DuplicateScanRequestRefusal, type Result } from '@leerplein/domain'
import { audit, fromRule, inTenant, refuse, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/** Why a scan was asked for: by hand, by a change to the catalogue's doubles, or after a scan that ran during such a change. */
export type DuplicateScanTrigger = 'manual' | 'merge' | 'undo' | 'not_duplicate' | 'rerun'

export type QueuedDuplicateScan = { kind: 'queued'; scanId: string } | { kind: 'after_running'; scanId: string }

/** Who a scan runs as: the concern administrator who caused it (the job runs in their tenant context). */
export type ScanRequester = { tenantId: string; userId: string }

/**
 * Asks for a concern-wide duplicate scan, in the caller's transaction (a merge asks in its own,
 * so the scan job exists exactly when the merge commits). Never two at once, none while the
 * result is current (domain rule decideDuplicateScanRequest); a stalled scan is given up first.
 * The request is audited as a concern-level act, like merges. Not a service verb: it runs inside
 * the transaction of one (and of the scan job, for a rerun).
 */
export async function queueDuplicateScan(
	ctx: Pick<ServiceContext, 'clock' | 'requestId' | 'clientIp'>,
	tx: Database,
	{ actor, trigger }: { actor: ScanRequester; trigger: DuplicateScanTrigger },
): Promise<Result<QueuedDuplicateScan, DuplicateScanRequestRefusal>> {
	const version = await duplicateScanVersion(tx)
	const state = describeDuplicateReport(await getDuplicateScanOverview(tx), { version, now: ctx.clock.now() })
	const decision = decideDuplicateScanRequest(state, { version })
	if (!decision.ok) return decision
	if (decision.value.kind === 'rerun_after') {
		await requestDuplicateScanRerun(tx, { scanId: decision.value.scanId })
		return ok({ kind: 'after_running', scanId: decision.value.scanId })
	}
	if (decision.value.giveUpScanId) await failDuplicateScan(tx, { scanId: decision.value.giveUpScanId, error: 'SCAN_STALLED' })
	const scanId = await insertQueuedDuplicateScan(tx, { version, requestedBy: actor.userId })
	// Another request won the race for the one active place.
	if (!scanId) return fail('SCAN_ALREADY_RUNNING')
	await enqueueDuplicateScan(tx, { scanId, tenantId: actor.tenantId, userId: actor.userId })
	// A concern-level act: no unit's own trail (tenant null), like merges.
	await audit(ctx, tx, { actor, tenantId: null, action: 'course.duplicate_scan', objectType: 'duplicate_scan', objectId: scanId, after: { trigger, version } })
	return ok({ kind: 'queued', scanId })
}

/**
 * The administrator's "Nu scannen": a scan job in their tenant context. Refused (a conflict) when
 * one is queued or running (SCAN_ALREADY_RUNNING) or the result is current (SCAN_CURRENT).
 */
export async function requestDuplicateScan(ctx: ServiceContext, { actor }: { actor: Actor }): Promise<ServiceResult<QueuedDuplicateScan>> {
	if (!can(actor, 'create', { kind: 'duplicates' })) return refuse('forbidden', 'FORBIDDEN')
	// A refusal still commits what the decision did (a stalled scan given up), so it is not thrown.
	const queued = await inTenant(ctx, actor, (tx) => queueDuplicateScan(ctx, tx, { actor, trigger: 'manual' }))
	return queued.ok ? fromRule(queued.value, 'conflict') : queued
}
