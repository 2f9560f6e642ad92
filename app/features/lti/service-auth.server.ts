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
import { readForm } from '../../core/form.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'
import { LTI_PATHS, platformIssuer, platformPublicKeys } from './platform.server.ts'
import { deepLinkingRefused, methodNotAllowed, serviceError } from './tool-answers.server.ts'
import { auditDenial, type RegistrationHolder, type ToolAccess, type ToolCaller } from './tool-context.server.ts'

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
	const header = request.headers.get('authorization') ?? ''
	const match = /^Bearer\s+(\S+)$/i.exec(header)
	if (!match) throw serviceError(401, 'invalid_token', 'a bearer access token from the token endpoint is required', bearerChallenge('invalid_token'))
	const token = match[1]!
	const issuer = platformIssuer(context)
	const now = context.clock.now()
	let keys = await platformPublicKeys(context.db)
	// A key rotated in by another process since our last read: read the keys once more.
	if (!keys.some((key) => key.kid === kidOf(token))) keys = await platformPublicKeys(context.db, { refresh: true })
	const access = await readVerifiedAccessToken(token, keys, { issuer, now })
	if (!access) throw serviceError(401, 'invalid_token', 'the access token is invalid or has expired', bearerChallenge('invalid_token'))
	if (!scopesCover(access.scopes, anyOf))
		throw serviceError(403, 'insufficient_scope', `this endpoint needs one of: ${anyOf.join(' ')}`, bearerChallenge('insufficient_scope'))
	const found = await toolAccessOf(context.db, { toolId: access.toolId, courseId: isUuid(courseId) ? courseId : null })
	if (!found || !found.tool.active) throw serviceError(401, 'invalid_token', 'the tool of this token is no longer registered', bearerChallenge('invalid_token'))
	if (!isUuid(courseId)) throw serviceError(404, 'not_found', 'no such context')
	if (!found.providerTenantId) throw serviceError(404, 'not_found', 'no such context for this tool')
	return { tenantId: found.providerTenantId, userId: null, tool: found.tool, toolId: found.tool.id, courseId, scopes: access.scopes, issuer }
}

/**
 * The token endpoint's guard: client credentials with a JWT client assertion the tool signed
 * (RFC 7523), posted as a form. The assertion's `jti` is recorded so it never serves twice; a
 * refused assertion of a known tool is audited. Answers are OAuth 2.0's (RFC 6749 §5.2).
 */
export async function requireToolAssertion(request: Request, context: LeerpleinContext): Promise<{ actor: ToolCaller; scopes: string[]; issuer: string }> {
	requireMethod(request, ['POST'])
	const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim()
	if (type !== 'application/x-www-form-urlencoded') throw serviceError(400, 'invalid_request', 'send application/x-www-form-urlencoded')
	// OAuth's own form reading: its errors are JSON for the tool, not the portal's form errors.
	const form = Object.fromEntries(new URLSearchParams(await request.text()))
	if (form.grant_type !== undefined && form.grant_type !== 'client_credentials') throw serviceError(400, 'unsupported_grant_type', 'only client_credentials is supported')
	const parsed = tokenRequestSchema.safeParse(form)
	if (!parsed.success) throw serviceError(400, 'invalid_request', `missing or invalid: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`)
	const clientId = unverifiedIssuer(parsed.data.client_assertion)
	await requireWithinLtiRateLimit(context, 'token', { clientId })
	const tool = clientId ? await getLtiTool(context.db, { clientId }) : null
	// One answer for every client that could not be verified — unknown, inactive, a key set that
	// could not be fetched, not JSON or without the key, a bad signature, a replay — so the answer
	// never tells what is at a key-set address (ADR 025). The audit row keeps the reason.
	if (!tool || !tool.active) throw unverifiedClient()
	const issuer = platformIssuer(context)
	const refuseClient = async (detail: string): Promise<never> => {
		await auditDenial(context, `lti.token:${tool.id}:${detail}`, { action: 'lti.token', objectType: 'lti_tool', objectId: tool.id, after: { reason: 'invalid_client', detail } })
		throw unverifiedClient()
	}
	let assertion: { jti: string; expiresAt: Date }
	try {
		assertion = await verifyClientAssertion(parsed.data.client_assertion, keySourceOf(tool), { clientId: tool.clientId, tokenEndpoint: `${issuer}${LTI_PATHS.token}`, now: context.clock.now() })
	} catch (error) {
		if (error instanceof LtiJwtError) return refuseClient(`client assertion refused: ${error.code}`)
		throw error
	}
	if (!(await useToolTokenId(context.db, { toolId: tool.id, tokenId: `jti:${assertion.jti}`, expiresAt: assertion.expiresAt }))) return refuseClient('client assertion refused: jti already used')
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
	const jwt = (await readForm(request)).get('JWT')
	if (typeof jwt !== 'string' || !jwt) throw deepLinkingRefused('LTI_DEEP_LINKING_INVALID')
	const clientId = unverifiedIssuer(jwt)
	await requireWithinLtiRateLimit(context, 'deep_linking', { clientId })
	const tool = clientId ? await getLtiTool(context.db, { clientId }) : null
	if (!tool || !tool.active) throw deepLinkingRefused('LTI_DEEP_LINKING_UNKNOWN_TOOL')
	try {
		const response = await verifyDeepLinkingResponse(jwt, keySourceOf(tool), { clientId: tool.clientId, platformIssuer: platformIssuer(context), now: context.clock.now() })
		return { actor: { tenantId: null, userId: null, tool }, response }
	} catch (error) {
		if (!(error instanceof LtiJwtError)) throw error
		await auditDenial(context, `lti.deep_linking_response:${tool.id}:${error.code}`, { action: 'lti.deep_linking_response', objectType: 'lti_tool', objectId: tool.id, after: { reason: error.code } })
		throw deepLinkingRefused(error.code === 'EXPIRED' || error.code === 'NOT_YET_VALID' ? 'LTI_DEEP_LINKING_EXPIRED' : 'LTI_DEEP_LINKING_SIGNATURE')
	}
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
	return holder
}

/** The guard's reading of the request, without the rate limit: POST only, the token as bearer. */
export function registrationTokenOf(request: Request): RegistrationHolder {
	requireMethod(request, ['POST'])
	const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1]
	if (!bearer) throw serviceError(401, 'invalid_token', 'a registration token is required as bearer')
	return { tenantId: null, userId: null, registrationToken: bearer }
}

const unverifiedClient = () => serviceError(401, 'invalid_client', 'the client could not be verified')

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
