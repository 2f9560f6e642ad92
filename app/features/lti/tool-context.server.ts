import { withTenantContext, withToolContext, type Database } from '@leerplein/db'
import { hitRateLimit } from '@leerplein/db/identity'
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

/**
 * A refusal's audit row, at most one per `key` and window: a tool (or someone posing as one) that
 * keeps sending what is refused leaves one row a minute, not one per request.
 */
export async function auditDenial(
	context: ServiceContext,
	key: string,
	entry: { action: string; objectType: string; objectId: string | null; after: Record<string, unknown> },
	windowSeconds = 60,
): Promise<void> {
	const first = await hitRateLimit(context.db, { key: `audit:${key}`, rule: { maxHits: 1, windowSeconds }, now: context.clock.now() })
	if (!first.allowed) return
	await auditApart(context, null, { ...entry, result: 'denied', after: { ...entry.after, collapsed: `further refusals like this within ${windowSeconds} s are not written one by one` } })
}
