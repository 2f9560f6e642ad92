import type { CourseStatus } from '../catalogue/course.ts'
import { fail, ok, type Result } from '../result.ts'
import type { PoSettings } from '../tenancy/po-settings.ts'

/**
 * Which unit's P&O rules govern which part of an enrolment (issue 5): the **employee's** unit
 * decides approval, budget and cost centre (it pays); the **providing** unit decides seats,
 * cancellation, no-shows and whether other units' employees may enrol (it runs the session).
 * Keeping the two apart in one type means no caller can take a rule from the wrong unit.
 */
export type EnrolmentRules = {
	employeeUnit: Pick<PoSettings, 'approval' | 'approvers' | 'yearlyBudgetCents' | 'budgetExceeded' | 'costCentreRequired'>
	providingUnit: Pick<PoSettings, 'freeCancellationDays' | 'noShowPolicy' | 'acceptsOtherUnits'>
}

export function enrolmentRules(employeeUnit: PoSettings, providingUnit: PoSettings): EnrolmentRules {
	return {
		employeeUnit: {
			approval: employeeUnit.approval,
			approvers: employeeUnit.approvers,
			yearlyBudgetCents: employeeUnit.yearlyBudgetCents,
			budgetExceeded: employeeUnit.budgetExceeded,
			costCentreRequired: employeeUnit.costCentreRequired,
		},
		providingUnit: {
			freeCancellationDays: providingUnit.freeCancellationDays,
			noShowPolicy: providingUnit.noShowPolicy,
			acceptsOtherUnits: providingUnit.acceptsOtherUnits,
		},
	}
}

export type EnrolmentRequest = {
	employeeTenantId: string
	providerTenantId: string
	priceCents: number
	/** Only a published course takes enrolments: a draft is not offered yet, an archived one no longer. */
	courseStatus: CourseStatus
	/** The deadline, when the session has one: after it nobody enrols any more. */
	session: { startsAt: Date; status: 'planned' | 'cancelled'; enrolmentDeadline?: Date | null }
	/** What is left of the employee's budget in the session's budget year (see remainingBudget). */
	remainingBudgetCents: number
	/** The cost centre the request names (or the employee's own), if any. */
	costCentre: string | null
	now: Date
}

export type EnrolmentRequestError =
	| 'COURSE_NOT_PUBLISHED'
	| 'SESSION_CANCELLED'
	| 'SESSION_STARTED'
	| 'ENROLMENT_CLOSED'
	| 'OTHER_UNITS_NOT_ADMITTED'
	| 'COST_CENTRE_REQUIRED'
	| 'BUDGET_EXCEEDED'

export type EnrolmentDecision = {
	needsApproval: boolean
	/** Why approval is needed, for the approver's inbox. */
	approvalReason: 'unit_always' | 'above_price' | 'over_budget' | null
}

/** May this employee ask for a seat in this session, and must someone approve it first? */
export function decideEnrolmentRequest(rules: EnrolmentRules, request: EnrolmentRequest): Result<EnrolmentDecision, EnrolmentRequestError> {
	if (request.courseStatus !== 'published') return fail('COURSE_NOT_PUBLISHED')
	if (request.session.status === 'cancelled') return fail('SESSION_CANCELLED')
	if (request.session.startsAt.getTime() <= request.now.getTime()) return fail('SESSION_STARTED')
	if (request.session.enrolmentDeadline && request.now.getTime() > request.session.enrolmentDeadline.getTime()) return fail('ENROLMENT_CLOSED')
	const crossUnit = request.employeeTenantId !== request.providerTenantId
	if (crossUnit && !rules.providingUnit.acceptsOtherUnits) return fail('OTHER_UNITS_NOT_ADMITTED')
	const { employeeUnit } = rules
	if (employeeUnit.costCentreRequired && request.priceCents > 0 && !request.costCentre?.trim()) return fail('COST_CENTRE_REQUIRED')

	// A free course costs nothing, so it is never over budget, however far over it the employee already is.
	const overBudget = request.priceCents > 0 && request.priceCents > request.remainingBudgetCents
	if (overBudget && employeeUnit.budgetExceeded === 'block') return fail('BUDGET_EXCEEDED')

	const approval = employeeUnit.approval
	if (approval.mode === 'always') return ok({ needsApproval: true, approvalReason: 'unit_always' })
	if (approval.mode === 'above_price' && request.priceCents > approval.thresholdCents) {
		return ok({ needsApproval: true, approvalReason: 'above_price' })
	}
	if (overBudget && employeeUnit.budgetExceeded === 'require_approval') return ok({ needsApproval: true, approvalReason: 'over_budget' })
	return ok({ needsApproval: false, approvalReason: null })
}

/** The approvers in order; the last one's approval is final. */
export function approvalChain(rules: EnrolmentRules): readonly ('manager' | 'coordinator')[] {
	return rules.employeeUnit.approvers === 'manager_then_coordinator' ? ['manager', 'coordinator'] : ['manager']
}

/**
 * Is this approval the final one? With "manager, then coordinator" a manager's approval passes
 * the request on; a coordinator's approval is always final (they may also stand in for a manager).
 */
export function isFinalApproval(rules: EnrolmentRules, approver: 'manager' | 'coordinator'): boolean {
	return approver === 'coordinator' || approvalChain(rules).length === 1
}

const DAY_MS = 24 * 60 * 60 * 1000

export type CancellationTerms = { free: boolean; releasesBudget: boolean }

/**
 * Cancelling is free until the providing unit's number of days before the start; later the
 * seat is still freed, but the cost stays charged to the budget. A cancelled session (the
 * provider's doing) is always free, and so is cancelling until `freeUntil`: the provider moved
 * the session's date, time or place (ADR 029). Something that never held budget has nothing to release.
 */
export function cancellationTerms(
	rules: EnrolmentRules,
	{ startsAt, now, sessionCancelled = false, freeUntil = null }: { startsAt: Date; now: Date; sessionCancelled?: boolean; freeUntil?: Date | null },
): CancellationTerms {
	const freeAfterChange = freeUntil !== null && now.getTime() < freeUntil.getTime()
	const free = sessionCancelled || freeAfterChange || startsAt.getTime() - now.getTime() >= rules.providingUnit.freeCancellationDays * DAY_MS
	return { free, releasesBudget: free }
}

/** A no-show keeps the cost charged only when the providing unit charges no-shows. */
export function noShowReleasesBudget(rules: EnrolmentRules): boolean {
	return rules.providingUnit.noShowPolicy !== 'charge'
}

/** Free seats, never negative: a capacity lowered below the seats taken overbooks nobody new. */
export function freeSeats(capacity: number, taken: number): number {
	return Math.max(0, capacity - taken)
}

/**
 * A seat goes to a newcomer only when one is free and nobody is waiting ahead of them:
 * the waitlist is served in arrival order.
 *
 * The same rule is written once more in SQL (allocate_seats and promote_waitlist, migration
 * 0011): a burst of requests is seated inside one statement that holds the session lock, so the
 * lock never waits on a round trip to the portal. Kept twice on purpose;
 * db/src/queries/seat-rule.test.ts fails when the two drift apart.
 */
export function seatIsFreeFor(capacity: number, taken: number, waiting: number): boolean {
	return waiting === 0 && freeSeats(capacity, taken) > 0
}

/** The budget year of an enrolment is the calendar year its session starts in (Amsterdam time). */
export function budgetYear(startsAt: Date): number {
	return Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(startsAt))
}

/** What is left: the yearly budget minus the sum of the ledger (commitments minus releases). */
export function remainingBudget(yearlyBudgetCents: number, committedCents: number): number {
	return yearlyBudgetCents - committedCents
}

/**
 * What happens when this employee asks for this session, said on the course page before the
 * click (issue 14): enrolled at once, or first approved (and why), or refused; and what it does
 * to the budget of the session's year. The same decision as decideEnrolmentRequest, which the
 * request itself takes; the cost centre is asked on the form, so the preview takes it as given.
 */
export type EnrolmentPreview =
	| { kind: 'enrols' | 'needs_approval'; approvalReason: EnrolmentDecision['approvalReason']; budgetYear: number; priceCents: number; remainingAfterCents: number }
	| { kind: 'refused'; code: Exclude<EnrolmentRequestError, 'COST_CENTRE_REQUIRED'>; budgetYear: number; priceCents: number; remainingAfterCents: number }

export function previewEnrolmentRequest(rules: EnrolmentRules, request: Omit<EnrolmentRequest, 'costCentre'>): EnrolmentPreview {
	const decision = decideEnrolmentRequest(rules, { ...request, costCentre: 'asked on the form' })
	const money = {
		budgetYear: budgetYear(request.session.startsAt),
		priceCents: request.priceCents,
		// A commitment is made at the final approval (or at once); a free course commits nothing.
		remainingAfterCents: request.remainingBudgetCents - request.priceCents,
	}
	if (!decision.ok) return { kind: 'refused', code: decision.code as Exclude<EnrolmentRequestError, 'COST_CENTRE_REQUIRED'>, ...money }
	return { kind: decision.value.needsApproval ? 'needs_approval' : 'enrols', approvalReason: decision.value.approvalReason, ...money }
}
