import {
	commitBudget,
	committedBudget,
	getEmployeeForEnrolment,
	getDecisionLabels,
	getEnrolmentForAction,
	getSessionForEnrolment,
	lockEmployeeBudget,
	lockSessionForEnrolment,
	updateEnrolment,
} from '@leerplein/db/enrolment'
import { budgetYear, isFinalApproval, remainingBudget, type Actor, type EnrolmentStatus } from '@leerplein/domain'
import type { Database } from '@leerplein/db'
import { audit, inTenant, refuse, refusal, succeed, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { MAX_BATCH } from './decision-schema.ts'
import { actingAs, inEnrolmentTransaction, lockOrRefuse, next, notify, refuseUnlessOpen, requestCoordinatorApproval, rulesOf, seatApproved } from './enrolment-support.server.ts'
import { inboxOf } from './show-approvals.server.ts'

export type Decision = { decision: 'approve' } | { decision: 'decline'; reason: string }

/**
 * Each request's own outcome: a refusal of one does not undo the others. Named by employee and
 * course when the approver's inbox covers the request (a forged id of another team or unit has no name).
 */
export type DecisionOutcome = { enrolmentId: string; employeeName: string | null; courseTitle: string | null; result: ServiceResult<EnrolmentStatus> }

/** How many requests of a batch are decided at the same time (each in its own transaction). */
const DECISION_WORKERS = 4

/**
 * A manager (for their own team) or the unit's coordinator approves or declines requests, one
 * transaction per request so one refusal does not undo the others. A final approval commits
 * the budget, fixes the cost centre and seats the employee (or puts them on the waitlist).
 *
 * A batch of hundreds is decided by a few workers at once, but one employee's requests always
 * by one worker, in the order given (the preview's order), so each budget sees its requests in
 * exactly the order the preview showed. The outcomes come back in the order given.
 */
export async function decideEnrolments(
	ctx: ServiceContext,
	{ actor, enrolmentIds, decision }: { actor: Actor; enrolmentIds: readonly string[]; decision: Decision },
): Promise<ServiceResult<DecisionOutcome[]>> {
	if (enrolmentIds.length === 0) return refuse('invalid', 'NOTHING_SELECTED', { field: 'ids' })
	if (enrolmentIds.length > MAX_BATCH) return refuse('invalid', 'BATCH_TOO_LARGE', { field: 'ids' })
	const unique = [...new Set(enrolmentIds)]
	const named = await inTenant(ctx, actor, (tx) => getDecisionLabels(tx, { inbox: inboxOf(actor), ids: unique }))
	if (!named.ok) return named
	const names = new Map(named.value.map((row) => [row.id, row]))
	// One queue per employee (an id nobody in the inbox has is a queue of its own).
	const queues = new Map<string, string[]>()
	for (const enrolmentId of unique) {
		const key = names.get(enrolmentId)?.userId ?? enrolmentId
		queues.set(key, [...(queues.get(key) ?? []), enrolmentId])
	}
	const results = new Map<string, ServiceResult<EnrolmentStatus>>()
	// One transaction per request: a refusal (decided meanwhile, budget exhausted, session cancelled) rolls back that request only.
	await inQueuesPerEmployee([...queues.values()], async (enrolmentId) => {
		results.set(enrolmentId, await decideOne(ctx, { actor, enrolmentId, decision }))
	})
	return succeed(
		unique.map((enrolmentId) => {
			const name = names.get(enrolmentId)
			return { enrolmentId, employeeName: name?.employeeName ?? null, courseTitle: name?.courseTitle ?? null, result: results.get(enrolmentId)! }
		}),
	)
}

/** Works through `queues` with a few workers at once, each queue by one worker in its order (one employee's requests, so their budget sees them in order). */
export async function inQueuesPerEmployee<T>(queues: readonly (readonly T[])[], work: (item: T) => Promise<void>): Promise<void> {
	const pending = [...queues]
	const worker = async () => {
		for (let queue = pending.shift(); queue; queue = pending.shift()) {
			for (const item of queue) await work(item)
		}
	}
	await Promise.all(Array.from({ length: Math.min(DECISION_WORKERS, pending.length) }, worker))
}

function decideOne(ctx: ServiceContext, { actor, enrolmentId, decision }: { actor: Actor; enrolmentId: string; decision: Decision }): Promise<ServiceResult<EnrolmentStatus>> {
	return inEnrolmentTransaction(ctx, actor, (tx) => decideInTransaction(ctx, tx, { actor, enrolmentId, decision }))
}

/**
 * One decision in the caller's transaction (which a bulk job shares with the row's outcome, ADR
 * 038): throws its refusal, so the caller's transaction rolls back as a whole.
 */
export async function decideInTransaction(ctx: ServiceContext, tx: Database, { actor, enrolmentId, decision }: { actor: Actor; enrolmentId: string; decision: Decision }): Promise<EnrolmentStatus> {
	const now = ctx.clock.now()
	{
		const enrolment = await getEnrolmentForAction(tx, { enrolmentId })
		if (!enrolment) throw refusal('not_found', 'ENROLMENT_NOT_FOUND')
		const by = actingAs(actor, enrolment, 'approve', decision.decision, { code: 'APPROVAL_NOT_YOURS' })
		if (by !== 'manager' && by !== 'coordinator') throw refusal('forbidden', 'APPROVAL_NOT_YOURS')
		// With "manager, then coordinator" the manager cannot decide the coordinator's step.
		if (enrolment.status === 'awaiting_approval' && enrolment.approvalStep === 'coordinator' && by === 'manager') throw refusal('forbidden', 'APPROVAL_NOT_YOUR_STEP')
		const audited = (entry: { before?: unknown; after: unknown }) =>
			audit(ctx, tx, { actor, tenantId: enrolment.tenantId, action: `enrolment.${decision.decision}`, objectType: 'enrolment', objectId: enrolmentId, ...entry })

		if (decision.decision === 'decline') {
			const status = next(enrolment.status, { type: 'decline' }, by)
			const updated = await updateEnrolment(tx, { enrolmentId, from: enrolment.status, set: { status, decidedByUserId: actor.userId, decisionNote: decision.reason, approvalStep: null } })
			if (!updated) throw refusal('conflict', 'ENROLMENT_CHANGED')
			await notify(tx, 'enrolment_declined', { tenantId: enrolment.tenantId, enrolmentId })
			await audited({ before: { status: enrolment.status }, after: { status, reason: decision.reason } })
			return status
		}

		const employee = await getEmployeeForEnrolment(tx, { userId: enrolment.userId })
		const session = await getSessionForEnrolment(tx, { sessionId: enrolment.sessionId })
		if (!employee || !session) throw refusal('not_found', 'ENROLMENT_NOT_FOUND')
		const rules = await rulesOf(tx, employee.poOverrides, session.providerPoOverrides)
		const final = isFinalApproval(rules, by)
		const approved = next(enrolment.status, { type: 'approve', finalApproval: final }, by)
		if (!final) {
			const updated = await updateEnrolment(tx, { enrolmentId, from: enrolment.status, set: { status: approved, approvalStep: 'coordinator', decidedByUserId: actor.userId } })
			if (!updated) throw refusal('conflict', 'ENROLMENT_CHANGED')
			// The second step: the coordinators hear of it in this transaction, so never without the approval.
			await requestCoordinatorApproval(tx, { tenantId: enrolment.tenantId, enrolmentId })
			await audited({ after: { step: 'coordinator' } })
			return approved
		}
		const year = budgetYear(enrolment.startsAt)
		await lockEmployeeBudget(tx, { userId: enrolment.userId })
		const remaining = remainingBudget(rules.employeeUnit.yearlyBudgetCents, await committedBudget(tx, { userId: enrolment.userId, year }))
		if (enrolment.priceCents > remaining && rules.employeeUnit.budgetExceeded === 'block') throw refusal('invalid', 'BUDGET_EXCEEDED')
		const lock = lockOrRefuse(await lockSessionForEnrolment(tx, { sessionId: enrolment.sessionId }))
		refuseUnlessOpen(lock, now)
		const seat = await seatApproved(tx, lock)
		// The cost centre is fixed now: the one on the request, else the employee's current one.
		const costCentre = enrolment.costCentre ?? enrolment.employeeCostCentre
		const updated = await updateEnrolment(tx, { enrolmentId, from: enrolment.status, set: { ...seat, costCentre, approvalStep: null, decidedByUserId: actor.userId } })
		if (!updated) throw refusal('conflict', 'ENROLMENT_CHANGED')
		if (enrolment.priceCents > 0) {
			await commitBudget(tx, { tenantId: enrolment.tenantId, userId: enrolment.userId, enrolmentId, year, amountCents: enrolment.priceCents, costCentre })
		}
		await notify(tx, 'enrolment_approved', { tenantId: enrolment.tenantId, enrolmentId })
		await audited({ before: { status: enrolment.status }, after: { status: seat.status, costCentre } })
		return seat.status
	}
}
