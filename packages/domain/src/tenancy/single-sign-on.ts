import { z } from 'zod'
import { fail, ok, type Result } from '../result.ts'
import type { RoleGrant } from './permissions.ts'
import { isAdministrative } from './session-policy.ts'

// Single sign-on per unit over OpenID Connect (ADR 008): the pure rules. The portal's shell
// talks to the identity provider; these decide what its answer means.

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** An issuer must use https; plain http only on the loopback interface (a provider in a test). */
export function issuerTransportAllowed(issuer: string): boolean {
	const match = /^([a-z]+):\/\/(\[[^\]]*\]|[^/:?#]*)/i.exec(issuer)
	if (!match) return false
	const [, scheme, host] = match
	return scheme!.toLowerCase() === 'https' || (scheme!.toLowerCase() === 'http' && LOOPBACK_HOSTS.has(host!.toLowerCase()))
}

/**
 * A unit's identity provider, as stored per unit. Nothing in it is secret: the client secret
 * lives in the environment variable this config names, never in the database.
 */
export const ssoConfigSchema = z.object({
	issuer: z
		.string()
		.url()
		.refine(issuerTransportAllowed, 'issuer must use https (http only on the loopback interface)'),
	clientId: z.string().min(1),
	/** The name of the environment variable that holds the client secret, e.g. SSO_RVO_CLIENT_SECRET. */
	clientSecretEnv: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'an environment variable name in capitals'),
	/** The ID-token claim that carries the employee number (personeelsnummer). */
	employeeNumberClaim: z.string().min(1),
	/** Scopes to ask for besides `openid`, when the provider releases the claim only under a scope. */
	extraScopes: z.array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/)).default([]),
	/** `acr` values this provider uses for a multi-factor sign-in, besides `amr` (RFC 8176). */
	mfaAcrValues: z.array(z.string().min(1)).default([]),
})

export type SsoConfig = z.infer<typeof ssoConfigSchema>

/** The claims of a validated ID token, as far as these rules read them. */
export type IdTokenClaims = { amr?: unknown; acr?: unknown; [claim: string]: unknown }

/** BIO: whoever can change other people's data (coordinators, concern administrators) signs in with more than one factor. */
export function requiresMfa(grants: readonly RoleGrant[]): boolean {
	return isAdministrative(grants)
}

// RFC 8176 authentication method references, by kind of factor.
const FACTOR_KIND: Record<string, 'knowledge' | 'possession' | 'inherence'> = {
	pwd: 'knowledge',
	pin: 'knowledge',
	kba: 'knowledge',
	hwk: 'possession',
	swk: 'possession',
	otp: 'possession',
	sms: 'possession',
	tel: 'possession',
	sc: 'possession',
	pop: 'possession',
	fpt: 'inherence',
	face: 'inherence',
	iris: 'inherence',
	retina: 'inherence',
	vbm: 'inherence',
}

/**
 * Whether the provider asserts a multi-factor sign-in: `amr` contains `mfa`, or factors of
 * at least two kinds (e.g. `pwd` + `otp`), or `acr` is one of the values this unit's provider
 * uses for it. Anything else, including a missing or malformed claim, is no.
 */
export function mfaSatisfied(claims: IdTokenClaims, { mfaAcrValues }: { mfaAcrValues: readonly string[] }): boolean {
	const amr = Array.isArray(claims.amr) ? claims.amr.filter((value): value is string => typeof value === 'string') : []
	if (amr.includes('mfa')) return true
	const kinds = new Set(amr.map((method) => FACTOR_KIND[method]).filter((kind) => kind !== undefined))
	if (kinds.size >= 2) return true
	return typeof claims.acr === 'string' && mfaAcrValues.includes(claims.acr)
}

/** The employee number the unit's provider asserts, trimmed; a missing or empty claim is refused. */
export function employeeNumberFrom(claims: IdTokenClaims, claim: string): Result<string, 'SSO_NO_EMPLOYEE_NUMBER'> {
	const value = claims[claim]
	const text = typeof value === 'string' ? value.trim() : typeof value === 'number' && Number.isInteger(value) ? String(value) : ''
	return text ? ok(text) : fail('SSO_NO_EMPLOYEE_NUMBER')
}

/** After the person is found: may they sign in with what the provider asserted? */
export function checkSignInAssurance(
	grants: readonly RoleGrant[],
	claims: IdTokenClaims,
	config: { mfaAcrValues: readonly string[] },
): Result<void, 'SSO_MFA_REQUIRED'> {
	if (requiresMfa(grants) && !mfaSatisfied(claims, config)) return fail('SSO_MFA_REQUIRED')
	return ok(undefined)
}

/**
 * The name of the environment variable a unit's client secret is read from, as the settings screen
 * accepts it (ADR 051): `SSO_` first, so a config can never make the portal send another of its
 * own secrets (the database's address, SECRETS_KEY) to a provider as a client secret.
 */
export const SSO_SECRET_ENV_PATTERN = /^SSO_[A-Z0-9_]{1,96}$/

/** What discovery (`/.well-known/openid-configuration`) says of a provider, as far as these rules read it. */
export type ProviderMetadata = {
	issuer?: unknown
	response_types_supported?: unknown
	grant_types_supported?: unknown
	code_challenge_methods_supported?: unknown
}

const strings = (value: unknown): string[] | null => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : null)

/**
 * Whether a discovered provider can serve this portal's sign-in (ADR 008): it calls itself by
 * exactly the issuer typed (the ID token's `iss` must match it character for character), offers
 * the authorization code flow, and PKCE with S256. A provider that does not list
 * `code_challenge_methods_supported` does not support PKCE (RFC 8414, section 2); one that does
 * not list `grant_types_supported` offers the code grant by default.
 */
export function checkProviderMetadata(
	issuer: string,
	metadata: ProviderMetadata,
): Result<void, 'SSO_ISSUER_MISMATCH' | 'SSO_NO_CODE_FLOW' | 'SSO_NO_PKCE_S256'> {
	if (metadata.issuer !== issuer) return fail('SSO_ISSUER_MISMATCH')
	const responseTypes = strings(metadata.response_types_supported) ?? []
	const grantTypes = strings(metadata.grant_types_supported) ?? ['authorization_code', 'implicit']
	if (!responseTypes.includes('code') || !grantTypes.includes('authorization_code')) return fail('SSO_NO_CODE_FLOW')
	if (!(strings(metadata.code_challenge_methods_supported) ?? []).includes('S256')) return fail('SSO_NO_PKCE_S256')
	return ok(undefined)
}
