import { randomUUID } from 'node:crypto'
import { errors, jwtVerify, SignJWT, createLocalJWKSet, type JWK } from 'jose'
import { z } from 'zod'
import { JWT_BEARER_ASSERTION } from './claims.ts'
import { SIGNING_ALGORITHM, type Signer } from './keys.ts'
import { LtiJwtError, verifyToolJwt, type ToolKeySource } from './tool-keys.ts'

/** Access tokens for LTI services live one hour at most (LTI Security Framework §4.1). */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 3600

/** A client assertion must be fresh: a long `exp` does not make an old assertion acceptable. */
export const CLIENT_ASSERTION_MAX_AGE_SECONDS = 300

export const tokenRequestSchema = z.object({
	grant_type: z.literal('client_credentials'),
	client_assertion_type: z.literal(JWT_BEARER_ASSERTION),
	client_assertion: z.string().min(1),
	scope: z.string().min(1),
})
export type TokenRequest = z.infer<typeof tokenRequestSchema>

/** The client id a client assertion claims to come from, read before its signature is checked (to find the tool's keys). */
export function unverifiedIssuer(assertion: string): string | null {
	const [, payload] = assertion.split('.')
	if (!payload) return null
	try {
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: unknown; sub?: unknown }
		return typeof claims.iss === 'string' ? claims.iss : null
	} catch {
		return null
	}
}

export type VerifiedAssertion = { jti: string; expiresAt: Date }

/**
 * RFC 7523 client authentication: signed by the tool, `iss` = `sub` = its client id, `aud` = our
 * token endpoint, with a `jti` the caller must record so it is never accepted twice.
 */
export async function verifyClientAssertion(
	assertion: string,
	source: ToolKeySource,
	{ clientId, tokenEndpoint, now }: { clientId: string; tokenEndpoint: string; now: Date },
): Promise<VerifiedAssertion> {
	const payload = await verifyToolJwt(assertion, source, {
		issuer: clientId,
		audience: tokenEndpoint,
		now,
		maxAgeSeconds: CLIENT_ASSERTION_MAX_AGE_SECONDS,
		requiredClaims: ['jti', 'sub'],
	})
	if (payload.sub !== clientId) throw new LtiJwtError('WRONG_ISSUER', 'sub must be the client id')
	if (typeof payload.jti !== 'string' || payload.jti.length === 0 || payload.jti.length > 256)
		throw new LtiJwtError('MISSING_CLAIM', 'the token lacks a usable jti')
	return { jti: payload.jti, expiresAt: new Date(payload.exp! * 1000) }
}

export type AccessToken = { toolId: string; clientId: string; scopes: string[] }

/** An access token is a JWT Leerplein signs for itself: no table, checked on every service call. */
export async function issueAccessToken(
	signer: Signer,
	{ toolId, clientId, scopes, issuer, now }: AccessToken & { issuer: string; now: Date },
): Promise<{ token: string; expiresIn: number }> {
	const issuedAt = Math.floor(now.getTime() / 1000)
	const token = await new SignJWT({ scope: scopes.join(' '), tool: toolId, client_id: clientId })
		.setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: signer.kid, typ: 'at+jwt' })
		.setIssuer(issuer)
		.setAudience(`${issuer}/lti/services`)
		.setSubject(clientId)
		.setJti(randomUUID())
		.setIssuedAt(issuedAt)
		.setExpirationTime(issuedAt + ACCESS_TOKEN_LIFETIME_SECONDS)
		.sign(signer.key)
	return { token, expiresIn: ACCESS_TOKEN_LIFETIME_SECONDS }
}

const accessTokenClaims = z.object({ scope: z.string(), tool: z.string().uuid(), client_id: z.string(), exp: z.number() })

// Key sets by their kids: jose keeps the imported keys inside a set, so reuse saves an import per call.
const platformKeySets = new Map<string, ReturnType<typeof createLocalJWKSet>>()
function platformKeySet(publicJwks: JWK[]) {
	const id = publicJwks.map((jwk) => jwk.kid).join(' ')
	let set = platformKeySets.get(id)
	if (!set) {
		set = createLocalJWKSet({ keys: publicJwks })
		platformKeySets.clear()
		platformKeySets.set(id, set)
	}
	return set
}

/**
 * Reads a bearer token back; null when it is not ours, expired or tampered with. Every call
 * verifies the signature: the portal remembers verified tokens itself (app/features/lti), in its one
 * cache, where it can clear them.
 */
export async function readAccessToken(token: string, publicJwks: JWK[], { issuer, now }: { issuer: string; now: Date }): Promise<AccessToken | null> {
	try {
		const { payload } = await jwtVerify(token, platformKeySet(publicJwks), {
			algorithms: [SIGNING_ALGORITHM],
			issuer,
			audience: `${issuer}/lti/services`,
			typ: 'at+jwt',
			currentDate: now,
		})
		const claims = accessTokenClaims.parse(payload)
		return { toolId: claims.tool, clientId: claims.client_id, scopes: claims.scope.split(' ').filter(Boolean) }
	} catch (error) {
		if (error instanceof errors.JOSEError || error instanceof z.ZodError) return null
		throw error
	}
}
