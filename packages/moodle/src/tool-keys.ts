import { createLocalJWKSet, errors, jwtVerify, type JWK, type JWTPayload, type JWTVerifyGetKey } from 'jose'
import { OutboundRefused } from './outbound.ts'

/**
 * Where a tool's public keys are: its JWKS URL, or a key the administrator pasted. A JWKS URL is
 * fetched only through `fetch`, the caller's outbound guard (outbound.ts), which refuses plain http
 * and non-public addresses, and what was fetched is kept in `keySets`, the caller's cache.
 */
export type ToolKeySource =
	| { jwksUrl: string; fetch: typeof globalThis.fetch; keySets: KeySetCache; publicJwk?: null }
	| { jwksUrl?: null; publicJwk: JWK }

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

/**
 * What verification remembers of one JWKS URL between calls. The times are the verifications'
 * clock (their `now`), never the wall's, so a test moves that clock instead of waiting.
 */
export type RemoteKeySet = {
	/** The keys last fetched, and when. */
	keys: JWTVerifyGetKey | null
	fetchedAt: number | null
	/** When the last fetch failed: the URL is not asked again within KEY_SET_RETRY_MS of it. */
	failedAt: number | null
	/** The fetch under way, which verifications arriving meanwhile wait for instead of fetching too. */
	pending: Promise<void> | null
}

/**
 * Where the caller keeps remote key sets, one per URL: the portal passes its one in-process cache
 * (bounded, so any number of tool URLs cannot grow the process). An entry it evicts is fetched
 * again when next needed; expiry is decided here, by the verification's clock.
 */
export type KeySetCache = { get(url: string): RemoteKeySet | undefined; set(url: string, keySet: RemoteKeySet): void }

/** Keys fetched this long ago are fetched again before use (jose's default for a remote set). */
export const KEY_SET_MAX_AGE_MS = 10 * 60_000

/**
 * A token with a kid the keys do not know fetches them again (a tool's key rotation), but not
 * within this long of the last fetch: unknown kids would otherwise be one outbound request each.
 */
export const KEY_SET_COOLDOWN_MS = 30_000

/**
 * A key set that could not be fetched is not asked again for this long: without it every refused
 * request would be one outbound request.
 */
export const KEY_SET_RETRY_MS = 30_000

/** How long a fetch of a key set may take. */
const KEY_SET_FETCH_TIMEOUT_MS = 5000

const keysUnavailable = () => new LtiJwtError('KEYS_UNAVAILABLE', "the tool's key set could not be read")

/**
 * How long before `nowMs` a remembered moment was. Never is long ago, and so is a moment in this
 * verification's future (its clock was set back): that counts as stale, not as fresh for ever.
 */
function elapsedSince(moment: number | null, nowMs: number): number {
	return moment === null || moment > nowMs ? Infinity : nowMs - moment
}

function keySetOf(source: ToolKeySource, now: Date): JWTVerifyGetKey {
	if (source.publicJwk) return createLocalJWKSet({ keys: [source.publicJwk] })
	const url = source.jwksUrl!
	// Not a URL at all: no key set, the same answer as one that cannot be fetched.
	if (!URL.canParse(url)) throw keysUnavailable()
	const nowMs = now.getTime()
	let keySet = source.keySets.get(url)
	if (!keySet) {
		keySet = { keys: null, fetchedAt: null, failedAt: null, pending: null }
		source.keySets.set(url, keySet)
	}
	const known = keySet
	return async (header, token) => {
		if (!known.keys || elapsedSince(known.fetchedAt, nowMs) >= KEY_SET_MAX_AGE_MS) await refetch(known, url, source.fetch, nowMs)
		try {
			return await known.keys!(header, token)
		} catch (error) {
			if (!(error instanceof errors.JWKSNoMatchingKey) || elapsedSince(known.fetchedAt, nowMs) < KEY_SET_COOLDOWN_MS) throw error
			await refetch(known, url, source.fetch, nowMs)
			return known.keys!(header, token)
		}
	}
}

/**
 * Fetches a key set into `keySet`, or fails with KEYS_UNAVAILABLE whatever went wrong (refused by
 * the guard, no answer, not 200, not JSON, not a key set), so the answer never tells what is at the
 * other end. Verifications arriving while it runs share it.
 */
async function refetch(keySet: RemoteKeySet, url: string, fetch: typeof globalThis.fetch, nowMs: number): Promise<void> {
	if (!keySet.pending) {
		if (elapsedSince(keySet.failedAt, nowMs) < KEY_SET_RETRY_MS) throw keysUnavailable()
		keySet.pending = fetchKeySet(url, fetch)
			.then(
				(keys) => {
					Object.assign(keySet, { keys, fetchedAt: nowMs, failedAt: null })
				},
				() => {
					keySet.failedAt = nowMs
					throw keysUnavailable()
				},
			)
			.finally(() => {
				keySet.pending = null
			})
	}
	await keySet.pending
}

async function fetchKeySet(url: string, fetch: typeof globalThis.fetch): Promise<JWTVerifyGetKey> {
	const response = await fetch(url, {
		headers: { accept: 'application/json, application/jwk-set+json' },
		signal: AbortSignal.timeout(KEY_SET_FETCH_TIMEOUT_MS),
	})
	if (response.status !== 200) throw new Error(`the key set answered ${response.status}`)
	// createLocalJWKSet refuses what is not a key set.
	return createLocalJWKSet((await response.json()) as { keys: JWK[] })
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
