import { abandonBulkJob } from '@leerplein/db/enrolment'
import type { BulkDecisionJob } from '@leerplein/db/jobs'
import type { ErrorCode } from '../../core/error-codes.ts'
import { inTenant, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/** What a row not reached gets as its outcome: the page says it was not processed because the processing stopped. */
export const BULK_JOB_ABORTED = 'BULK_JOB_ABORTED' satisfies ErrorCode

/**
 * Ends a bulk decision whose job pg-boss gave up on (its last retry failed or expired; the job
 * arrives through the dead-letter queue, ADR 038 addendum): the rows not reached are marked as not
 * processed and the batch as failed, so its page stops saying it is running and sends the approver
 * back to the inbox, where those requests still wait. Rows decided stay decided. Runs in the
 * approver's tenant context, as the job did; a batch finished meanwhile is left as it is.
 */
export async function abandonBulkDecision(ctx: ServiceContext, { jobId, tenantId, userId }: BulkDecisionJob): Promise<ServiceResult<{ abandoned: number | null }>> {
	return inTenant(ctx, { tenantId, userId }, async (tx) => ({ abandoned: await abandonBulkJob(tx, { jobId, outcome: BULK_JOB_ABORTED, now: ctx.clock.now() }) }))
}
