import { getSsoConfig, insertSsoAttempt } from '@leerplein/db'
import { fail, ok, ssoConfigSchema, type Result } from '@leerplein/domain'
import { ATTEMPT_LIFETIME_MS, attemptCookie, authorizationRequest, CALLBACK_PATH, describeOidcError, providerConfiguration } from './oidc.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'

export type StartSsoFailure = 'SSO_NOT_CONFIGURED' | 'SSO_PROVIDER_UNAVAILABLE'

/**
 * Sends the browser to its unit's identity provider (ADR 008): stores a single-use attempt
 * (state hash, nonce, PKCE verifier, unit, where to go afterwards) and binds it to this browser
 * with a cookie.
 */
export async function startSsoSignIn(
	context: LeerpleinContext,
	{ unitSlug, returnTo, requestOrigin }: { unitSlug: string; returnTo: string; requestOrigin: string },
	now = context.clock.now(),
): Promise<Result<{ location: string; setCookie: string }, StartSsoFailure>> {
	const found = await getSsoConfig(context.db, { slug: unitSlug })
	if (!found) return fail('SSO_NOT_CONFIGURED')
	const { unit } = found
	const parsed = ssoConfigSchema.safeParse(found.config)
	const clientSecret = parsed.success ? context.config.secretFromEnv(parsed.data.clientSecretEnv) : undefined
	if (!parsed.success || !clientSecret) {
		// An operations error, not the person's: say which setting, never a value.
		context.logger.error(
			{ unit: unit.slug, invalidConfig: parsed.success ? null : parsed.error.issues.map((issue) => issue.path.join('.')), secretEnv: parsed.data?.clientSecretEnv ?? null },
			parsed.success ? 'single sign-on: the client secret environment variable is not set' : 'single sign-on: the stored provider config is invalid',
		)
		return fail('SSO_PROVIDER_UNAVAILABLE')
	}
	const config = parsed.data

	let request
	try {
		const configuration = await providerConfiguration({ issuer: config.issuer, clientId: config.clientId, clientSecret })
		request = await authorizationRequest(configuration, {
			redirectUri: `${context.config.publicOrigin ?? requestOrigin}${CALLBACK_PATH}`,
			scopes: config.extraScopes,
		})
	} catch (error) {
		context.logger.warn({ unit: unit.slug, issuer: config.issuer, error: describeOidcError(error) }, 'single sign-on: provider discovery failed')
		return fail('SSO_PROVIDER_UNAVAILABLE')
	}

	await insertSsoAttempt(context.db, {
		...request.attempt,
		tenantId: unit.id,
		redirectUri: request.url.searchParams.get('redirect_uri')!,
		returnTo,
		expiresAt: new Date(now.getTime() + ATTEMPT_LIFETIME_MS),
	})
	return ok({ location: request.url.href, setCookie: attemptCookie(request.attemptToken, { secure: context.config.secureCookies }) })
}
