import { z } from 'zod'

/**
 * The tool's OIDC authentication request (LTI 1.3 Core §5.1.1.2), after the third-party-initiated
 * login. Everything is checked again against the registration and the stored launch.
 */
export const authenticationRequestSchema = z.object({
	scope: z.string().refine((value) => value.split(' ').includes('openid'), 'scope must include openid'),
	response_type: z.literal('id_token'),
	response_mode: z.literal('form_post'),
	prompt: z.literal('none'),
	client_id: z.string().min(1),
	redirect_uri: z.string().url(),
	login_hint: z.string().min(1),
	lti_message_hint: z.string().min(1),
	state: z.string().min(1).max(2048),
	nonce: z.string().min(1).max(2048),
})
export type AuthenticationRequest = z.infer<typeof authenticationRequestSchema>

/** The third-party-initiated login URL: where the browser goes first, on the tool. */
export function loginInitiationUrl(
	toolLoginUrl: string,
	params: { issuer: string; loginHint: string; targetLinkUri: string; messageHint: string; clientId: string; deploymentId: string },
): string {
	const url = new URL(toolLoginUrl)
	url.searchParams.set('iss', params.issuer)
	url.searchParams.set('login_hint', params.loginHint)
	url.searchParams.set('target_link_uri', params.targetLinkUri)
	url.searchParams.set('lti_message_hint', params.messageHint)
	url.searchParams.set('client_id', params.clientId)
	url.searchParams.set('lti_deployment_id', params.deploymentId)
	return url.toString()
}

/** A registered redirect URI matches exactly, character for character (OAuth 2.0 Security BCP). */
export function isRegisteredRedirectUri(registered: readonly string[], requested: string): boolean {
	return registered.includes(requested)
}
