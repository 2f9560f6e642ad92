import { getBulkJob, listBulkJobRows, type BulkJobRow, type BulkJobSummary } from '@leerplein/db/enrolment'
import { can, type Actor } from '@leerplein/domain'
import { inTenant, refusal, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

export type BulkDecisionView = { job: BulkJobSummary; rows: BulkJobRow[] | null; stalled: boolean }

/** A batch not finished that showed no sign of life for this long: its worker died, or none runs. */
export const BULK_JOB_STALLED_MS = 2 * 60_000

/**
 * A bulk decision's progress (rows done of total, refusals so far) and, once it is done, every
 * row's outcome. Only the person who started it sees it (ADR 038): anyone else, in this unit or
 * another, finds nothing, as for an id that does not exist.
 */
export async function showBulkDecision(ctx: ServiceContext, { actor, jobId }: { actor: Actor; jobId: string }): Promise<ServiceResult<BulkDecisionView>> {
	return inTenant(ctx, actor, async (tx) => {
		if (!can(actor, 'approve', { kind: 'approvals', tenantId: actor.tenantId })) throw refusal('forbidden', 'FORBIDDEN')
		const job = await getBulkJob(tx, { jobId })
		if (!job) throw refusal('not_found', 'BULK_JOB_NOT_FOUND')
		const stalled = job.status !== 'done' && ctx.clock.now().getTime() - job.lastActivityAt.getTime() > BULK_JOB_STALLED_MS
		return { job, rows: job.status === 'done' ? await listBulkJobRows(tx, { jobId }) : null, stalled }
	})
}
