import { getBulkJob, listBulkJobRows, type BulkJobRow, type BulkJobSummary } from '@leerplein/db/enrolment'
import { can, type Actor } from '@leerplein/domain'
import { BULK_JOB_ABORTED } from './abandon-bulk-decision.server.ts'
import { inTenant, refusal, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/** `rows` once the batch has ended (done, or failed when its job was given up on); `aborted`: the rows it never reached. */
export type BulkDecisionView = { job: BulkJobSummary; rows: BulkJobRow[] | null; aborted: number; stalled: boolean }

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
		const ended = job.status === 'done' || job.status === 'failed'
		const stalled = !ended && ctx.clock.now().getTime() - job.lastActivityAt.getTime() > BULK_JOB_STALLED_MS
		const rows = ended ? await listBulkJobRows(tx, { jobId }) : null
		const aborted = rows?.filter((row) => row.outcome === BULK_JOB_ABORTED).length ?? 0
		return { job, rows, aborted, stalled }
	})
}
