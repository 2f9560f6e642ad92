import { withTenantContext, withToolContext, type Database } from '@leerplein/db'
import { recordDenial } from '@leerplein/db/audit'
import type { LtiTool } from '@leerplein/db/lti'
import { audit, ServiceError, succeed, type AuditInput, type ServiceContext, type ServiceResult, type TenantScope } from '../../core/service.server.ts'

// Who a tool is when it calls Leerplein, and the transactions it runs in (ADR 014). The guards in
// service-auth.server.ts hand these callers to the services as their `actor`.

/**
 * A tool allowed to act on one course (a bearer access token): it acts in the unit providing the
 * course, as no person, so it is a TenantScope.
 */
export type ToolAccess = { tenantId: string; userId: null; tool: LtiTool; toolId: string; courseId: string; scopes: string[]; issuer: string }

/**
 * A tool that proved who it is with a JWT it signed (a client assertion, a Deep Linking response),
 * before any course says which unit it acts for.
 */
export type ToolCaller = { tenantId: null; userId: null; tool: LtiTool }

/** Whoever holds a one-time registration token: the tool registering itself (Dynamic Registration). */
export type RegistrationHolder = { tenantId: null; userId: null; registrationToken: string }

/**
 * One transaction as the tool in its course's unit, with `app.lti_tool_id` set so row-level
 * security keeps it to its own line items, results and resource links. A refusal thrown inside
 * rolls it back and becomes the result, as with `inTenant`.
 */
export async function inToolContext<T>(ctx: Pick<ServiceContext, 'db'>, actor: ToolAccess, work: (tx: Database) => Promise<T>): Promise<ServiceResult<T>> {
	try {
		return succeed(await withToolContext(ctx.db, { tenantId: actor.tenantId, toolId: actor.toolId }, work))
	} catch (error) {
		if (error instanceof ServiceError) return error.failure
		throw error
	}
}

/**
 * An audit row in a transaction of its own, in the actor's unit (none for a tool or a system): for
 * refusals, whose trail must stay although nothing else is written, and for callers of no unit.
 */
export async function auditApart(ctx: ServiceContext, actor: TenantScope | null, entry: Omit<AuditInput, 'actor'>): Promise<void> {
	await withTenantContext(ctx.db, { tenantId: actor?.tenantId ?? null, userId: actor?.userId ?? null }, (tx) => audit(ctx, tx, { ...entry, actor }))
}

/** A refused call: what was asked, why it was refused (a reason code, never a secret), and of which tool, where known. */
export type Denial = {
	action: string
	objectType: string
	objectId: string | null
	after: { reason: string } & Record<string, unknown>
	/** A person whose own request was refused (a launch); none for a tool or an unknown caller. */
	actor?: TenantScope | null
}

/**
 * A refused call's trail: a warning in the log for each, and one audit row per `key` and window
 * that counts them (first and last seen, audit_record_denial): a tool, or someone posing as one,
 * that keeps sending what is refused leaves one row a minute with its count, not one per request.
 */
export async function auditDenial(context: ServiceContext, key: string, denial: Denial, windowSeconds = 60): Promise<void> {
	const actor = denial.actor ?? null
	const scope = { tenantId: actor?.tenantId ?? null, userId: actor?.userId ?? null }
	const occurrences = await withTenantContext(context.db, scope, (tx) =>
		recordDenial(tx, {
			key,
			windowSeconds,
			at: context.clock.now(),
			tenantId: scope.tenantId,
			actorUserId: scope.userId,
			action: denial.action,
			objectType: denial.objectType,
			objectId: denial.objectId,
			origin: context.clientIp,
			requestId: context.requestId,
			after: denial.after,
		}),
	)
	context.logger.warn({ action: denial.action, objectType: denial.objectType, objectId: denial.objectId, ...denial.after, occurrences }, `${denial.action} refused: ${denial.after.reason}`)
}

/**
 * A tool's refused call, or a call from someone posing as one: audited and logged by action, tool
 * (or the client id the call named, unverified), reason code and detail; the collapse key is the same four.
 */
export async function auditToolDenial(
	context: ServiceContext,
	{ action, tool, clientId, reason, detail, actor }: { action: string; tool?: Pick<LtiTool, 'id' | 'clientId'> | null; clientId?: string | null; reason: string; detail?: string; actor?: TenantScope | null },
): Promise<void> {
	const named = tool?.clientId ?? clientId?.slice(0, 200) ?? null
	// The detail is part of what makes two refusals the same: a bad signature and an expired assertion are counted apart.
	await auditDenial(context, `${action}:${tool?.id ?? named ?? 'anonymous'}:${reason}${detail ? `:${detail.slice(0, 200)}` : ''}`, {
		action,
		objectType: 'lti_tool',
		objectId: tool?.id ?? null,
		actor,
		after: { reason, ...(named ? { clientId: named } : {}), ...(detail ? { detail: detail.slice(0, 500) } : {}) },
	})
}
