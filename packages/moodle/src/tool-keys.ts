import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWK, type JWTPayload, type JWTVerifyGetKey } from 'jose'

/** Where a tool's public keys are: its JWKS URL, or a key the administrator pasted. */
export type ToolKeySource = { jwksUrl: string; publicJwk?: null } | { jwksUrl?: null; publicJwk: JWK }

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

function keySetOf(source: ToolKeySource): JWTVerifyGetKey {
	if (source.publicJwk) return createLocalJWKSet({ keys: [source.publicJwk] })
	const url = source.jwksUrl!
	let set = remoteSets.get(url)
	if (!set) {
		set = createRemoteJWKSet(new URL(url), { timeoutDuration: 5000, cooldownDuration: 30_000 })
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
		const { payload } = await jwtVerify(token, keySetOf(source), {
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
	if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid)
		return new LtiJwtError('KEYS_UNAVAILABLE', "the tool's key set could not be read")
	if (error instanceof errors.JOSEAlgNotAllowed) return new LtiJwtError('BAD_SIGNATURE', 'only RS256 is accepted')
	if (error instanceof errors.JOSEError) return new LtiJwtError('MALFORMED', 'the token is malformed')
	if (error instanceof TypeError || (error instanceof Error && /fetch/i.test(error.message)))
		return new LtiJwtError('KEYS_UNAVAILABLE', "the tool's key set could not be read")
	return new LtiJwtError('MALFORMED', 'the token could not be read')
}
