import { getBulkJob, listBulkJobRows, type BulkJobRow, type BulkJobSummary } from '@leerplein/db/enrolment'
import { can, type Actor } from '@leerplein/domain'
import { inTenant, refusal, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

export type BulkDecisionView = { job: BulkJobSummary; rows: BulkJobRow[] | null }

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
		return { job, rows: job.status === 'done' ? await listBulkJobRows(tx, { jobId }) : null }
	})
}
