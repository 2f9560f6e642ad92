import { retryOnConflict, withTenantContext, type Database } from '@leerplein/db'
import { writeAudit } from '@leerplein/db/audit'
import type { Actor } from '@leerplein/domain'
import type { Logger } from 'pino'
import type { Clock } from './clock.ts'
import type { ErrorCode } from './error-codes.ts'

// The one service contract (ADR 021): every service verb is
//   verb(ctx: ServiceContext, input: { actor, …keys }): Promise<ServiceResult<T>>
// It authorises with the domain's can(), loads, calls a domain rule, persists and audits inside one
// transaction, and returns a value or a Failure. Routes turn a Failure into a status and a message
// through core/http.server.ts, in one place.

/** What every service receives; the portal's load context is one (load-context.ts), and so is a job's. */
export type ServiceContext = {
	db: Database
	logger: Logger
	clock: Clock
	/** The request or job that caused the work; written to the audit log. */
	requestId: string | null
	/** The client's address as the trusted proxy reports it; written to the audit log. */
	clientIp: string | null
	/** The portal's settings, where a request brings them (LeerpleinContext): the public address names xAPI activities and accounts. */
	config?: { publicOrigin: string }
}

export type { Actor }

/**
 * Why a service refused. The kind decides the HTTP status (core/http.server.ts); the code decides
 * the message; `field` puts the message beside a form field instead of above the form.
 */
export type FailureKind = 'invalid' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited' | 'unavailable'

export type Failure = {
	ok: false
	kind: FailureKind
	code: ErrorCode
	field?: string
	values?: Record<string, string | number>
}

export type ServiceResult<T> = { ok: true; value: T } | Failure

export function succeed<T>(value: T): { ok: true; value: T } {
	return { ok: true, value }
}

export function refuse(kind: FailureKind, code: ErrorCode, details: Pick<Failure, 'field' | 'values'> = {}): Failure {
	return { ok: false, kind, code, ...details }
}

/** Thrown inside a transaction to roll all of it back; `inTenant` returns its failure. */
export class ServiceError extends Error {
	constructor(readonly failure: Failure) {
		super(failure.code)
		this.name = 'ServiceError'
	}
}

/** `throw refusal('not_found', 'SESSION_NOT_FOUND')` inside a transaction. */
export function refusal(kind: FailureKind, code: ErrorCode, details: Pick<Failure, 'field' | 'values'> = {}): ServiceError {
	return new ServiceError(refuse(kind, code, details))
}

/**
 * A domain rule's `{ ok: false, code }` as a failure of the given kind. Domain codes are error codes
 * (a code the catalogue does not translate fails the type check here).
 */
export function fromRule<T, Code extends ErrorCode>(
	result: { ok: true; value: T } | { ok: false; code: Code },
	kind: FailureKind,
	details: Pick<Failure, 'field' | 'values'> = {},
): ServiceResult<T> {
	return result.ok ? result : refuse(kind, result.code, details)
}

/** Unwraps a domain rule's result inside a transaction, throwing its refusal (which rolls back). */
export function orRefuse<T, Code extends ErrorCode>(result: { ok: true; value: T } | { ok: false; code: Code }, kind: FailureKind, details: Pick<Failure, 'field' | 'values'> = {}): T {
	if (!result.ok) throw refusal(kind, result.code, details)
	return result.value
}

/** Who the work runs as: a signed-in actor, or a unit with no person (a job, a tool). */
export type TenantScope = Pick<Actor, 'tenantId'> & { userId: string | null }

/**
 * One transaction in the actor's unit (row-level security sees its tenant context). A
 * `ServiceError` thrown anywhere inside rolls everything back and becomes the result; with
 * `retry`, a serialization failure or deadlock runs the work again; `readOnly` (a page that only
 * reads): the transaction can write nothing, and skips the passport settle step's statement.
 */
export async function inTenant<T>(
	ctx: Pick<ServiceContext, 'db'> & Partial<Pick<ServiceContext, 'clock'>>,
	scope: TenantScope,
	work: (tx: Database) => Promise<T>,
	{ retry = false, readOnly = false }: { retry?: boolean; readOnly?: boolean } = {},
): Promise<ServiceResult<T>> {
	// The clock also names the day passports recomputed in this transaction are computed for.
	const run = () => withTenantContext(ctx.db, { tenantId: scope.tenantId, userId: scope.userId, now: ctx.clock?.now(), readOnly }, work)
	try {
		return succeed(await (retry ? retryOnConflict(run) : run()))
	} catch (error) {
		if (error instanceof ServiceError) return error.failure
		throw error
	}
}

export type AuditInput = {
	/** Who acted; null for a visitor or a system (a failed sign-in, a tool). */
	actor: TenantScope | null
	/** The unit whose trail holds the entry; by default the actor's (null: the concern's). */
	tenantId?: string | null
	action: string
	objectType: string
	objectId?: string | null
	result?: 'success' | 'denied' | 'failed'
	before?: unknown
	after?: unknown
}

/** Appends to the audit log with the request's id and client address. Never pass a token or secret. */
export async function audit(ctx: Pick<ServiceContext, 'requestId' | 'clientIp'>, tx: Database, entry: AuditInput): Promise<void> {
	await writeAudit(tx, {
		tenantId: entry.tenantId !== undefined ? entry.tenantId : (entry.actor?.tenantId ?? null),
		actorUserId: entry.actor?.userId ?? null,
		action: entry.action,
		objectType: entry.objectType,
		objectId: entry.objectId ?? null,
		result: entry.result ?? 'success',
		origin: ctx.clientIp,
		requestId: ctx.requestId,
		before: entry.before ?? null,
		after: entry.after ?? null,
	})
}
