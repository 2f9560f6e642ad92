import { createLocalJWKSet, createRemoteJWKSet, customFetch, errors, jwtVerify, type JWK, type JWTPayload, type JWTVerifyGetKey } from 'jose'
import { OutboundRefused } from './outbound.ts'

/**
 * Where a tool's public keys are: its JWKS URL, or a key the administrator pasted. A JWKS URL is
 * fetched only through `fetch`, the caller's outbound guard (outbound.ts), which refuses plain http
 * and non-public addresses.
 */
export type ToolKeySource = { jwksUrl: string; fetch: typeof globalThis.fetch; publicJwk?: null } | { jwksUrl?: null; publicJwk: JWK }

export type JwtProblem =
	| 'MALFORMED'
	| 'BAD_SIGNATURE'
	| 'UNKNOWN_KID'
	| 'WRONG_ISSUER'
	| 'WRONG_AUDIENCE'
	| 'EXPIRED'
	| 'NOT_YET_VALID'
	| 'MISSING_CLAIM'
	| 'KEYS_UNAVAILABLE'

export class LtiJwtError extends Error {
	constructor(
		readonly code: JwtProblem,
		message: string,
	) {
		super(message)
		this.name = 'LtiJwtError'
	}
}

// One remote key set per URL and process: jose caches the keys and refetches on an unknown kid
// (at most every 30 s), which is how a tool's key rotation reaches us.
const remoteSets = new Map<string, JWTVerifyGetKey>()

/**
 * A key set that could not be fetched is not asked again for this long (per URL and process): jose
 * retries a failed fetch at once, so without this every refused request would be one outbound request.
 */
export const KEY_SET_RETRY_MS = 30_000
const failedFetches = new Map<string, number>()
// The time of the verification that asks for a URL's keys (the caller's clock, not the wall's), read
// by the fetch jose runs within that verification.
const askedAt = new Map<string, number>()

function keySetOf(source: ToolKeySource, now: Date): JWTVerifyGetKey {
	if (source.publicJwk) return createLocalJWKSet({ keys: [source.publicJwk] })
	const url = source.jwksUrl!
	askedAt.set(url, now.getTime())
	let set = remoteSets.get(url)
	if (!set) {
		// Not a URL at all: no key set, the same answer as one that cannot be fetched.
		if (!URL.canParse(url)) throw new LtiJwtError('KEYS_UNAVAILABLE', "the tool's key set could not be read")
		const guarded = source.fetch
		set = createRemoteJWKSet(new URL(url), {
			timeoutDuration: 5000,
			cooldownDuration: 30_000,
			[customFetch]: async (input: string, init: RequestInit) => {
				const now = askedAt.get(url)!
				const failedAt = failedFetches.get(url)
				if (failedAt !== undefined && now - failedAt < KEY_SET_RETRY_MS) throw new LtiJwtError('KEYS_UNAVAILABLE', "the tool's key set could not be read")
				try {
					const response = await guarded(input, init)
					if (response.ok) failedFetches.delete(url)
					else failedFetches.set(url, now)
					return response
				} catch (error) {
					failedFetches.set(url, now)
					throw error
				}
			},
		})
		if (remoteSets.size >= 1000) {
			remoteSets.clear()
			askedAt.clear()
		}
		remoteSets.set(url, set)
	}
	return set
}

export type VerifyExpectations = {
	issuer: string
	audience: string
	now: Date
	/** Tokens older than this (by `iat`) are refused even if the tool set a long `exp`. */
	maxAgeSeconds: number
	requiredClaims?: string[]
}

/** Verifies a JWT a tool signed (RS256 only), mapping every failure to one code the caller can answer with. */
export async function verifyToolJwt(token: string, source: ToolKeySource, expect: VerifyExpectations): Promise<JWTPayload> {
	try {
		const { payload } = await jwtVerify(token, keySetOf(source, expect.now), {
			algorithms: ['RS256'],
			issuer: expect.issuer,
			audience: expect.audience,
			currentDate: expect.now,
			maxTokenAge: expect.maxAgeSeconds,
			clockTolerance: 5,
			requiredClaims: ['exp', 'iat', ...(expect.requiredClaims ?? [])],
		})
		return payload
	} catch (error) {
		throw toLtiJwtError(error)
	}
}

function toLtiJwtError(error: unknown): LtiJwtError {
	if (error instanceof LtiJwtError) return error
	// Whatever went wrong fetching the key set (refused by the guard, no answer, not JSON, not a
	// key set): one code, so the answer never tells what is at the other end.
	if (error instanceof OutboundRefused || error instanceof SyntaxError) return new LtiJwtError('KEYS_UNAVAILABLE', "the tool's key set could not be read")
	if (error instanceof errors.JWTExpired) return new LtiJwtError('EXPIRED', 'the token has expired')
	if (error instanceof errors.JWTClaimValidationFailed) {
		if (error.claim === 'iss') return new LtiJwtError('WRONG_ISSUER', 'the token has the wrong issuer')
		if (error.claim === 'aud') return new LtiJwtError('WRONG_AUDIENCE', 'the token has the wrong audience')
		if (error.claim === 'nbf' || (error.claim === 'iat' && error.reason === 'check_failed'))
			return new LtiJwtError('NOT_YET_VALID', 'the token is not yet valid')
		if (error.reason === 'missing') return new LtiJwtError('MISSING_CLAIM', `the token lacks ${error.claim}`)
		return new LtiJwtError('EXPIRED', `the token's ${error.claim} is out of range`)
	}
	if (error instanceof errors.JWSSignatureVerificationFailed) return new LtiJwtError('BAD_SIGNATURE', 'the signature does not verify')
	if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys)
		return new LtiJwtError('UNKNOWN_KID', 'no key of the tool matches the token')
	if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || (error instanceof errors.JOSEError && error.code === 'ERR_JOSE_GENERIC'))
		return new LtiJwtError('KEYS_UNAVAILABLE', "the tool's key set could not be read")
	if (error instanceof errors.JOSEAlgNotAllowed) return new LtiJwtError('BAD_SIGNATURE', 'only RS256 is accepted')
	if (error instanceof errors.JOSEError) return new LtiJwtError('MALFORMED', 'the token is malformed')
	if (error instanceof TypeError || (error instanceof Error && /fetch/i.test(error.message)))
		return new LtiJwtError('KEYS_UNAVAILABLE', "the tool's key set could not be read")
	return new LtiJwtError('MALFORMED', 'the token could not be read')
}
