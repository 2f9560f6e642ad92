/** The LTI Advantage service scopes Leerplein serves. */
export const LTI_SCOPES = {
	lineItem: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
	lineItemReadOnly: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
	resultReadOnly: 'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
	score: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
	memberships: 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
} as const
export type LtiScope = (typeof LTI_SCOPES)[keyof typeof LTI_SCOPES]
export const ALL_LTI_SCOPES: readonly LtiScope[] = Object.values(LTI_SCOPES)

export function isLtiScope(value: string): value is LtiScope {
	return (ALL_LTI_SCOPES as readonly string[]).includes(value)
}

/**
 * The scopes an access token gets: what the tool asked for and its registration allows,
 * never more. Unknown scopes are dropped rather than refused, as OAuth 2.0 permits.
 */
export function grantScopes(requested: readonly string[], allowed: readonly string[]): LtiScope[] {
	return [...new Set(requested)].filter((scope): scope is LtiScope => isLtiScope(scope) && allowed.includes(scope))
}

/** Whether a token's scopes cover an endpoint: any one of the scopes that endpoint accepts. */
export function scopesCover(granted: readonly string[], anyOf: readonly LtiScope[]): boolean {
	return anyOf.some((scope) => granted.includes(scope))
}
