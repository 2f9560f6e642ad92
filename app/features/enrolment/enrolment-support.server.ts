import { randomUUID } from 'node:crypto'
import { errorCode, type Database } from '@leerplein/db'
import { committedBudget, listUnitCoordinators, nextQueueNumber, promoteWaitlist, type SessionLock } from '@leerplein/db/enrolment'
import { enqueueMail, type EnrolmentMailJob, type MailKind } from '@leerplein/db/jobs'
import { getConcernPoDefaults } from '@leerplein/db/po-rules'
import {
	can,
	effectivePoSettings,
	enrolmentRules,
	remainingBudget,
	seatIsFreeFor,
	transition,
	transitionActorFor,
	type Action,
	type Actor,
	type EnrolmentEvent,
	type EnrolmentEventType,
	type EnrolmentRules,
	type EnrolmentStatus,
	type PoOverrides,
	type Resource,
	type TransitionActor,
} from '@leerplein/domain'
import type { ErrorCode } from '../../core/error-codes.ts'
import { inTenant, orRefuse, refuse, refusal, type Failure, type FailureKind, type ServiceContext, type ServiceResult, type TenantScope } from '../../core/service.server.ts'

// What the enrolment and session services share inside their transaction: the rules of the two
// units, who the actor is in a transition, seating under the session lock, and notifications
// enqueued in the same transaction. None of these is a service verb.

// po-rules still names the context through this module; it is core's contract, re-exported until po-rules imports it from core.
export type { ServiceContext }

/**
 * One enrolment change: `inTenant`, retried on a serialization failure or deadlock. Two submits
 * of the same form racing past the check are decided by the unique index: the second is a conflict.
 */
export async function inEnrolmentTransaction<T>(ctx: ServiceContext, scope: TenantScope, work: (tx: Database) => Promise<T>): Promise<ServiceResult<T>> {
	try {
		return await inTenant(ctx, scope, work, { retry: true })
	} catch (error) {
		if (errorCode(error) === '23505') return refuse('conflict', 'ENROLMENT_ALREADY_EXISTS', { field: 'sessionId' })
		throw error
	}
}

type EnrolmentRow = { tenantId: string; userId: string; managerId: string | null; providerTenantId: string }

/** The enrolment as `can()` sees it. */
export function enrolmentResource({ tenantId, userId, managerId, providerTenantId }: EnrolmentRow): Extract<Resource, { kind: 'enrolment' }> {
	return { kind: 'enrolment', tenantId, userId, managerId, providerTenantId }
}

/**
 * Who the actor is in this transition (employee, manager, coordinator): allowed by `can()`, and
 * a role the state machine knows for the event; otherwise the refusal (in the transaction, so it rolls back).
 */
export function actingAs(
	actor: Actor,
	enrolment: EnrolmentRow,
	action: Action,
	event: EnrolmentEventType,
	{ kind = 'forbidden', code = 'FORBIDDEN', field }: { kind?: FailureKind; code?: ErrorCode; field?: string } = {},
): TransitionActor {
	const resource = enrolmentResource(enrolment)
	const by = can(actor, action, resource) ? transitionActorFor(actor, resource, event) : null
	if (!by) throw refusal(kind, code, field ? { field } : {})
	return by
}

/** The rules of the employee's unit and the providing unit: the stored concern defaults with each unit's overrides on top. */
export async function rulesOf(tx: Database, employeeOverrides: PoOverrides, providerOverrides: PoOverrides): Promise<EnrolmentRules> {
	const defaults = await getConcernPoDefaults(tx)
	return enrolmentRules(effectivePoSettings(defaults, employeeOverrides), effectivePoSettings(defaults, providerOverrides))
}

/** Applies a domain transition or throws its refusal (a conflict: the enrolment is in another state). */
export function next(status: EnrolmentStatus, event: EnrolmentEvent, by: TransitionActor, details: Pick<Failure, 'field'> = {}): EnrolmentStatus {
	return orRefuse(transition(status, event, by), 'conflict', details)
}

export function lockOrRefuse(lock: SessionLock | null): SessionLock {
	if (!lock) throw refusal('not_found', 'SESSION_NOT_FOUND')
	return lock
}

/** Re-checked under the lock: the session may have been cancelled while we were deciding. */
export function refuseUnlessOpen(lock: Pick<SessionLock, 'status' | 'startsAt'>, now: Date) {
	if (lock.status === 'cancelled') throw refusal('conflict', 'SESSION_CANCELLED')
	if (lock.startsAt.getTime() <= now.getTime()) throw refusal('conflict', 'SESSION_STARTED')
}

/**
 * Seats an approved enrolment under the session lock (which the caller holds): a free seat if
 * nobody waits ahead, else the waitlist, both in arrival order.
 */
export async function seatApproved(tx: Database, lock: SessionLock): Promise<{ status: EnrolmentStatus; queueNumber: number }> {
	const status = next('approved', { type: 'seat', seatFree: seatIsFreeFor(lock.capacity, lock.seatsTaken, lock.waiting) }, 'system')
	return { status, queueNumber: await nextQueueNumber(tx) }
}

/** Fills freed seats from the waitlist and tells the promoted people, in the caller's transaction. */
export async function promoteAndNotify(tx: Database, sessionId: string): Promise<string[]> {
	const promoted = await promoteWaitlist(tx, { sessionId })
	for (const person of promoted) {
		await notify(tx, 'enrolment_promoted', { tenantId: person.tenantId, enrolmentId: person.enrolmentId })
	}
	return promoted.map((person) => person.enrolmentId)
}

/** Enqueues a notification in the business transaction; the key makes the send idempotent. */
export async function notify(
	tx: Database,
	kind: MailKind,
	target: { tenantId: string; enrolmentId: string; recipientUserId?: string } & Pick<EnrolmentMailJob, 'changeId' | 'fromSessionId'>,
) {
	await enqueueMail(tx, { kind, ...target, messageKey: `${kind}:${target.enrolmentId}:${randomUUID()}` })
}

/** Asks the unit's coordinators for the coordinator's approval step, in the caller's transaction. */
export async function requestCoordinatorApproval(tx: Database, { tenantId, enrolmentId }: { tenantId: string; enrolmentId: string }) {
	for (const coordinator of await listUnitCoordinators(tx, { tenantId })) {
		await notify(tx, 'approval_requested', { tenantId, enrolmentId, recipientUserId: coordinator.userId })
	}
}

export type BudgetOfYear = { year: number; totalCents: number; remainingCents: number }

/**
 * The employee's learning budget in each of `years` (ascending, once each): the unit's yearly
 * budget minus what the ledger holds for that year. Remaining may be negative where the unit
 * allows going over.
 */
export async function budgetsOfYears(tx: Database, { userId, yearlyBudgetCents, years }: { userId: string; yearlyBudgetCents: number; years: Iterable<number> }): Promise<BudgetOfYear[]> {
	const budgets: BudgetOfYear[] = []
	for (const year of [...new Set(years)].sort()) {
		budgets.push({ year, totalCents: yearlyBudgetCents, remainingCents: remainingBudget(yearlyBudgetCents, await committedBudget(tx, { userId, year })) })
	}
	return budgets
}
