import { randomUUID } from 'node:crypto'
import {
	enqueueMail,
	errorCode,
	getConcernPoDefaults,
	insertEnrolment,
	listUnitCoordinators,
	lockSessionForEnrolment,
	nextQueueNumber,
	promoteWaitlist,
	retryOnConflict,
	updateEnrolment,
	withTenantContext,
	writeAudit,
	type Database,
	type MailKind,
	type SessionLock,
} from '@leerplein/db'
import {
	effectivePoSettings,
	enrolmentRules,
	seatIsFreeFor,
	transition,
	type EnrolmentRules,
	type EnrolmentStatus,
	type PoOverrides,
	type Result,
} from '@leerplein/domain'
import type { LeerpleinContext } from '../../load-context.ts'
import type { ErrorCode } from '../../core/error-codes.ts'

// What the enrolment services share: one transaction shape, the rules of the two units, seating
// under the session lock, and notifications enqueued in the same transaction.

export type ServiceContext = Pick<LeerpleinContext, 'db' | 'requestId' | 'clientIp'>

/** A refusal the UI shows next to the form: an error-message key and the HTTP status it maps to. */
export type Refusal = { code: ErrorCode; status: 400 | 403 | 404 | 409 }
export type ServiceResult<T> = Result<T, Refusal['code']> & { status?: Refusal['status'] }

export const refuse = (code: ErrorCode, status: Refusal['status'] = 400) => ({ ok: false as const, code, status })

/** Thrown inside a transaction to roll it back and return the refusal. */
export class RefusalError extends Error {
	constructor(readonly refusal: { ok: false; code: ErrorCode; status: Refusal['status'] }) {
		super(refusal.code)
	}
}

/**
 * One enrolment change: a transaction in the actor's unit, retried on a serialization failure
 * or deadlock, with a refusal thrown anywhere inside rolling everything back.
 */
export async function inEnrolmentTransaction<T>(
	{ db }: ServiceContext,
	actor: { tenantId: string; userId: string | null },
	work: (tx: Database) => Promise<T>,
): Promise<ServiceResult<T>> {
	try {
		const value = await retryOnConflict(() => withTenantContext(db, { tenantId: actor.tenantId, userId: actor.userId }, work))
		return { ok: true, value }
	} catch (error) {
		if (error instanceof RefusalError) return error.refusal
		// Two submits of the same form racing past the check: the unique index decides.
		if (errorCode(error) === '23505') return refuse('ENROLMENT_ALREADY_EXISTS', 409)
		throw error
	}
}

/** The rules of the employee's unit and the providing unit: the stored concern defaults with each unit's overrides on top. */
export async function rulesOf(tx: Database, employeeOverrides: PoOverrides, providerOverrides: PoOverrides): Promise<EnrolmentRules> {
	const defaults = await getConcernPoDefaults(tx)
	return enrolmentRules(effectivePoSettings(defaults, employeeOverrides), effectivePoSettings(defaults, providerOverrides))
}

/** Applies a domain transition or throws its refusal. */
export function next(status: EnrolmentStatus, ...args: Parameters<typeof transition> extends [unknown, ...infer Rest] ? Rest : never): EnrolmentStatus {
	const result = transition(status, ...args)
	if (!result.ok) throw new RefusalError(refuse(result.code, 409))
	return result.value
}

export function lockOrRefuse(lock: SessionLock | null): SessionLock {
	if (!lock) throw new RefusalError(refuse('SESSION_NOT_FOUND', 404))
	return lock
}

/** Re-checked under the lock: the session may have been cancelled while we were deciding. */
export function refuseUnlessOpen(lock: Pick<SessionLock, 'status' | 'startsAt'>, now: Date) {
	if (lock.status === 'cancelled') throw new RefusalError(refuse('SESSION_CANCELLED', 409))
	if (lock.startsAt.getTime() <= now.getTime()) throw new RefusalError(refuse('SESSION_STARTED', 409))
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
export async function notify(tx: Database, kind: MailKind, target: { tenantId: string; enrolmentId: string; recipientUserId?: string }) {
	await enqueueMail(tx, { kind, ...target, messageKey: `${kind}:${target.enrolmentId}:${randomUUID()}` })
}

/** Asks the unit's coordinators for the coordinator's approval step, in the caller's transaction. */
export async function requestCoordinatorApproval(tx: Database, { tenantId, enrolmentId }: { tenantId: string; enrolmentId: string }) {
	for (const coordinator of await listUnitCoordinators(tx, { tenantId })) {
		await notify(tx, 'approval_requested', { tenantId, enrolmentId, recipientUserId: coordinator.userId })
	}
}

export async function audit(
	tx: Database,
	ctx: ServiceContext,
	entry: { tenantId: string; actorUserId: string; action: string; objectId: string; before?: unknown; after?: unknown },
) {
	await writeAudit(tx, {
		tenantId: entry.tenantId,
		actorUserId: entry.actorUserId,
		action: entry.action,
		objectType: 'enrolment',
		objectId: entry.objectId,
		result: 'success',
		origin: ctx.clientIp,
		requestId: ctx.requestId,
		before: entry.before ?? null,
		after: entry.after ?? null,
	})
}

export { insertEnrolment, lockSessionForEnrolment, updateEnrolment }
