import { getDecisionLabels, insertBulkJob } from '@leerplein/db/enrolment'
import { enqueueBulkDecision } from '@leerplein/db/jobs'
import { can, type Actor } from '@leerplein/domain'
import { audit, inTenant, refuse, refusal, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import type { Decision } from './decide-enrolment.server.ts'
import { MAX_BATCH } from './decision-schema.ts'
import { inboxOf } from './show-approvals.server.ts'

/**
 * Queues a bulk decision too large to take inside the request (ADR 038): the batch and its rows
 * (named as the approver's inbox names them now; a forged id is kept without a name and refused
 * when its turn comes) and its job, in one transaction. The worker decides the rows in the
 * approver's own tenant context and with their rights as they are then.
 */
export async function queueBulkDecision(
	ctx: ServiceContext,
	{ actor, enrolmentIds, decision }: { actor: Actor; enrolmentIds: readonly string[]; decision: Decision },
): Promise<ServiceResult<{ jobId: string }>> {
	if (enrolmentIds.length === 0) return refuse('invalid', 'NOTHING_SELECTED', { field: 'ids' })
	if (enrolmentIds.length > MAX_BATCH) return refuse('invalid', 'BATCH_TOO_LARGE', { field: 'ids' })
	const userId = actor.userId
	const unique = [...new Set(enrolmentIds)]
	return inTenant(ctx, actor, async (tx) => {
		if (!can(actor, 'approve', { kind: 'approvals', tenantId: actor.tenantId })) throw refusal('forbidden', 'FORBIDDEN')
		const names = new Map((await getDecisionLabels(tx, { inbox: inboxOf(actor), ids: unique })).map((row) => [row.id, row]))
		const reason = decision.decision === 'decline' ? decision.reason : null
		const jobId = await insertBulkJob(tx, {
			tenantId: actor.tenantId,
			requestedBy: userId,
			kind: decision.decision,
			reason,
			now: ctx.clock.now(),
			rows: unique.map((enrolmentId) => ({ enrolmentId, employeeName: names.get(enrolmentId)?.employeeName ?? null, courseTitle: names.get(enrolmentId)?.courseTitle ?? null })),
		})
		await enqueueBulkDecision(tx, { jobId, tenantId: actor.tenantId, userId })
		// Each request's own audit row follows when it is decided; this one says who asked for the batch.
		await audit(ctx, tx, { actor, action: `enrolment.bulk_${decision.decision}_queued`, objectType: 'bulk_job', objectId: jobId, after: { total: unique.length, reason } })
		return { jobId }
	})
}
