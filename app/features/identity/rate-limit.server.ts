import { hitRateLimit } from '@leerplein/db/identity'
import type { LeerpleinContext } from '../../load-context.ts'
import { throwFailure } from '../../core/http.server.ts'
import { refuse } from '../../core/service.server.ts'
import { auditVisitor } from './sign-in.server.ts'

/**
 * Guard for sensitive endpoints, at the top of their loader or action like `requirePermission`:
 * counts this request against the client address and answers 429 with Retry-After (and an audit
 * row) once the limit is reached (ADR 009).
 */
export async function requireWithinRateLimit(context: LeerpleinContext, limit: keyof LeerpleinContext['config']['rateLimits']) {
	const client = context.clientIp ?? 'unknown'
	const verdict = await hitRateLimit(context.db, { key: `${limit}:ip:${client}`, rule: context.config.rateLimits[limit], now: context.clock.now() })
	if (verdict.allowed) return
	await auditVisitor(context, null, { action: 'auth.sign_in', objectType: 'rate_limit', objectId: limit, result: 'denied' })
	throwFailure(refuse('rate_limited', 'RATE_LIMITED', { values: { seconds: verdict.retryAfterSeconds } }), { 'Retry-After': String(verdict.retryAfterSeconds) })
}
