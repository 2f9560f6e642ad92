import { fail, ok, type Result } from '../result.ts'
import { holdsRole, type Actor, type Resource } from '../tenancy/permissions.ts'
import type { EnrolmentStatus } from './enrolment-status.ts'

/**
 * The enrolment state machine (issue 5):
 * requested → awaiting approval → approved / declined → enrolled or waitlisted
 * → attended / no-show / cancelled → completed.
 *
 * Each event names the statuses it may leave, who may cause it, and where it leads. The shell
 * decides the inputs (does this unit need approval, is a seat free) with the P&O rules in
 * enrolment-rules.ts; this file only says which moves exist.
 */

type EnrolmentResource = Extract<Resource, { kind: 'enrolment' }>

/** Who causes a transition. `system` is the portal itself: seat allocation, promotion, LTI completion, attendance from meeting marks. */
export type TransitionActor = 'employee' | 'manager' | 'coordinator' | 'system'

export type EnrolmentEvent =
	/** The request has been checked against the rules: it needs approval, or it is approved at once. */
	| { type: 'submit'; needsApproval: boolean }
	/** One approver agrees; `finalApproval` is false while another approver (the coordinator) must follow. */
	| { type: 'approve'; finalApproval: boolean }
	| { type: 'decline' }
	/** An approved enrolment takes a seat if one is free, else joins the waitlist. */
	| { type: 'seat'; seatFree: boolean }
	/** A seat freed up and this waitlisted person is first in line. */
	| { type: 'promote' }
	| { type: 'cancel' }
	/** Moved to another session by the coordinator: it must be seated again there. */
	| { type: 'move' }
	| { type: 'attend' }
	| { type: 'no_show' }
	/** Finished: after attending a classroom session, or from a passing score in Moodle (LTI). */
	| { type: 'complete' }
	/**
	 * A blended programme's completion rule is met (ADR 033): its classroom part is one part among
	 * several, so a no-show whose other parts meet a rule of n of m completes too.
	 */
	| { type: 'complete_by_rule' }

export type EnrolmentEventType = EnrolmentEvent['type']

type Rule = { from: readonly EnrolmentStatus[]; by: readonly TransitionActor[] }

/** The whole state machine as a table: an event may leave these statuses, caused by these actors. */
export const ENROLMENT_TRANSITIONS: Record<EnrolmentEventType, Rule> = {
	submit: { from: ['requested'], by: ['employee', 'coordinator'] },
	approve: { from: ['awaiting_approval'], by: ['manager', 'coordinator'] },
	decline: { from: ['awaiting_approval'], by: ['manager', 'coordinator'] },
	seat: { from: ['approved'], by: ['system'] },
	promote: { from: ['waitlisted'], by: ['system'] },
	// Anyone involved may cancel before the session; after it, attendance decides instead.
	cancel: { from: ['awaiting_approval', 'approved', 'enrolled', 'waitlisted'], by: ['employee', 'manager', 'coordinator'] },
	move: { from: ['enrolled', 'waitlisted'], by: ['coordinator'] },
	// Attendance may be corrected: a no-show who did attend, or the other way round. The portal
	// ('system') decides it from the marks per meeting (session-attendance.ts).
	attend: { from: ['enrolled', 'no_show'], by: ['coordinator', 'system'] },
	no_show: { from: ['enrolled', 'attended'], by: ['coordinator', 'system'] },
	complete: { from: ['enrolled', 'attended'], by: ['coordinator', 'system'] },
	// Only the portal decides it, from the parts' results; a coordinator closes a session with attendance.
	complete_by_rule: { from: ['enrolled', 'attended', 'no_show'], by: ['system'] },
}

export type TransitionError = 'ENROLMENT_TRANSITION_NOT_ALLOWED' | 'ENROLMENT_ACTOR_NOT_ALLOWED'

/**
 * Where an enrolment in `status` goes on `event` caused by `actor`, or why it cannot.
 * An illegal move is an error code the UI translates, never a silent no-op.
 */
export function transition(status: EnrolmentStatus, event: EnrolmentEvent, actor: TransitionActor): Result<EnrolmentStatus, TransitionError> {
	const rule = ENROLMENT_TRANSITIONS[event.type]
	if (!rule.from.includes(status)) return fail('ENROLMENT_TRANSITION_NOT_ALLOWED')
	if (!rule.by.includes(actor)) return fail('ENROLMENT_ACTOR_NOT_ALLOWED')
	return ok(target(status, event))
}

function target(status: EnrolmentStatus, event: EnrolmentEvent): EnrolmentStatus {
	switch (event.type) {
		case 'submit':
			return event.needsApproval ? 'awaiting_approval' : 'approved'
		case 'approve':
			return event.finalApproval ? 'approved' : status
		case 'decline':
			return 'declined'
		case 'seat':
			return event.seatFree ? 'enrolled' : 'waitlisted'
		case 'promote':
			return 'enrolled'
		case 'cancel':
			return 'cancelled'
		case 'move':
			return 'approved'
		case 'attend':
			return 'attended'
		case 'no_show':
			return 'no_show'
		case 'complete':
		case 'complete_by_rule':
			return 'completed'
		default: {
			const unreachable: never = event
			throw new Error(`unhandled event: ${JSON.stringify(unreachable)}`)
		}
	}
}

/** Statuses from which nothing happens any more. */
export const FINAL_ENROLMENT_STATUSES = ['declined', 'cancelled', 'completed'] as const satisfies readonly EnrolmentStatus[]

/** Statuses of an enrolment that is still alive (the unique index allows one per person per session). */
export function isActiveEnrolment(status: EnrolmentStatus): boolean {
	return status !== 'declined' && status !== 'cancelled'
}

/**
 * In which capacity a signed-in person causes `event` on an enrolment, or null if in none:
 * the employee themself, their manager, a coordinator of their unit, or, for what happens in
 * the session itself (attendance, moving, cancelling), a coordinator of the providing unit.
 */
export function transitionActorFor(actor: Actor, enrolment: EnrolmentResource, event: EnrolmentEventType): TransitionActor | null {
	const own = enrolment.userId === actor.userId
	const manager = enrolment.managerId === actor.userId && holdsRole(actor, 'manager', enrolment.tenantId)
	const unitCoordinator = holdsRole(actor, 'coordinator', enrolment.tenantId)
	const providerCoordinator = holdsRole(actor, 'coordinator', enrolment.providerTenantId)
	switch (event) {
		case 'submit':
			return own ? 'employee' : unitCoordinator ? 'coordinator' : null
		case 'approve':
		case 'decline':
			// Nobody approves their own request, whatever roles they hold.
			if (own) return null
			return manager ? 'manager' : unitCoordinator ? 'coordinator' : null
		case 'cancel':
			return own ? 'employee' : manager ? 'manager' : unitCoordinator || providerCoordinator ? 'coordinator' : null
		case 'move':
		case 'attend':
		case 'no_show':
		case 'complete':
			return providerCoordinator ? 'coordinator' : null
		case 'seat':
		case 'promote':
		case 'complete_by_rule':
			return null
		default: {
			const unreachable: never = event
			throw new Error(`unhandled event: ${String(unreachable)}`)
		}
	}
}
