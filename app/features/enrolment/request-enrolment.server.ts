import {
	allocateSeats,
	commitBudget,
	committedBudget,
	findActiveEnrolment,
	getEmployeeForEnrolment,
	getEnrolmentStatus,
	getSessionForEnrolment,
	insertEnrolment,
	lockEmployeeBudget,
} from '@leerplein/db/enrolment'
import { budgetYear, can, decideEnrolmentRequest, isUnpublishedCourseVisibleTo, remainingBudget, type Actor } from '@leerplein/domain'
import type { ErrorCode } from '../../core/error-codes.ts'
import { audit, inTenant, refusal, succeed, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { recordOwnXapiEvent } from '../xapi/own-events.server.ts'
import { enrolmentResource, inEnrolmentTransaction, next, notify, requestCoordinatorApproval, rulesOf } from './enrolment-support.server.ts'

export type EnrolmentRequestOutcome = { enrolmentId: string; status: 'awaiting_approval' | 'enrolled' | 'waitlisted' }

/** Refusals about the cost centre belong beside that field; every other one beside the session choice. */
const COST_CENTRE_CODES: readonly ErrorCode[] = ['COST_CENTRE_REQUIRED', 'COST_CENTRE_INVALID']

/**
 * An employee asks for a seat in a session, or a coordinator of their unit asks for them
 * (`employeeId`, on behalf): the same request either way. The employee's unit decides approval,
 * budget and cost centre; the providing unit whether other units are admitted. Without approval
 * the budget is committed and, right after, the seat (or waitlist place) taken in arrival order.
 * On behalf, another unit's person (or no person) is refused as forbidden, naming nobody.
 */
export async function requestEnrolment(
	ctx: ServiceContext,
	{ actor, sessionId, costCentre, employeeId: userId = actor.userId }: { actor: Actor; sessionId: string; costCentre: string | null; employeeId?: string },
): Promise<ServiceResult<EnrolmentRequestOutcome>> {
	const now = ctx.clock.now()
	const onBehalf = userId !== actor.userId
	const requested = await inEnrolmentTransaction(ctx, actor, async (tx): Promise<{ enrolmentId: string; status: 'awaiting_approval' | 'approved' }> => {
		// Read through the employee's own policies: a session of a course they may not see does not exist for them,
		// nor does one of their own unit's draft or archived course, which only its coordinators see.
		const session = await getSessionForEnrolment(tx, { sessionId })
		const seen = session && (session.courseStatus === 'published' || isUnpublishedCourseVisibleTo({ providerTenantId: session.courseProviderTenantId }, actor))
		if (!session || !seen) throw refusal('not_found', 'SESSION_NOT_FOUND', { field: 'sessionId' })
		const employee = await getEmployeeForEnrolment(tx, { userId })
		const own = employee && enrolmentResource({ tenantId: employee.tenantId, userId, managerId: employee.managerId, providerTenantId: session.tenantId })
		if (!employee || !own || !can(actor, 'create', own)) {
			// On behalf: a person of another unit (or none) is not the coordinator's to add; who it is stays unsaid.
			throw onBehalf ? refusal('invalid', 'PERSON_NOT_IN_UNIT', { field: 'employeeId' }) : refusal('forbidden', 'FORBIDDEN')
		}
		if (await findActiveEnrolment(tx, { sessionId, userId })) {
			throw onBehalf ? refusal('conflict', 'PARTICIPANT_ALREADY_IN', { field: 'employeeId' }) : refusal('conflict', 'ENROLMENT_ALREADY_EXISTS', { field: 'sessionId' })
		}

		const rules = await rulesOf(tx, employee.poOverrides, session.providerPoOverrides)
		const year = budgetYear(session.startsAt)
		// One budget decision per employee at a time, so two requests cannot both spend the last of it.
		if (session.priceCents > 0) await lockEmployeeBudget(tx, { userId })
		const committed = session.priceCents > 0 ? await committedBudget(tx, { userId, year }) : 0
		const remaining = remainingBudget(rules.employeeUnit.yearlyBudgetCents, committed)
		const chosenCostCentre = costCentre?.trim() || employee.costCentre
		const decision = decideEnrolmentRequest(rules, {
			employeeTenantId: employee.tenantId,
			providerTenantId: session.tenantId,
			priceCents: session.priceCents,
			courseStatus: session.courseStatus,
			session: { startsAt: session.startsAt, status: session.status, enrolmentDeadline: session.enrolmentDeadline },
			remainingBudgetCents: remaining,
			costCentre: chosenCostCentre,
			now,
		})
		if (!decision.ok) {
			// Not the request's fault but the course's state: a coordinator who sees the draft is told so.
			const kind = decision.code === 'COURSE_NOT_PUBLISHED' ? 'conflict' : 'invalid'
			throw refusal(kind, decision.code, { field: COST_CENTRE_CODES.includes(decision.code) ? 'costCentre' : 'sessionId' })
		}
		const status = next('requested', { type: 'submit', needsApproval: decision.value.needsApproval }, onBehalf ? 'coordinator' : 'employee')
		const base = { tenantId: employee.tenantId, sessionId, userId, priceCents: session.priceCents, costCentre: chosenCostCentre }
		// The trail, and the employee's xAPI store (registered: the enrolment is made, ADR 039).
		const audited = async (enrolmentId: string) => {
			await audit(ctx, tx, { actor, tenantId: employee.tenantId, action: 'enrolment.request', objectType: 'enrolment', objectId: enrolmentId, after: onBehalf ? { status, onBehalfOf: userId } : { status } })
			await recordOwnXapiEvent(ctx, tx, { kind: 'registered', enrolmentId })
		}

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
			await audited(enrolment.id)
			return { enrolmentId: enrolment.id, status }
		}

		// Approved at once: commit the budget and the request; the seat is given right after the commit.
		const enrolment = await insertEnrolment(tx, { ...base, status })
		if (session.priceCents > 0) {
			await commitBudget(tx, { tenantId: employee.tenantId, userId, enrolmentId: enrolment.id, year, amountCents: session.priceCents, costCentre: chosenCostCentre })
		}
		await notify(tx, 'enrolment_seated', { tenantId: employee.tenantId, enrolmentId: enrolment.id })
		await audited(enrolment.id)
		return { enrolmentId: enrolment.id, status: 'approved' as const }
	})
	if (!requested.ok) return requested
	const { enrolmentId } = requested.value
	if (requested.value.status === 'awaiting_approval') return succeed({ enrolmentId, status: 'awaiting_approval' })
	// The seat, in arrival order, by one statement outside any transaction, so a burst of
	// hundreds holds the session lock for the length of a statement, never across a round trip
	// to the portal (ADR 013). An earlier call may have seated this request already; then its status tells.
	const seats = await allocateSeats(ctx.db, { sessionId })
	const seated = seats.find((seat) => seat.enrolmentId === enrolmentId)?.status
	if (seated) return succeed({ enrolmentId, status: seated === 'waitlisted' ? 'waitlisted' : 'enrolled' })
	const stored = await inTenant(ctx, actor, (tx) => getEnrolmentStatus(tx, { enrolmentId }))
	if (!stored.ok) return stored
	return succeed({ enrolmentId, status: stored.value === 'waitlisted' ? 'waitlisted' : 'enrolled' })
}
