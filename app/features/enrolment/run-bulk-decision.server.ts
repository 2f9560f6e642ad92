import { getSignedInPerson } from '@leerplein/db/identity'
import { claimBulkJobRow, finishBulkJob, getDecisionLabels, listPendingBulkJobRows, recordBulkJobRow, startBulkJob } from '@leerplein/db/enrolment'
import type { BulkDecisionJob } from '@leerplein/db/jobs'
import type { Actor } from '@leerplein/domain'
import { inTenant, succeed, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { decideInTransaction, inQueuesPerEmployee, type Decision } from './decide-enrolment.server.ts'
import { inEnrolmentTransaction } from './enrolment-support.server.ts'
import { inboxOf } from './show-approvals.server.ts'

export type BulkDecisionRun = { outcome: 'done' | 'skipped'; decided: number; refused: number }

/**
 * Works through a queued bulk decision (ADR 038) in the approver's tenant context and with the
 * rights they hold now (a coordinator who lost the role meanwhile is refused row by row).
 *
 * Idempotent on retry: each row is claimed, decided and its outcome recorded in one transaction,
 * so a row done by an earlier attempt is skipped, and its mails (enqueued in that same
 * transaction) are never queued twice. A refused row rolls its transaction back and records its
 * code in a short transaction of its own; the rest go on.
 */
export async function runBulkDecision(ctx: ServiceContext, { jobId, tenantId, userId }: BulkDecisionJob): Promise<ServiceResult<BulkDecisionRun>> {
	const scope = { tenantId, userId }
	const person = await getSignedInPerson(ctx.db, { userId })
	// Deactivated, or moved to another unit since: no rights here, so every row is refused as not theirs.
	const actor: Actor = { tenantId, userId, grants: person && person.active && person.tenantId === tenantId ? person.grants : [] }
	const started = await inTenant(ctx, scope, async (tx) => {
		const job = await startBulkJob(tx, { jobId, now: ctx.clock.now() })
		if (!job) return null
		const rows = await listPendingBulkJobRows(tx, { jobId })
		const owners = new Map((await getDecisionLabels(tx, { inbox: inboxOf(actor), ids: rows.map((row) => row.enrolmentId) })).map((row) => [row.id, row.userId]))
		return { job, rows, owners }
	})
	if (!started.ok) return started
	if (!started.value) return succeed({ outcome: 'skipped', decided: 0, refused: 0 })
	const { job, rows, owners } = started.value
	const decision: Decision = job.kind === 'decline' ? { decision: 'decline', reason: job.reason ?? '' } : { decision: 'approve' }

	// One queue per employee, in the batch's order, as a decision in the request does.
	const queues = new Map<string, typeof rows>()
	for (const row of rows) {
		const key = owners.get(row.enrolmentId) ?? row.enrolmentId
		queues.set(key, [...(queues.get(key) ?? []), row])
	}
	let decided = 0
	let refused = 0
	// A fault (the database went away) throws: pg-boss retries the job, and the rows done stay done.
	await inQueuesPerEmployee([...queues.values()], async (row) => {
		const result = await inEnrolmentTransaction(ctx, actor, async (tx) => {
			if (!(await claimBulkJobRow(tx, { jobId, position: row.position }))) return null
			const status = await decideInTransaction(ctx, tx, { actor, enrolmentId: row.enrolmentId, decision })
			await recordBulkJobRow(tx, { jobId, position: row.position, result: 'ok', outcome: status, now: ctx.clock.now() })
			return status
		})
		if (result.ok) {
			if (result.value !== null) decided++
			return
		}
		refused++
		await inTenant(ctx, scope, (tx) => recordBulkJobRow(tx, { jobId, position: row.position, result: 'failed', outcome: result.code, now: ctx.clock.now() }))
	})
	await inTenant(ctx, scope, (tx) => finishBulkJob(tx, { jobId, now: ctx.clock.now() }))
	return succeed({ outcome: 'done', decided, refused })
}
