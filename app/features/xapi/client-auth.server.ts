import { createHash, timingSafeEqual } from 'node:crypto'
import { findXapiClientByKey, type XapiCredential } from '@leerplein/db/xapi'
import { hitRateLimit } from '@leerplein/db/identity'
import { parseXapiVersion, type XapiVersion } from '@leerplein/domain'
import type { LeerpleinContext } from '../../load-context.ts'
import type { XapiScope } from './client-schema.ts'
import { alternateRequest, methodNotAllowed, xapiError, xapiFailed } from './protocol.server.ts'

// The guard of every xAPI resource (ADR 039): a client of a unit, by basic authentication with
// the key and secret its coordinator registered. The client's unit is the tenant context of all
// it does: its statements and documents are stored there and read from there, nowhere else.

// The list of scopes is shared with the clients page's form (client-schema.ts).
export { XAPI_SCOPES, type XapiScope } from './client-schema.ts'

/** Who is calling: a client of a unit, never a person; `userId` is null as for a tool. */
export type XapiClient = {
	tenantId: string
	userId: null
	clientId: string
	key: string
	name: string
	scopes: XapiScope[]
	version: XapiVersion
}

/** A secret's stored form: SHA-256 of 256 random bits needs no slow hash (as session tokens, ADR 007). */
export function hashXapiSecret(secret: string): string {
	return createHash('sha256').update(secret, 'utf8').digest('hex')
}

const challenge = { 'WWW-Authenticate': 'Basic realm="Leerplein xAPI"' }

/**
 * Basic authentication of a unit's client, the version header, and (with `methods`) the method:
 * 401 without valid credentials, 400 without a version this store speaks, 405 for another method.
 * Over the client's rate limit: 429 with Retry-After. Answers the client and the request it meant:
 * a 1.0.3 alternate request (a form POST with `?method=`) is read as the request it stands for,
 * its credentials and version taken from the form.
 */
export async function requireXapiClient(sent: Request, context: LeerpleinContext, { methods }: { methods: readonly string[] }): Promise<{ client: XapiClient; request: Request }> {
	const meant = await alternateRequest(sent)
	if (!meant.ok) throw xapiFailed(sent, meant)
	const request = meant.value
	// A version this store speaks — or, for a client registered with one version, that one — else
	// its own: each version's refusals carry that version, and a request without one is answered in it.
	const asked = parseXapiVersion(request.headers.get('x-experience-api-version'))
	const speaking = (spoken: readonly XapiVersion[]) => {
		const version = asked && spoken.includes(asked) ? asked : null
		return { version, answered: { 'X-Experience-API-Version': version ?? spoken[0]! } }
	}
	const credentials = basicCredentials(request.headers.get('authorization'))
	const found = credentials ? await findXapiClientByKey(context.db, { key: credentials.key }) : null
	if (!credentials || !found || !found.active || !opens(found, hashXapiSecret(credentials.secret), context.clock.now()))
		throw xapiError(request, 401, 'send the key and secret of an active xAPI client of Leerplein by basic authentication', { ...challenge, ...speaking(context.config.xapiVersions).answered })
	const own = parseXapiVersion(found.xapiVersion)
	const spoken = own && context.config.xapiVersions.includes(own) ? [own] : context.config.xapiVersions
	const { version, answered } = speaking(spoken)
	if (!version) throw xapiError(request, 400, `send X-Experience-API-Version: ${spoken.join(' or ')}`, answered)
	if (!methods.includes(request.method)) throw methodNotAllowed(request, methods)
	const rule = context.config.rateLimits.xapiClient
	const verdict = await hitRateLimit(context.db, { key: `xapi:client:${found.id}`, rule, now: context.clock.now() })
	if (!verdict.allowed) throw xapiError(request, 429, `too many requests; try again in ${verdict.retryAfterSeconds} seconds`, { 'Retry-After': String(verdict.retryAfterSeconds) })
	const client: XapiClient = { tenantId: found.tenantId, userId: null, clientId: found.id, key: credentials.key, name: found.name, scopes: found.scopes as XapiScope[], version }
	return { client, request }
}

function basicCredentials(header: string | null): { key: string; secret: string } | null {
	const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '')
	if (!match) return null
	const decoded = Buffer.from(match[1]!, 'base64').toString('utf8')
	const colon = decoded.indexOf(':')
	if (colon <= 0 || decoded.length > 500) return null
	return { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) }
}

/** The client's secret, or the one before its last new one while that still counts (ADR 039, "A new secret"). */
function opens(client: XapiCredential, given: string, now: Date): boolean {
	if (sameHash(client.secretHash, given)) return true
	return client.previousSecretHash !== null && client.previousSecretUntil !== null && now < client.previousSecretUntil && sameHash(client.previousSecretHash, given)
}

function sameHash(stored: string, given: string): boolean {
	const a = Buffer.from(stored, 'utf8')
	const b = Buffer.from(given, 'utf8')
	return a.length === b.length && timingSafeEqual(a, b)
}
