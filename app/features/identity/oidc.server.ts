import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { issuerTransportAllowed, type ProviderMetadata, type SsoConfig } from '@leerplein/domain'
import { Cookie } from 'lucia'
import * as client from 'openid-client'
import { createCache } from '../../core/cache.server.ts'
import { outboundGuard } from '../../core/outbound.server.ts'
import { SSO_ATTEMPT_COOKIE } from './cookie.ts'

/**
 * The one module that speaks OpenID Connect (ADR 008), through `openid-client`: provider
 * discovery, the authorization request with PKCE, state and nonce, and the code exchange that
 * checks them and the ID token (signature, `iss` and `aud` exactly, expiry, nonce).
 *
 * A sign-in attempt is bound to the browser by a random 256-bit token in a short-lived
 * `__Host-` cookie; the database keeps the attempt under the token's SHA-256 hash and deletes
 * it at first use.
 */

/** How long someone may take at their identity provider. */
export const ATTEMPT_LIFETIME_MS = 10 * 60_000
const DISCOVERY_CACHE_MS = 10 * 60_000
const DISCOVERY_TIMEOUT_SECONDS = 5

export const CALLBACK_PATH = '/inloggen/sso/callback'

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

export function sameDigest(a: string, b: string): boolean {
	const left = Buffer.from(a)
	const right = Buffer.from(b)
	return left.length === right.length && timingSafeEqual(left, right)
}

type Provider = Pick<SsoConfig, 'issuer' | 'clientId'> & { clientSecret: string }

// Few entries (one per unit with single sign-on); a secret changed in the environment is a new key.
const discovered = createCache<client.Configuration>({ name: 'oidc-discovery', max: 100, ttlMs: DISCOVERY_CACHE_MS })

/**
 * The provider's metadata and our client at it; discovery is cached briefly per issuer, client and
 * secret. A provider that was down is asked again next time (a failed discovery is not kept).
 */
export function providerConfiguration({ issuer, clientId, clientSecret }: Provider): Promise<client.Configuration> {
	const key = JSON.stringify([issuer, clientId, sha256(clientSecret)])
	return discovered.getOrLoad(key, () =>
		client.discovery(new URL(issuer), clientId, undefined, client.ClientSecretBasic(clientSecret), {
			// Plain http only for a provider on the loopback interface (tests); the stored config is checked the same way.
			execute: issuerTransportAllowed(issuer) && issuer.startsWith('http:') ? [client.allowInsecureRequests] : [],
			timeout: DISCOVERY_TIMEOUT_SECONDS,
			// Every request to the provider (discovery, its keys, the code exchange) through the outbound guard.
			[client.customFetch]: outboundGuard().fetch as client.CustomFetch,
		}),
	)
}

/**
 * A provider's discovery document, fetched afresh (never from the cache above) through the same
 * library, outbound guard and timeout as a sign-in: what the settings screen checks before it
 * saves (ADR 051). A provider that names another issuer comes back as it names itself, for
 * `checkProviderMetadata` to refuse; anything else that fails (no answer, not found, no JSON)
 * throws. No client secret is needed to read the document.
 */
export async function discoverProviderMetadata(issuer: string): Promise<ProviderMetadata> {
	try {
		const configuration = await client.discovery(new URL(issuer), 'leerplein', undefined, client.None(), {
			execute: issuerTransportAllowed(issuer) && issuer.startsWith('http:') ? [client.allowInsecureRequests] : [],
			timeout: DISCOVERY_TIMEOUT_SECONDS,
			[client.customFetch]: outboundGuard().fetch as client.CustomFetch,
		})
		return configuration.serverMetadata()
	} catch (error) {
		const named = otherIssuerOf(error)
		if (named) return named
		throw error
	}
}

/** The document of a provider that answered under another issuer than the one asked (openid-client refuses it). */
function otherIssuerOf(error: unknown): ProviderMetadata | null {
	if (!(error instanceof client.ClientError) || error.code !== 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED') return null
	const cause = error.cause as { attribute?: unknown; body?: unknown } | undefined
	return cause?.attribute === 'issuer' && typeof cause.body === 'object' && cause.body !== null ? (cause.body as ProviderMetadata) : null
}

export type AuthorizationRequest = {
	/** Where to send the browser. */
	url: URL
	/** The browser's half of the binding: goes into the cookie, never into the database. */
	attemptToken: string
	/** The database's half. */
	attempt: { id: string; stateHash: string; nonce: string; codeVerifier: string }
}

/** A fresh state, nonce and PKCE verifier, and the provider URL that carries them (S256 challenge only). */
export async function authorizationRequest(
	configuration: client.Configuration,
	{ redirectUri, scopes }: { redirectUri: string; scopes: readonly string[] },
): Promise<AuthorizationRequest> {
	const attemptToken = randomBytes(32).toString('base64url')
	const state = client.randomState()
	const nonce = client.randomNonce()
	const codeVerifier = client.randomPKCECodeVerifier()
	const url = client.buildAuthorizationUrl(configuration, {
		redirect_uri: redirectUri,
		scope: ['openid', ...scopes.filter((scope) => scope !== 'openid')].join(' '),
		response_type: 'code',
		state,
		nonce,
		code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
		code_challenge_method: 'S256',
	})
	return { url, attemptToken, attempt: { id: sha256(attemptToken), stateHash: sha256(state), nonce, codeVerifier } }
}

/**
 * Exchanges the code and validates the ID token. `openid-client` checks the state again, the
 * `iss` response parameter where the provider sends one (RFC 9207), the PKCE verifier at the
 * token endpoint, and the ID token's signature, `iss` and `aud` (exactly), expiry and `nonce`.
 * Throws on any mismatch.
 */
export async function exchangeCode(
	configuration: client.Configuration,
	{ callbackUrl, state, nonce, codeVerifier }: { callbackUrl: URL; state: string; nonce: string; codeVerifier: string },
): Promise<Record<string, unknown>> {
	const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
		expectedState: state,
		expectedNonce: nonce,
		pkceCodeVerifier: codeVerifier,
		idTokenExpected: true,
	})
	const claims = tokens.claims()
	if (!claims) throw new Error('the provider sent no ID token')
	return claims
}

/** Why openid-client refused, for the log: an error code and message, never a token. */
export function describeOidcError(error: unknown): { name: string; code: string | null; message: string } {
	const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) }
	const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : null
	const oauthError = typeof error === 'object' && error !== null && 'error' in error && typeof error.error === 'string' ? error.error : null
	return { name, code: oauthError ?? code, message }
}

const cookieName = (secure: boolean) => (secure ? SSO_ATTEMPT_COOKIE.secure : SSO_ATTEMPT_COOKIE.insecure)

/**
 * HttpOnly, `__Host-` (Secure, Path=/, no Domain). SameSite=Lax, because the provider sends the
 * browser back with a top-level GET from another site, and Strict would leave the cookie behind.
 */
export function attemptCookie(token: string, { secure }: { secure: boolean }): string {
	return new Cookie(cookieName(secure), token, {
		httpOnly: true,
		secure,
		sameSite: 'lax',
		path: '/',
		maxAge: ATTEMPT_LIFETIME_MS / 1000,
	}).serialize()
}

export function blankAttemptCookie({ secure }: { secure: boolean }): string {
	return new Cookie(cookieName(secure), '', { httpOnly: true, secure, sameSite: 'lax', path: '/', maxAge: 0 }).serialize()
}

export function readAttemptToken(request: Request, { secure }: { secure: boolean }): string | null {
	const name = cookieName(secure)
	for (const part of (request.headers.get('Cookie') ?? '').split(';')) {
		const [key, ...value] = part.trim().split('=')
		if (key === name) return value.join('=') || null
	}
	return null
}
