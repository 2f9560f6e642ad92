import { purgeFinishedBulkJobs } from '@leerplein/db/enrolment'
import { succeed, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/** How long a finished batch and its per-row report are kept (ADR 038): the audit log keeps each decision for good. */
export const BULK_JOB_RETENTION_DAYS = 30

/** Housekeeping, acting as no one: removes batches finished more than the retention ago, in every unit. */
export async function purgeBulkJobs(ctx: ServiceContext, _: { actor: null }): Promise<ServiceResult<{ removed: number }>> {
	const before = new Date(ctx.clock.now().getTime() - BULK_JOB_RETENTION_DAYS * 86_400_000)
	return succeed({ removed: await purgeFinishedBulkJobs(ctx.db, { before }) })
}
