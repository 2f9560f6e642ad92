import { getSsoConfig, insertSsoAttempt } from '@leerplein/db/identity'
import { ssoConfigSchema } from '@leerplein/domain'
import { refuse, succeed, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { ATTEMPT_LIFETIME_MS, attemptCookie, authorizationRequest, CALLBACK_PATH, describeOidcError, providerConfiguration } from './oidc.server.ts'
import type { SignInConfig } from './sign-in.server.ts'

/**
 * A visitor starts single sign-on at their unit's identity provider (ADR 008): stores a
 * single-use attempt (state hash, nonce, PKCE verifier, unit, where to go afterwards) and binds it
 * to this browser with a cookie. A unit without single sign-on is not found; a provider that
 * cannot be reached (or a config the portal cannot use) is unavailable.
 */
export async function startSsoSignIn(
	ctx: ServiceContext,
	{ unitSlug, returnTo, config }: { unitSlug: string; returnTo: string; config: SignInConfig },
): Promise<ServiceResult<{ location: string; setCookie: string }>> {
	const found = await getSsoConfig(ctx.db, { slug: unitSlug })
	if (!found) return refuse('not_found', 'SSO_NOT_CONFIGURED')
	const { unit } = found
	const parsed = ssoConfigSchema.safeParse(found.config)
	const clientSecret = parsed.success ? config.secretFromEnv(parsed.data.clientSecretEnv) : undefined
	if (!parsed.success || !clientSecret) {
		// An operations error, not the person's: say which setting, never a value.
		ctx.logger.error(
			{ unit: unit.slug, invalidConfig: parsed.success ? null : parsed.error.issues.map((issue) => issue.path.join('.')), secretEnv: parsed.data?.clientSecretEnv ?? null },
			parsed.success ? 'single sign-on: the client secret environment variable is not set' : 'single sign-on: the stored provider config is invalid',
		)
		return refuse('unavailable', 'SSO_PROVIDER_UNAVAILABLE')
	}
	const provider = parsed.data

	let request
	try {
		const configuration = await providerConfiguration({ issuer: provider.issuer, clientId: provider.clientId, clientSecret })
		request = await authorizationRequest(configuration, {
			redirectUri: `${config.publicOrigin}${CALLBACK_PATH}`,
			scopes: provider.extraScopes,
		})
	} catch (error) {
		ctx.logger.warn({ unit: unit.slug, issuer: provider.issuer, error: describeOidcError(error) }, 'single sign-on: provider discovery failed')
		return refuse('unavailable', 'SSO_PROVIDER_UNAVAILABLE')
	}

	await insertSsoAttempt(ctx.db, {
		...request.attempt,
		tenantId: unit.id,
		redirectUri: request.url.searchParams.get('redirect_uri')!,
		returnTo,
		expiresAt: new Date(ctx.clock.now().getTime() + ATTEMPT_LIFETIME_MS),
	})
	return succeed({ location: request.url.href, setCookie: attemptCookie(request.attemptToken, { secure: config.secureCookies }) })
}
