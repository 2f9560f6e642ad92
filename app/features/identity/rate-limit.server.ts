import { data } from '@remix-run/node'
import { hitRateLimit, withTenantContext, writeAudit } from '@leerplein/db'
import type { LeerpleinContext } from '../../load-context.ts'
import type { ErrorBody } from '../../core/http.server.ts'

/**
 * Guard for sensitive endpoints: counts this request against the client address and answers
 * 429 with Retry-After (and an audit row) once the limit is reached (ADR 009).
 */
export async function requireWithinRateLimit(context: LeerpleinContext, limit: keyof LeerpleinContext['config']['rateLimits']) {
	const client = context.clientIp ?? 'unknown'
	const verdict = await hitRateLimit(context.db, { key: `${limit}:ip:${client}`, rule: context.config.rateLimits[limit], now: context.clock.now() })
	if (verdict.allowed) return
	await withTenantContext(context.db, { tenantId: null, userId: null }, (tx) =>
		writeAudit(tx, {
			action: 'auth.sign_in',
			objectType: 'rate_limit',
			objectId: limit,
			result: 'denied',
			origin: context.clientIp,
			requestId: context.requestId,
		}),
	)
	throw data<ErrorBody>(
		{ messageKey: 'RATE_LIMITED', values: { seconds: verdict.retryAfterSeconds } },
		{ status: 429, headers: { 'Retry-After': String(verdict.retryAfterSeconds) } },
	)
}
