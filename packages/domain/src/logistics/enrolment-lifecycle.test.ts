import { describe, expect, test } from 'vitest'
import type { Actor } from '../tenancy/permissions.ts'
import { ENROLMENT_STATUSES, type EnrolmentStatus } from './enrolment-status.ts'
import { transition, transitionActorFor, type EnrolmentEvent, type TransitionActor } from './enrolment-lifecycle.ts'

const ACTORS: TransitionActor[] = ['employee', 'manager', 'coordinator', 'system']

// Every legal move, written out by hand (not derived from the table under test).
const LEGAL: [EnrolmentStatus, EnrolmentEvent, TransitionActor[], EnrolmentStatus][] = [
	['requested', { type: 'submit', needsApproval: true }, ['employee', 'coordinator'], 'awaiting_approval'],
	['requested', { type: 'submit', needsApproval: false }, ['employee', 'coordinator'], 'approved'],
	['awaiting_approval', { type: 'approve', finalApproval: true }, ['manager', 'coordinator'], 'approved'],
	['awaiting_approval', { type: 'approve', finalApproval: false }, ['manager', 'coordinator'], 'awaiting_approval'],
	['awaiting_approval', { type: 'decline' }, ['manager', 'coordinator'], 'declined'],
	['approved', { type: 'seat', seatFree: true }, ['system'], 'enrolled'],
	['approved', { type: 'seat', seatFree: false }, ['system'], 'waitlisted'],
	['waitlisted', { type: 'promote' }, ['system'], 'enrolled'],
	['awaiting_approval', { type: 'cancel' }, ['employee', 'manager', 'coordinator'], 'cancelled'],
	['approved', { type: 'cancel' }, ['employee', 'manager', 'coordinator'], 'cancelled'],
	['enrolled', { type: 'cancel' }, ['employee', 'manager', 'coordinator'], 'cancelled'],
	['waitlisted', { type: 'cancel' }, ['employee', 'manager', 'coordinator'], 'cancelled'],
	['enrolled', { type: 'move' }, ['coordinator'], 'approved'],
	['waitlisted', { type: 'move' }, ['coordinator'], 'approved'],
	['enrolled', { type: 'attend' }, ['coordinator', 'system'], 'attended'],
	['no_show', { type: 'attend' }, ['coordinator', 'system'], 'attended'],
	['enrolled', { type: 'no_show' }, ['coordinator', 'system'], 'no_show'],
	['attended', { type: 'no_show' }, ['coordinator', 'system'], 'no_show'],
	['enrolled', { type: 'complete' }, ['coordinator', 'system'], 'completed'],
	['attended', { type: 'complete' }, ['coordinator', 'system'], 'completed'],
	['enrolled', { type: 'complete_by_rule' }, ['system'], 'completed'],
	['attended', { type: 'complete_by_rule' }, ['system'], 'completed'],
	['no_show', { type: 'complete_by_rule' }, ['system'], 'completed'],
]

const EVENTS: EnrolmentEvent[] = [
	{ type: 'submit', needsApproval: true },
	{ type: 'approve', finalApproval: true },
	{ type: 'decline' },
	{ type: 'seat', seatFree: true },
	{ type: 'promote' },
	{ type: 'cancel' },
	{ type: 'move' },
	{ type: 'attend' },
	{ type: 'no_show' },
	{ type: 'complete' },
	{ type: 'complete_by_rule' },
]

describe('the enrolment state machine', () => {
	describe.each(LEGAL)('from %s on %o', (from, event, allowed, to) => {
		test.each(allowed)(`by %s leads to ${to}`, (actor) => {
			expect(transition(from, event, actor)).toEqual({ ok: true, value: to })
		})
		const forbidden = ACTORS.filter((actor) => !allowed.includes(actor))
		if (forbidden.length > 0) {
			test.each(forbidden)('is refused to %s', (actor) => {
				expect(transition(from, event, actor)).toEqual({ ok: false, code: 'ENROLMENT_ACTOR_NOT_ALLOWED' })
			})
		}
	})

	// Every (status, event) pair not in the legal list is refused, whoever asks.
	const illegal = ENROLMENT_STATUSES.flatMap((status) =>
		EVENTS.filter((event) => !LEGAL.some(([from, legal]) => from === status && legal.type === event.type)).map(
			(event) => [status, event.type, event] as const,
		),
	)
	test.each(illegal)('from %s, %s is not a transition', (status, _type, event) => {
		for (const actor of ACTORS) {
			expect(transition(status, event, actor)).toEqual({ ok: false, code: 'ENROLMENT_TRANSITION_NOT_ALLOWED' })
		}
	})

	test('a final status leaves nothing to do', () => {
		for (const status of ['declined', 'cancelled', 'completed'] as const) {
			for (const event of EVENTS) for (const actor of ACTORS) expect(transition(status, event, actor).ok).toBe(false)
		}
	})
})

describe('transitionActorFor', () => {
	const enrolment = { kind: 'enrolment', tenantId: 'unit-a', userId: 'emp', managerId: 'boss', providerTenantId: 'unit-b' } as const
	const person = (userId: string, grants: Actor['grants'] = [], tenantId = 'unit-a'): Actor => ({ userId, tenantId, grants })
	const employee = person('emp', [{ role: 'manager', tenantId: 'unit-a' }, { role: 'coordinator', tenantId: 'unit-a' }])
	const manager = person('boss', [{ role: 'manager', tenantId: 'unit-a' }])
	const otherManager = person('someone', [{ role: 'manager', tenantId: 'unit-a' }])
	const unitCoordinator = person('coord-a', [{ role: 'coordinator', tenantId: 'unit-a' }])
	const providerCoordinator = person('coord-b', [{ role: 'coordinator', tenantId: 'unit-b' }], 'unit-b')
	const stranger = person('coord-c', [{ role: 'coordinator', tenantId: 'unit-c' }], 'unit-c')

	test('the employee submits and cancels their own enrolment, but never approves it', () => {
		expect(transitionActorFor(employee, enrolment, 'submit')).toBe('employee')
		expect(transitionActorFor(employee, enrolment, 'cancel')).toBe('employee')
		expect(transitionActorFor(employee, enrolment, 'approve')).toBeNull()
		expect(transitionActorFor(employee, enrolment, 'decline')).toBeNull()
	})

	test("only the employee's own manager approves as manager; another manager of the unit does not", () => {
		expect(transitionActorFor(manager, enrolment, 'approve')).toBe('manager')
		expect(transitionActorFor(otherManager, enrolment, 'approve')).toBeNull()
		expect(transitionActorFor(otherManager, enrolment, 'cancel')).toBeNull()
	})

	test("the employee's unit coordinator approves; the providing unit's coordinator does not", () => {
		expect(transitionActorFor(unitCoordinator, enrolment, 'approve')).toBe('coordinator')
		expect(transitionActorFor(providerCoordinator, enrolment, 'approve')).toBeNull()
	})

	test('the providing unit registers attendance, moves and cancels; the employee unit does not register attendance', () => {
		for (const event of ['attend', 'no_show', 'move', 'complete', 'cancel'] as const) {
			expect(transitionActorFor(providerCoordinator, enrolment, event)).toBe('coordinator')
		}
		expect(transitionActorFor(unitCoordinator, enrolment, 'attend')).toBeNull()
	})

	test('a coordinator of an unrelated unit can do nothing', () => {
		for (const event of ['submit', 'approve', 'decline', 'cancel', 'move', 'attend', 'no_show', 'complete', 'complete_by_rule'] as const) {
			expect(transitionActorFor(stranger, enrolment, event)).toBeNull()
		}
	})

	test('only the portal completes by a blended programme\'s rule, never a person', () => {
		for (const actor of [providerCoordinator, unitCoordinator, manager]) expect(transitionActorFor(actor, enrolment, 'complete_by_rule')).toBeNull()
	})
})
