import { findUserIdByEmployeeNumber, getSignedInPerson, getSsoConfig, takeSsoAttempt, withTenantContext, writeAudit } from '@leerplein/db'
import { checkSignInAssurance, employeeNumberFrom, fail, ok, ssoConfigSchema, type Result } from '@leerplein/domain'
import { describeOidcError, exchangeCode, providerConfiguration, readAttemptToken, sameDigest, sha256 } from './oidc.server.ts'
import { signIn } from './sign-in.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'

export type FinishSsoFailure =
	| 'SSO_ATTEMPT_INVALID'
	| 'SSO_ATTEMPT_EXPIRED'
	| 'SSO_STATE_MISMATCH'
	| 'SSO_PROVIDER_ERROR'
	| 'SSO_PROVIDER_UNAVAILABLE'
	| 'SSO_TOKEN_REJECTED'
	| 'SSO_NO_EMPLOYEE_NUMBER'
	| 'SSO_NO_ACCOUNT'
	| 'SSO_MFA_REQUIRED'

type Outcome = Result<{ redirectTo: string; setCookie: string }, FinishSsoFailure>

/**
 * The identity provider's answer (ADR 008). Takes this browser's attempt (single use, whatever
 * follows), checks state, exchanges the code with the PKCE verifier, validates the ID token,
 * finds the active employee by unit and employee number, demands multi-factor sign-in of
 * coordinators and concern administrators, and only then starts a new session. Every outcome
 * is audited; no token or secret is ever logged or stored.
 */
export async function finishSsoSignIn(
	context: LeerpleinContext,
	{ request, userAgent }: { request: Request; userAgent: string | null },
	now = context.clock.now(),
): Promise<Outcome> {
	const params = new URL(request.url).searchParams
	const token = readAttemptToken(request, { secure: context.config.secureCookies })
	const attempt = token ? await takeSsoAttempt(context.db, { attemptId: sha256(token) }) : null
	if (!attempt) return denied(context, null, 'SSO_ATTEMPT_INVALID', { hadCookie: token !== null })

	const audit = (code: FinishSsoFailure, details: Record<string, unknown> = {}, userId: string | null = null) =>
		denied(context, { tenantId: attempt.tenantId, userId }, code, details)

	if (attempt.expiresAt <= now) return audit('SSO_ATTEMPT_EXPIRED')
	const state = params.get('state')
	if (!state || !sameDigest(sha256(state), attempt.stateHash)) return audit('SSO_STATE_MISMATCH')
	const providerError = params.get('error')
	if (providerError) return audit('SSO_PROVIDER_ERROR', { providerError: providerError.slice(0, 100) })

	const found = await getSsoConfig(context.db, { tenantId: attempt.tenantId })
	const parsed = ssoConfigSchema.safeParse(found?.config)
	const clientSecret = parsed.success ? context.config.secretFromEnv(parsed.data.clientSecretEnv) : undefined
	if (!parsed.success || !clientSecret) return audit('SSO_PROVIDER_UNAVAILABLE', { reason: 'configuration' })
	const config = parsed.data

	let claims: Record<string, unknown>
	try {
		const configuration = await providerConfiguration({ issuer: config.issuer, clientId: config.clientId, clientSecret })
		// The redirect URI exactly as sent to the provider, with its answer's parameters.
		const callbackUrl = new URL(attempt.redirectUri)
		callbackUrl.search = params.toString()
		claims = await exchangeCode(configuration, { callbackUrl, state, nonce: attempt.nonce, codeVerifier: attempt.codeVerifier })
	} catch (error) {
		return audit('SSO_TOKEN_REJECTED', { issuer: config.issuer, error: describeOidcError(error) })
	}
	const identity = { issuer: config.issuer, subject: typeof claims.sub === 'string' ? claims.sub : null }

	const employeeNumber = employeeNumberFrom(claims, config.employeeNumberClaim)
	if (!employeeNumber.ok) return audit('SSO_NO_EMPLOYEE_NUMBER', { ...identity, claim: config.employeeNumberClaim })
	const userId = await findUserIdByEmployeeNumber(context.db, { tenantId: attempt.tenantId, employeeNumber: employeeNumber.value })
	const person = userId ? await getSignedInPerson(context.db, { userId }) : null
	// The look-up is confined to the attempt's unit already; a second check costs nothing.
	if (!person?.active || person.tenantId !== attempt.tenantId) {
		return audit('SSO_NO_ACCOUNT', { ...identity, employeeNumber: employeeNumber.value })
	}
	const assurance = checkSignInAssurance(person.grants, claims, config)
	if (!assurance.ok) {
		return audit(assurance.code, { ...identity, amr: Array.isArray(claims.amr) ? claims.amr : null, acr: claims.acr ?? null }, person.userId)
	}

	const setCookie = await signIn(context, person, {
		userAgent,
		evidence: { method: 'oidc', ...identity, amr: Array.isArray(claims.amr) ? claims.amr : null, acr: claims.acr ?? null },
	})
	return ok({ redirectTo: attempt.returnTo, setCookie })
}

/** A refused sign-in, in the unit's trail when the attempt told us the unit (tenant null otherwise). */
async function denied(
	context: LeerpleinContext,
	scope: { tenantId: string; userId: string | null } | null,
	code: FinishSsoFailure,
	details: Record<string, unknown>,
): Promise<Outcome> {
	context.logger.warn({ code, ...details }, 'single sign-on refused')
	await withTenantContext(context.db, { tenantId: scope?.tenantId ?? null, userId: scope?.userId ?? null }, (tx) =>
		writeAudit(tx, {
			tenantId: scope?.tenantId ?? null,
			actorUserId: scope?.userId ?? null,
			action: 'auth.sign_in',
			objectType: 'user',
			objectId: scope?.userId ?? null,
			result: 'denied',
			origin: context.clientIp,
			requestId: context.requestId,
			after: { method: 'oidc', reason: code, ...details },
		}),
	)
	return fail(code)
}
