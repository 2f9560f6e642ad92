import {
	allocateSeats,
	commitBudget,
	getEnrolmentStatus,
	withTenantContext,
	committedBudget,
	findActiveEnrolment,
	getEmployeeForEnrolment,
	getSessionForEnrolment,
	lockEmployeeBudget,
} from '@leerplein/db'
import { budgetYear, decideEnrolmentRequest, ok, remainingBudget, type Actor } from '@leerplein/domain'
import {
	audit,
	inEnrolmentTransaction,
	insertEnrolment,
	next,
	notify,
	RefusalError,
	refuse,
	requestCoordinatorApproval,
	rulesOf,
	type ServiceContext,
	type ServiceResult,
} from './enrolment-support.server.ts'

export type EnrolmentRequestOutcome = { enrolmentId: string; status: 'awaiting_approval' | 'enrolled' | 'waitlisted' }

/**
 * An employee asks for a seat in a session. The employee's unit decides approval, budget and
 * cost centre; the providing unit whether other units are admitted. Without approval the
 * budget is committed and, right after, the seat (or waitlist place) taken in arrival order.
 */
export async function requestEnrolment(
	ctx: ServiceContext,
	{ actor, sessionId, costCentre, now }: { actor: Actor; sessionId: string; costCentre: string | null; now: Date },
) {
	const requested = await inEnrolmentTransaction(ctx, actor, async (tx): Promise<{ enrolmentId: string; status: 'awaiting_approval' | 'approved' }> => {
		// Read through the employee's own policies: a session of a course they may not see does not exist for them.
		const session = await getSessionForEnrolment(tx, { sessionId })
		if (!session) throw new RefusalError(refuse('SESSION_NOT_FOUND', 404))
		const employee = await getEmployeeForEnrolment(tx, { userId: actor.userId })
		if (!employee) throw new RefusalError(refuse('FORBIDDEN', 403))
		if (await findActiveEnrolment(tx, { sessionId, userId: actor.userId })) throw new RefusalError(refuse('ENROLMENT_ALREADY_EXISTS', 409))

		const rules = await rulesOf(tx, employee.poOverrides, session.providerPoOverrides)
		const year = budgetYear(session.startsAt)
		// One budget decision per employee at a time, so two requests cannot both spend the last of it.
		if (session.priceCents > 0) await lockEmployeeBudget(tx, { userId: actor.userId })
		const committed = session.priceCents > 0 ? await committedBudget(tx, { userId: actor.userId, year }) : 0
		const remaining = remainingBudget(rules.employeeUnit.yearlyBudgetCents, committed)
		const chosenCostCentre = costCentre?.trim() || employee.costCentre
		const decision = decideEnrolmentRequest(rules, {
			employeeTenantId: employee.tenantId,
			providerTenantId: session.tenantId,
			priceCents: session.priceCents,
			session: { startsAt: session.startsAt, status: session.status },
			remainingBudgetCents: remaining,
			costCentre: chosenCostCentre,
			now,
		})
		if (!decision.ok) throw new RefusalError(refuse(decision.code))
		const status = next('requested', { type: 'submit', needsApproval: decision.value.needsApproval }, 'employee')
		const base = { tenantId: employee.tenantId, sessionId, userId: actor.userId, priceCents: session.priceCents, costCentre: chosenCostCentre }

		if (status === 'awaiting_approval') {
			// Without a manager on record the unit's coordinators decide.
			const enrolment = await insertEnrolment(tx, {
				...base,
				status,
				approvalStep: employee.managerId ? 'manager' : 'coordinator',
				approvalReason: decision.value.approvalReason,
			})
			if (employee.managerId) await notify(tx, 'approval_requested', { tenantId: employee.tenantId, enrolmentId: enrolment.id, recipientUserId: employee.managerId })
			else await requestCoordinatorApproval(tx, { tenantId: employee.tenantId, enrolmentId: enrolment.id })
			await audit(tx, ctx, { tenantId: employee.tenantId, actorUserId: actor.userId, action: 'enrolment.request', objectId: enrolment.id, after: { status } })
			return { enrolmentId: enrolment.id, status }
		}

		// Approved at once: commit the budget and the request; the seat is given right after the commit.
		const enrolment = await insertEnrolment(tx, { ...base, status })
		if (session.priceCents > 0) {
			await commitBudget(tx, { tenantId: employee.tenantId, userId: actor.userId, enrolmentId: enrolment.id, year, amountCents: session.priceCents, costCentre: chosenCostCentre })
		}
		await notify(tx, 'enrolment_seated', { tenantId: employee.tenantId, enrolmentId: enrolment.id })
		await audit(tx, ctx, { tenantId: employee.tenantId, actorUserId: actor.userId, action: 'enrolment.request', objectId: enrolment.id, after: { status } })
		return { enrolmentId: enrolment.id, status: 'approved' as const }
	})
	if (!requested.ok || requested.value.status !== 'approved') return requested as ServiceResult<EnrolmentRequestOutcome>
	// The seat, in arrival order, by one statement outside any transaction, so a burst of
	// hundreds holds the session lock for the length of a statement, never across a round trip
	// to the portal (ADR 013). An earlier call may have seated this request already; then its status tells.
	const enrolmentId = requested.value.enrolmentId
	const seats = await allocateSeats(ctx.db, { sessionId })
	const status =
		seats.find((seat) => seat.enrolmentId === enrolmentId)?.status ??
		(await withTenantContext(ctx.db, { tenantId: actor.tenantId, userId: actor.userId }, (tx) => getEnrolmentStatus(tx, { enrolmentId })))
	return ok({ enrolmentId, status: status === 'waitlisted' ? 'waitlisted' : 'enrolled' } satisfies EnrolmentRequestOutcome)
}
