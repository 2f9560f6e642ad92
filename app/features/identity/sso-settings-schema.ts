import { issuerTransportAllowed, SSO_SECRET_ENV_PATTERN, type SsoConfig } from '@leerplein/domain'
import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

// The form of a unit's single sign-on settings (/beheer/inloggen/{unit}, ADR 051), shared by the
// action and the browser (Conform). Messages are error codes, translated under `errors`. What it
// accepts also passes the domain's `ssoConfigSchema`, with which the sign-in reads the row.

/** An issuer as OpenID Connect Discovery defines it: https (http on loopback only), no query, no fragment, no spaces. */
function issuerValid(value: string): boolean {
	return URL.canParse(value) && issuerTransportAllowed(value) && !/[?#\s]/.test(value)
}

/** Words separated by spaces (or commas): scopes and acr values are one line each. */
const words = (value: string | undefined) => (value ?? '').split(/[\s,]+/).filter(Boolean)

// RFC 6749, section 3.3: a scope token is printable ASCII without space, `"` or `\`.
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]{1,100}$/

export const ssoSettingsSchema = z.object({
	issuer: z
		.string({ error: 'SSO_ISSUER_INVALID' satisfies ErrorCode })
		.trim()
		.max(500, { error: 'SSO_ISSUER_INVALID' satisfies ErrorCode })
		.refine(issuerValid, { error: 'SSO_ISSUER_INVALID' satisfies ErrorCode }),
	clientId: z
		.string({ error: 'SSO_CLIENT_ID_REQUIRED' satisfies ErrorCode })
		.trim()
		.min(1, { error: 'SSO_CLIENT_ID_REQUIRED' satisfies ErrorCode })
		.max(255, { error: 'SSO_CLIENT_ID_REQUIRED' satisfies ErrorCode }),
	clientSecretEnv: z
		.string({ error: 'SSO_SECRET_ENV_INVALID' satisfies ErrorCode })
		.trim()
		.regex(SSO_SECRET_ENV_PATTERN, { error: 'SSO_SECRET_ENV_INVALID' satisfies ErrorCode }),
	employeeNumberClaim: z
		.string({ error: 'SSO_CLAIM_REQUIRED' satisfies ErrorCode })
		.trim()
		.regex(/^\S{1,100}$/, { error: 'SSO_CLAIM_REQUIRED' satisfies ErrorCode }),
	extraScopes: z
		.string()
		.optional()
		.transform(words)
		.refine((scopes) => scopes.length <= 10 && scopes.every((scope) => SCOPE_TOKEN.test(scope)), { error: 'SSO_SCOPES_INVALID' satisfies ErrorCode })
		// openid is always asked; typing it again changes nothing.
		.transform((scopes) => [...new Set(scopes.filter((scope) => scope !== 'openid'))]),
	mfaAcrValues: z
		.string()
		.optional()
		.transform(words)
		.refine((values) => values.length <= 10 && values.every((value) => value.length <= 200), { error: 'SSO_ACR_INVALID' satisfies ErrorCode })
		.transform((values) => [...new Set(values)]),
})

export type SsoSettingsInput = z.infer<typeof ssoSettingsSchema>

/** A stored config as the form shows it. */
export function ssoSettingsFormValues(config: SsoConfig | null): Record<keyof SsoSettingsInput, string> {
	return {
		issuer: config?.issuer ?? '',
		clientId: config?.clientId ?? '',
		clientSecretEnv: config?.clientSecretEnv ?? '',
		employeeNumberClaim: config?.employeeNumberClaim ?? '',
		extraScopes: config?.extraScopes.join(' ') ?? '',
		mfaAcrValues: config?.mfaAcrValues.join(' ') ?? '',
	}
}
