import type { Database } from '@leerplein/db'
import { getLtiTool, getToolAccess, useToolTokenId, type LtiTool } from '@leerplein/db/lti'
import { isUuid, scopesCover, type LtiScope } from '@leerplein/domain'
import {
	ACCESS_TOKEN_LIFETIME_SECONDS,
	LtiJwtError,
	readAccessToken,
	tokenRequestSchema,
	unverifiedIssuer,
	verifyClientAssertion,
	verifyDeepLinkingResponse,
	type AccessToken,
	type DeepLinkingResponse,
	type JWK,
	type RemoteKeySet,
	type ToolKeySource,
} from '@leerplein/moodle'
import { decodeJwt, decodeProtectedHeader } from 'jose'
import { hitRateLimit } from '@leerplein/db/identity'
import { createCache } from '../../core/cache.server.ts'
import { outboundGuard } from '../../core/outbound.server.ts'
import type { ErrorCode } from '../../core/error-codes.ts'
import { readForm } from '../../core/form.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'
import { LTI_PATHS, platformIssuer, platformPublicKeys } from './platform.server.ts'
import { deepLinkingRefused, methodNotAllowed, serviceError } from './tool-answers.server.ts'
import { auditDenial, auditToolDenial, type RegistrationHolder, type ToolAccess, type ToolCaller } from './tool-context.server.ts'

// The guards of the tool-facing LTI routes, one per kind of credential a tool presents. Each is
// the first statement of its route's loader and action (as requirePermission is for people), and
// answers in the protocol's own format (tool-answers.server.ts):
//
// - requireToolAccess: a bearer access token from our token endpoint (AGS, NRPS);
// - requireToolAssertion: a client assertion the tool signed (the token endpoint, RFC 7523);
// - requireToolDeepLinkingResponse: a Deep Linking response the tool signed;
// - requireToolRegistrationToken: the one-time registration token (Dynamic Registration).

export type { ToolAccess, ToolCaller }

const bearerChallenge = (error: string) => ({ 'WWW-Authenticate': `Bearer error="${error}"` })

function requireMethod(request: Request, allowed: readonly string[]): void {
	if (!allowed.includes(request.method)) throw methodNotAllowed(allowed)
}

/**
 * The guard of every LTI service endpoint: a bearer token Leerplein issued, still valid, with one
 * of the scopes the endpoint accepts, of an active tool that serves this course (it has a resource
 * linked there). Another tool's course answers 404, so course ids cannot be probed. With `methods`,
 * any other method is answered 405 first.
 */
export async function requireToolAccess(
	request: Request,
	context: LeerpleinContext,
	{ courseId, anyOf, methods }: { courseId: string | undefined; anyOf: readonly LtiScope[]; methods?: readonly string[] },
): Promise<ToolAccess> {
	if (methods) requireMethod(request, methods)
	const action = anyOf.some((scope) => scope.includes('/lti-nrps/')) ? 'lti.nrps' : 'lti.ags'
	// Every refusal below leaves its trail (a log line, a counted audit row) before it is answered.
	const refused = async (answer: Response, reason: string, tool: LtiTool | null = null): Promise<Response> => {
		await auditToolDenial(context, { action, tool, reason })
		return answer
	}
	const header = request.headers.get('authorization') ?? ''
	const match = /^Bearer\s+(\S+)$/i.exec(header)
	if (!match) throw await refused(serviceError(401, 'invalid_token', 'a bearer access token from the token endpoint is required', bearerChallenge('invalid_token')), 'missing_token')
	const token = match[1]!
	const issuer = platformIssuer(context)
	const now = context.clock.now()
	let keys = await platformPublicKeys(context.db)
	// A key rotated in by another process since our last read: read the keys once more.
	if (!keys.some((key) => key.kid === kidOf(token))) keys = await platformPublicKeys(context.db, { refresh: true })
	const access = await readVerifiedAccessToken(token, keys, { issuer, now })
	if (!access) throw await refused(serviceError(401, 'invalid_token', 'the access token is invalid or has expired', bearerChallenge('invalid_token')), 'invalid_token')
	const found = await toolAccessOf(context.db, { toolId: access.toolId, courseId: isUuid(courseId) ? courseId : null })
	if (!found) throw await refused(serviceError(401, 'invalid_token', 'the tool of this token is no longer registered', bearerChallenge('invalid_token')), 'tool_unknown')
	// The token proves who is calling (Leerplein signed it for this tool): a deactivated tool may be told so.
	if (!found.tool.active) throw await refused(serviceError(401, 'invalid_token', 'this tool is deactivated in Leerplein; ask its concern administrator', bearerChallenge('invalid_token')), 'tool_deactivated', found.tool)
	if (!scopesCover(access.scopes, anyOf))
		throw await refused(serviceError(403, 'insufficient_scope', `this endpoint needs one of: ${anyOf.join(' ')}`, bearerChallenge('insufficient_scope')), 'insufficient_scope', found.tool)
	if (!isUuid(courseId) || !found.providerTenantId) throw await refused(serviceError(404, 'not_found', 'no such context for this tool'), 'context_not_found', found.tool)
	return { tenantId: found.providerTenantId, userId: null, tool: found.tool, toolId: found.tool.id, courseId, scopes: access.scopes, issuer }
}

/**
 * The token endpoint's guard: client credentials with a JWT client assertion the tool signed
 * (RFC 7523), posted as a form. The assertion's `jti` is recorded so it never serves twice; a
 * refused assertion of a known tool is audited. Answers are OAuth 2.0's (RFC 6749 §5.2).
 */
export async function requireToolAssertion(request: Request, context: LeerpleinContext): Promise<{ actor: ToolCaller; scopes: string[]; issuer: string }> {
	requireMethod(request, ['POST'])
	// Every refusal leaves its trail (a log line, a counted audit row); never the assertion itself.
	const refused = async (answer: Response, reason: string, { tool = null, clientId = null, detail }: { tool?: LtiTool | null; clientId?: string | null; detail?: string } = {}) => {
		await auditToolDenial(context, { action: 'lti.token', tool, clientId, reason, detail })
		return answer
	}
	const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim()
	if (type !== 'application/x-www-form-urlencoded') throw await refused(serviceError(400, 'invalid_request', 'send application/x-www-form-urlencoded'), 'invalid_request', { detail: 'content type' })
	// OAuth's own form reading: its errors are JSON for the tool, not the portal's form errors.
	const form = Object.fromEntries(new URLSearchParams(await request.text()))
	if (form.grant_type !== undefined && form.grant_type !== 'client_credentials')
		throw await refused(serviceError(400, 'unsupported_grant_type', 'only client_credentials is supported'), 'unsupported_grant_type')
	const parsed = tokenRequestSchema.safeParse(form)
	if (!parsed.success) {
		const fields = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')
		throw await refused(serviceError(400, 'invalid_request', `missing or invalid: ${fields}`), 'invalid_request', { detail: `missing or invalid: ${fields}` })
	}
	const clientId = unverifiedIssuer(parsed.data.client_assertion)
	await requireWithinLtiRateLimit(context, 'token', { clientId })
	const tool = clientId ? await getLtiTool(context.db, { clientId }) : null
	// One answer for every client that could not be verified — unknown, a key set that could not be
	// fetched, not JSON or without the key, a bad signature, a replay — so the answer never tells
	// what is at a key-set address (ADR 025). The log and the audit row keep the reason.
	if (!tool) throw await refused(unverifiedClient(), 'invalid_client', { clientId, detail: 'unknown client id' })
	const issuer = platformIssuer(context)
	let assertion: { jti: string; expiresAt: Date }
	try {
		assertion = await verifyClientAssertion(parsed.data.client_assertion, keySourceOf(tool), { clientId: tool.clientId, tokenEndpoint: `${issuer}${LTI_PATHS.token}`, now: context.clock.now() })
	} catch (error) {
		if (error instanceof LtiJwtError) throw await refused(unverifiedClient(), 'invalid_client', { tool, detail: `client assertion refused: ${error.code}` })
		throw error
	}
	// Signed with the tool's own keys: only the tool itself learns that it is switched off.
	if (!tool.active) throw await refused(deactivatedClient(), 'tool_deactivated', { tool })
	if (!(await useToolTokenId(context.db, { toolId: tool.id, tokenId: `jti:${assertion.jti}`, expiresAt: assertion.expiresAt })))
		throw await refused(unverifiedClient(), 'invalid_client', { tool, detail: 'client assertion refused: jti already used' })
	return { actor: { tenantId: null, userId: null, tool }, scopes: parsed.data.scope.split(' ').filter(Boolean), issuer }
}

/**
 * The Deep Linking return's guard: the tool's LtiDeepLinkingResponse, a cross-site form post
 * without Leerplein's cookie, authenticated by the tool's signature (and, in the service, by the
 * one-time `data` Leerplein issued with the request). Refusals go to a page that explains them.
 */
export async function requireToolDeepLinkingResponse(request: Request, context: LeerpleinContext): Promise<{ actor: ToolCaller; response: DeepLinkingResponse }> {
	// Only ever posted by a tool; anything else finds nothing here.
	if (request.method !== 'POST') throw new Response('Not found', { status: 404 })
	const refused = async (code: ErrorCode, reason: string, { tool = null, clientId = null }: { tool?: LtiTool | null; clientId?: string | null } = {}) => {
		await auditToolDenial(context, { action: 'lti.deep_linking_response', tool, clientId, reason })
		return deepLinkingRefused(code)
	}
	const jwt = (await readForm(request)).get('JWT')
	if (typeof jwt !== 'string' || !jwt) throw await refused('LTI_DEEP_LINKING_INVALID', 'missing_jwt')
	const clientId = unverifiedIssuer(jwt)
	await requireWithinLtiRateLimit(context, 'deep_linking', { clientId })
	const tool = clientId ? await getLtiTool(context.db, { clientId }) : null
	if (!tool) throw await refused('LTI_DEEP_LINKING_UNKNOWN_TOOL', 'unknown_client', { clientId })
	let response: DeepLinkingResponse
	try {
		response = await verifyDeepLinkingResponse(jwt, keySourceOf(tool), { clientId: tool.clientId, platformIssuer: platformIssuer(context), now: context.clock.now() })
	} catch (error) {
		if (!(error instanceof LtiJwtError)) throw error
		throw await refused(error.code === 'EXPIRED' || error.code === 'NOT_YET_VALID' ? 'LTI_DEEP_LINKING_EXPIRED' : 'LTI_DEEP_LINKING_SIGNATURE', error.code, { tool })
	}
	// Signed by the tool itself: the coordinator may learn that the tool has been switched off.
	if (!tool.active) throw await refused('LTI_TOOL_DEACTIVATED', 'tool_deactivated', { tool })
	return { actor: { tenantId: null, userId: null, tool }, response }
}

/**
 * Dynamic Registration's guard: the one-time registration token as bearer. Whether it is valid
 * is decided when it is spent, in the same step that stores the tool (registerLtiToolDynamically).
 */
// Async like every other guard, so a route opens with `await` whichever guard it uses.
export async function requireToolRegistrationToken(request: Request, context: LeerpleinContext): Promise<RegistrationHolder> {
	const holder = registrationTokenOf(request)
	// Before the token is looked up (and spent), as the token endpoint's guard does: guessing is rate-limited too.
	await requireWithinLtiRateLimit(context, 'register')
	if (!holder) {
		await auditToolDenial(context, { action: 'lti.register', reason: 'missing_token' })
		throw serviceError(401, 'invalid_token', 'a registration token is required as bearer')
	}
	return holder
}

/** The guard's reading of the request, without the rate limit: POST only, the token as bearer. */
export function registrationTokenOf(request: Request): RegistrationHolder | null {
	requireMethod(request, ['POST'])
	const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1]
	return bearer ? { tenantId: null, userId: null, registrationToken: bearer } : null
}

const unverifiedClient = () => serviceError(401, 'invalid_client', 'the client could not be verified')
// RFC 6749 §5.2: the client is authenticated but may not use this grant; the description says why.
const deactivatedClient = () => serviceError(400, 'unauthorized_client', 'this tool is deactivated in Leerplein; ask its concern administrator to activate it')

/**
 * The rate limit of the tool-facing machine endpoints (token, Deep Linking return, Dynamic
 * Registration): per client address and, when the request names one, per client id, counted in
 * PostgreSQL like sign-in (ADR 009, ADR 025). Over the limit: 429 with Retry-After as OAuth JSON
 * for the token endpoint and registration; the Deep Linking return (a browser posts it) goes, as
 * with its other refusals, to the explanation page, which answers 429 with Retry-After. The
 * refusals of one key and window leave one audit row.
 */
export async function requireWithinLtiRateLimit(
	context: LeerpleinContext,
	endpoint: 'token' | 'deep_linking' | 'register',
	{ clientId }: { clientId: string | null } = { clientId: null },
): Promise<void> {
	const now = context.clock.now()
	const keys = [
		{ key: `lti.${endpoint}:ip:${context.clientIp ?? 'unknown'}`, rule: context.config.rateLimits.ltiAddress },
		...(clientId ? [{ key: `lti.${endpoint}:client:${clientId.slice(0, 200)}`, rule: context.config.rateLimits.ltiClient }] : []),
	]
	for (const { key, rule } of keys) {
		const verdict = await hitRateLimit(context.db, { key, rule, now })
		if (verdict.allowed) continue
		await auditDenial(context, key, { action: `lti.${endpoint}`, objectType: 'rate_limit', objectId: null, after: { reason: 'rate_limited', key } }, rule.windowSeconds)
		const seconds = verdict.retryAfterSeconds
		// The Deep Linking return is posted by a browser: its refusals, this one too, are explained on a page (429 there).
		if (endpoint === 'deep_linking') throw deepLinkingRefused('RATE_LIMITED', { seconds })
		throw serviceError(429, 'temporarily_unavailable', `too many requests; try again in ${seconds} seconds`, { 'Retry-After': String(seconds) })
	}
}

/**
 * Tools' fetched key sets, one per JWKS address: bounded, so addresses cannot grow the process; the
 * package decides their expiry by the verification's clock (@leerplein/moodle tool-keys.ts).
 */
const toolKeySets = createCache<RemoteKeySet>({ name: 'lti-tool-key-sets', max: 1000 })

/** Where a tool's signature is checked: its JWKS address, or the public key pasted at registration. */
export function keySourceOf(tool: { jwksUrl: string | null; publicJwk: Record<string, unknown> | null }): ToolKeySource {
	return tool.publicJwk ? { publicJwk: tool.publicJwk } : { jwksUrl: tool.jwksUrl!, fetch: outboundGuard().fetch, keySets: toolKeySets }
}

/**
 * Verified access tokens, until they expire: a tool sends the same token with every call for its
 * lifetime, and an RSA verification per score was a tenth of the portal's time under a Moodle sync
 * burst. A remembered token still counts only for the same issuer, before its expiry, while its key
 * is published.
 */
type VerifiedToken = { access: AccessToken; issuer: string; kid: string | undefined; expiresAtMs: number }
const verifiedTokens = createCache<VerifiedToken>({ name: 'lti-verified-access-tokens', max: 1000, ttlMs: ACCESS_TOKEN_LIFETIME_SECONDS * 1000 })

export async function readVerifiedAccessToken(token: string, keys: JWK[], { issuer, now }: { issuer: string; now: Date }): Promise<AccessToken | null> {
	const known = verifiedTokens.get(token)
	if (known && known.issuer === issuer && now.getTime() < known.expiresAtMs && keys.some((key) => key.kid === known.kid)) return known.access
	const access = await readAccessToken(token, keys, { issuer, now })
	if (access) {
		const expiresAtMs = (decodeJwt(token).exp ?? 0) * 1000
		verifiedTokens.set(token, { access, issuer, kid: kidOf(token), expiresAtMs }, { ttlMs: Math.max(1, expiresAtMs - now.getTime()) })
	}
	return access
}

/**
 * A tool's registration and the course's provider, remembered for a second (ADR 014): Moodle's
 * sync sends a course's scores in a burst with one token, and this look-up was a third of each
 * score's statements. A change to a tool or its online parts (deactivation above all) reaches this
 * process at once (forgetToolAccess) and every other process within that second.
 */
const TOOL_ACCESS_MEMO_MS = 1000
type FoundToolAccess = { found: { tool: LtiTool; providerTenantId: string | null } | null }
const toolAccess = createCache<FoundToolAccess>({ name: 'lti-tool-access', max: 1000, ttlMs: TOOL_ACCESS_MEMO_MS })

async function toolAccessOf(db: Database, key: { toolId: string; courseId: string | null }) {
	const { found } = await toolAccess.getOrLoad(`${key.toolId}|${key.courseId ?? ''}`, async () => ({ found: await getToolAccess(db, key) }))
	return found
}

/** After a tool or its online parts change in this process: the next call reads them again. */
export function forgetToolAccess(): void {
	toolAccess.clear()
}

function kidOf(token: string): string | undefined {
	try {
		return decodeProtectedHeader(token).kid
	} catch {
		return undefined
	}
}
