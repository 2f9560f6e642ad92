import { findUserIdByEmployeeNumber, getSignedInPerson, getSsoConfig, takeSsoAttempt } from '@leerplein/db/identity'
import { checkSignInAssurance, employeeNumberFrom, ssoConfigSchema } from '@leerplein/domain'
import type { ErrorCode } from '../../core/error-codes.ts'
import { refuse, succeed, type Failure, type FailureKind, type ServiceContext, type ServiceResult, type TenantScope } from '../../core/service.server.ts'
import { describeOidcError, exchangeCode, providerConfiguration, sameDigest, sha256 } from './oidc.server.ts'
import { auditVisitor, signIn, type SignInConfig } from './sign-in.server.ts'

/** Why a single sign-on answer is refused, and so its status: the attempt or answer is bad, the provider is away, or the person may not in. */
const KIND_OF = {
	SSO_ATTEMPT_INVALID: 'invalid',
	SSO_ATTEMPT_EXPIRED: 'invalid',
	SSO_STATE_MISMATCH: 'invalid',
	SSO_PROVIDER_ERROR: 'invalid',
	SSO_TOKEN_REJECTED: 'invalid',
	SSO_PROVIDER_UNAVAILABLE: 'unavailable',
	SSO_NO_EMPLOYEE_NUMBER: 'forbidden',
	SSO_NO_ACCOUNT: 'forbidden',
	SSO_MFA_REQUIRED: 'forbidden',
} as const satisfies Partial<Record<ErrorCode, FailureKind>>

type FinishSsoFailure = keyof typeof KIND_OF

/**
 * The identity provider's answer (ADR 008), for the browser that started the attempt. Takes its
 * attempt (single use, whatever follows), checks state, exchanges the code with the PKCE
 * verifier, validates the ID token, finds the active employee by unit and employee number,
 * demands multi-factor sign-in of coordinators and concern administrators, and only then starts a
 * new session. Every outcome is audited; no token or secret is ever logged or stored.
 */
export async function finishSsoSignIn(
	ctx: ServiceContext,
	{ attemptToken, callbackParams, userAgent, config }: { attemptToken: string | null; callbackParams: URLSearchParams; userAgent: string | null; config: SignInConfig },
): Promise<ServiceResult<{ redirectTo: string; setCookie: string }>> {
	const attempt = attemptToken ? await takeSsoAttempt(ctx.db, { attemptId: sha256(attemptToken) }) : null
	if (!attempt) return denied(ctx, null, 'SSO_ATTEMPT_INVALID', { hadCookie: attemptToken !== null })

	const refused = (code: FinishSsoFailure, details: Record<string, unknown> = {}, userId: string | null = null) =>
		denied(ctx, { tenantId: attempt.tenantId, userId }, code, details)

	if (attempt.expiresAt <= ctx.clock.now()) return refused('SSO_ATTEMPT_EXPIRED')
	const state = callbackParams.get('state')
	if (!state || !sameDigest(sha256(state), attempt.stateHash)) return refused('SSO_STATE_MISMATCH')
	const providerError = callbackParams.get('error')
	if (providerError) return refused('SSO_PROVIDER_ERROR', { providerError: providerError.slice(0, 100) })

	const found = await getSsoConfig(ctx.db, { tenantId: attempt.tenantId })
	const parsed = ssoConfigSchema.safeParse(found?.config)
	const clientSecret = parsed.success ? config.secretFromEnv(parsed.data.clientSecretEnv) : undefined
	if (!parsed.success || !clientSecret) return refused('SSO_PROVIDER_UNAVAILABLE', { reason: 'configuration' })
	const provider = parsed.data

	let claims: Record<string, unknown>
	try {
		const configuration = await providerConfiguration({ issuer: provider.issuer, clientId: provider.clientId, clientSecret })
		// The redirect URI exactly as sent to the provider, with its answer's parameters.
		const callbackUrl = new URL(attempt.redirectUri)
		callbackUrl.search = callbackParams.toString()
		claims = await exchangeCode(configuration, { callbackUrl, state, nonce: attempt.nonce, codeVerifier: attempt.codeVerifier })
	} catch (error) {
		return refused('SSO_TOKEN_REJECTED', { issuer: provider.issuer, error: describeOidcError(error) })
	}
	const identity = { issuer: provider.issuer, subject: typeof claims.sub === 'string' ? claims.sub : null }

	const employeeNumber = employeeNumberFrom(claims, provider.employeeNumberClaim)
	if (!employeeNumber.ok) return refused('SSO_NO_EMPLOYEE_NUMBER', { ...identity, claim: provider.employeeNumberClaim })
	const userId = await findUserIdByEmployeeNumber(ctx.db, { tenantId: attempt.tenantId, employeeNumber: employeeNumber.value })
	const person = userId ? await getSignedInPerson(ctx.db, { userId }) : null
	// The look-up is confined to the attempt's unit already; a second check costs nothing.
	if (!person?.active || person.tenantId !== attempt.tenantId) {
		return refused('SSO_NO_ACCOUNT', { ...identity, employeeNumber: employeeNumber.value })
	}
	const assurance = checkSignInAssurance(person.grants, claims, provider)
	if (!assurance.ok) {
		return refused(assurance.code, { ...identity, amr: Array.isArray(claims.amr) ? claims.amr : null, acr: claims.acr ?? null }, person.userId)
	}

	const setCookie = await signIn(ctx, {
		person,
		auth: config,
		userAgent,
		evidence: { method: 'oidc', ...identity, amr: Array.isArray(claims.amr) ? claims.amr : null, acr: claims.acr ?? null },
	})
	return succeed({ redirectTo: attempt.returnTo, setCookie })
}

/** A refused sign-in: logged, audited in the unit's trail when the attempt told us the unit, and returned. */
async function denied(ctx: ServiceContext, scope: TenantScope | null, code: FinishSsoFailure, details: Record<string, unknown>): Promise<Failure> {
	ctx.logger.warn({ code, ...details }, 'single sign-on refused')
	await auditVisitor(ctx, scope, { action: 'auth.sign_in', objectType: 'user', objectId: scope?.userId ?? null, result: 'denied', after: { method: 'oidc', reason: code, ...details } })
	return refuse(KIND_OF[code], code)
}
