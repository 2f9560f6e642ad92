import { fail, type Result } from '../result.ts'
import { transition, type TransitionActor, type TransitionError } from './enrolment-lifecycle.ts'
import { seatIsFreeFor } from './enrolment-rules.ts'
import type { EnrolmentStatus } from './enrolment-status.ts'

/** The target of a move as its lock sees it: its seats, those given, and those waiting. */
export type MoveTarget = { capacity: number; seatsTaken: number; waiting: number }

/**
 * One person's move to a session, as the move itself decides it: the `move` transition (only the
 * enrolled and the waiting move, only by the providing unit's coordinator), then the `seat`
 * transition with the seat rule (a free seat when nobody waits ahead, else the waitlist). The new
 * counts of the target come along, for the next person.
 */
export function moveOne(status: EnrolmentStatus, by: TransitionActor | null, target: MoveTarget): { result: Result<EnrolmentStatus, TransitionError>; target: MoveTarget } {
	// Someone in no capacity to move this person (null) is refused like a role the rule does not admit.
	if (by === null) return { result: fail('ENROLMENT_ACTOR_NOT_ALLOWED'), target }
	const moved = transition(status, { type: 'move' }, by)
	if (!moved.ok) return { result: moved, target }
	const seated = transition(moved.value, { type: 'seat', seatFree: seatIsFreeFor(target.capacity, target.seatsTaken, target.waiting) }, 'system')
	if (!seated.ok) return { result: seated, target }
	const next = seated.value === 'enrolled' ? { ...target, seatsTaken: target.seatsTaken + 1 } : { ...target, waiting: target.waiting + 1 }
	return { result: seated, target: next }
}

/**
 * What moving these people, one after the other in this order, to one session would do: each
 * gets a seat (`enrolled`), goes on its waitlist (`waitlisted`) or is refused with the code the
 * move would give. The bulk move's preview shows it; the move runs `moveOne`'s rules per person.
 */
export function forecastMoves<P extends { status: EnrolmentStatus; by: TransitionActor | null }>(
	people: readonly P[],
	target: MoveTarget,
): { person: P; result: Result<EnrolmentStatus, TransitionError> }[] {
	let counts = target
	return people.map((person) => {
		const { result, target: after } = moveOne(person.status, person.by, counts)
		counts = after
		return { person, result }
	})
}
