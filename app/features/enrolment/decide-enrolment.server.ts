import { commitBudget, committedBudget, getEmployeeForEnrolment, getEnrolmentForAction, getSessionForEnrolment, lockEmployeeBudget } from '@leerplein/db'
import { budgetYear, isFinalApproval, remainingBudget, transitionActorFor, type Actor } from '@leerplein/domain'
import {
	audit,
	inEnrolmentTransaction,
	lockOrRefuse,
	lockSessionForEnrolment,
	next,
	notify,
	RefusalError,
	refuse,
	refuseUnlessOpen,
	requestCoordinatorApproval,
	rulesOf,
	seatApproved,
	updateEnrolment,
	type ServiceContext,
	type ServiceResult,
} from './enrolment-support.server.ts'

export type Decision = { decision: 'approve' } | { decision: 'decline'; reason: string }

/**
 * A manager (for their own team) or the unit's coordinator approves or declines requests, one
 * transaction per request so one refusal does not undo the others. A final approval commits
 * the budget, fixes the cost centre and seats the employee (or puts them on the waitlist).
 */
export async function decideEnrolments(
	ctx: ServiceContext,
	{ actor, enrolmentIds, decision, now }: { actor: Actor; enrolmentIds: string[]; decision: Decision; now: Date },
): Promise<{ enrolmentId: string; result: ServiceResult<string> }[]> {
	const results = []
	for (const enrolmentId of enrolmentIds) {
		results.push({ enrolmentId, result: await decideOne(ctx, { actor, enrolmentId, decision, now }) })
	}
	return results
}

function decideOne(ctx: ServiceContext, { actor, enrolmentId, decision, now }: { actor: Actor; enrolmentId: string; decision: Decision; now: Date }) {
	return inEnrolmentTransaction(ctx, actor, async (tx) => {
		const enrolment = await getEnrolmentForAction(tx, { enrolmentId })
		if (!enrolment) throw new RefusalError(refuse('ENROLMENT_NOT_FOUND', 404))
		const resource = { kind: 'enrolment', tenantId: enrolment.tenantId, userId: enrolment.userId, managerId: enrolment.managerId, providerTenantId: enrolment.providerTenantId } as const
		const by = transitionActorFor(actor, resource, decision.decision === 'approve' ? 'approve' : 'decline')
		if (by !== 'manager' && by !== 'coordinator') throw new RefusalError(refuse('APPROVAL_NOT_YOURS', 403))
		// With "manager, then coordinator" the manager cannot decide the coordinator's step.
		if (enrolment.status === 'awaiting_approval' && enrolment.approvalStep === 'coordinator' && by === 'manager') {
			throw new RefusalError(refuse('APPROVAL_NOT_YOUR_STEP', 403))
		}

		if (decision.decision === 'decline') {
			const status = next(enrolment.status, { type: 'decline' }, by)
			const updated = await updateEnrolment(tx, { enrolmentId, from: enrolment.status, set: { status, decidedByUserId: actor.userId, decisionNote: decision.reason, approvalStep: null } })
			if (!updated) throw new RefusalError(refuse('ENROLMENT_CHANGED', 409))
			await notify(tx, 'enrolment_declined', { tenantId: enrolment.tenantId, enrolmentId })
			await audit(tx, ctx, { tenantId: enrolment.tenantId, actorUserId: actor.userId, action: 'enrolment.decline', objectId: enrolmentId, before: { status: enrolment.status }, after: { status, reason: decision.reason } })
			return status
		}

		const employee = await getEmployeeForEnrolment(tx, { userId: enrolment.userId })
		const session = await getSessionForEnrolment(tx, { sessionId: enrolment.sessionId })
		if (!employee || !session) throw new RefusalError(refuse('ENROLMENT_NOT_FOUND', 404))
		const rules = await rulesOf(tx, employee.poOverrides, session.providerPoOverrides)
		const final = isFinalApproval(rules, by)
		const approved = next(enrolment.status, { type: 'approve', finalApproval: final }, by)
		if (!final) {
			const updated = await updateEnrolment(tx, { enrolmentId, from: enrolment.status, set: { status: approved, approvalStep: 'coordinator', decidedByUserId: actor.userId } })
			if (!updated) throw new RefusalError(refuse('ENROLMENT_CHANGED', 409))
			// The second step: the coordinators hear of it in this transaction, so never without the approval.
			await requestCoordinatorApproval(tx, { tenantId: enrolment.tenantId, enrolmentId })
			await audit(tx, ctx, { tenantId: enrolment.tenantId, actorUserId: actor.userId, action: 'enrolment.approve', objectId: enrolmentId, after: { step: 'coordinator' } })
			return approved
		}

		const year = budgetYear(enrolment.startsAt)
		await lockEmployeeBudget(tx, { userId: enrolment.userId })
		const remaining = remainingBudget(rules.employeeUnit.yearlyBudgetCents, await committedBudget(tx, { userId: enrolment.userId, year }))
		if (enrolment.priceCents > remaining && rules.employeeUnit.budgetExceeded === 'block') throw new RefusalError(refuse('BUDGET_EXCEEDED'))
		const lock = lockOrRefuse(await lockSessionForEnrolment(tx, { sessionId: enrolment.sessionId }))
		refuseUnlessOpen(lock, now)
		const seat = await seatApproved(tx, lock)
		// The cost centre is fixed now: the one on the request, else the employee's current one.
		const costCentre = enrolment.costCentre ?? enrolment.employeeCostCentre
		const updated = await updateEnrolment(tx, { enrolmentId, from: enrolment.status, set: { ...seat, costCentre, approvalStep: null, decidedByUserId: actor.userId } })
		if (!updated) throw new RefusalError(refuse('ENROLMENT_CHANGED', 409))
		if (enrolment.priceCents > 0) {
			await commitBudget(tx, { tenantId: enrolment.tenantId, userId: enrolment.userId, enrolmentId, year, amountCents: enrolment.priceCents, costCentre })
		}
		await notify(tx, 'enrolment_approved', { tenantId: enrolment.tenantId, enrolmentId })
		await audit(tx, ctx, { tenantId: enrolment.tenantId, actorUserId: actor.userId, action: 'enrolment.approve', objectId: enrolmentId, before: { status: enrolment.status }, after: { status: seat.status, costCentre } })
		return seat.status
	})
}
