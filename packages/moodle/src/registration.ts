import { z } from 'zod'
import { LTI_VERSION, MESSAGE_TYPE } from './claims.ts'
import type { Platform } from './messages.ts'

export const TOOL_CONFIGURATION = 'https://purl.imsglobal.org/spec/lti-tool-configuration'
export const PLATFORM_CONFIGURATION = 'https://purl.imsglobal.org/spec/lti-platform-configuration'

export type PlatformEndpoints = {
	issuer: string
	authorizationEndpoint: string
	tokenEndpoint: string
	jwksUri: string
	registrationEndpoint: string
}

/** The platform's OpenID configuration, which a tool reads at the start of Dynamic Registration. */
export function openIdConfiguration(endpoints: PlatformEndpoints, platform: Platform, scopes: readonly string[]) {
	return {
		issuer: endpoints.issuer,
		authorization_endpoint: endpoints.authorizationEndpoint,
		token_endpoint: endpoints.tokenEndpoint,
		jwks_uri: endpoints.jwksUri,
		registration_endpoint: endpoints.registrationEndpoint,
		token_endpoint_auth_methods_supported: ['private_key_jwt'],
		token_endpoint_auth_signing_alg_values_supported: ['RS256'],
		scopes_supported: ['openid', ...scopes],
		response_types_supported: ['id_token'],
		id_token_signing_alg_values_supported: ['RS256'],
		subject_types_supported: ['public'],
		claims_supported: ['iss', 'aud', 'sub', 'iat', 'exp', 'nonce', 'name', 'email', 'locale'],
		authorization_server: endpoints.issuer,
		[PLATFORM_CONFIGURATION]: {
			product_family_code: platform.productFamilyCode,
			version: platform.version,
			messages_supported: [{ type: MESSAGE_TYPE.resourceLink }, { type: MESSAGE_TYPE.deepLinkingRequest }],
			variables: [],
			lti_version: LTI_VERSION,
		},
	}
}

// Optional URLs a tool may leave empty: Moodle sends `"logo_uri": ""` whenever its site has no
// logo (its default), so an empty string counts as absent rather than as an invalid URL.
const optionalUrl = z.preprocess((value) => (value === '' || value === null ? undefined : value), z.string().url().optional())

const messageSchema = z.object({ type: z.string(), target_link_uri: z.string().url().optional() }).passthrough()

/** The tool's registration request (LTI Dynamic Registration 1.0 §3.5). */
export const registrationRequestSchema = z.object({
	application_type: z.literal('web').optional(),
	response_types: z.array(z.string()).refine((types) => types.includes('id_token'), 'response_types must include id_token'),
	grant_types: z
		.array(z.string())
		.refine((types) => types.includes('implicit') && types.includes('client_credentials'), 'grant_types must include implicit and client_credentials'),
	initiate_login_uri: z.string().url(),
	redirect_uris: z.array(z.string().url()).min(1),
	client_name: z.string().trim().min(1).max(200),
	jwks_uri: z.string().url(),
	logo_uri: optionalUrl,
	client_uri: optionalUrl,
	policy_uri: optionalUrl,
	tos_uri: optionalUrl,
	token_endpoint_auth_method: z.literal('private_key_jwt'),
	scope: z.string().optional(),
	[TOOL_CONFIGURATION]: z
		.object({
			domain: z.string().optional(),
			target_link_uri: z.string().url(),
			custom_parameters: z.record(z.string(), z.string()).optional(),
			claims: z.array(z.string()).optional(),
			messages: z.array(messageSchema).optional(),
			// Moodle lists its scopes here as well as (or instead of) in `scope`.
			scopes: z.array(z.string()).optional(),
		})
		.passthrough(),
})
export type RegistrationRequest = z.infer<typeof registrationRequestSchema>

/** The scopes a registering tool asks for, wherever it put them. */
export function requestedScopes(request: RegistrationRequest): string[] {
	const fromScope = (request.scope ?? '').split(' ').filter(Boolean)
	return [...new Set([...fromScope, ...(request[TOOL_CONFIGURATION].scopes ?? [])])]
}

/** The deep-linking target a tool asked for, if it offers content selection. */
export function deepLinkingTarget(request: RegistrationRequest): string | null {
	const message = request[TOOL_CONFIGURATION].messages?.find((m) => m.type === MESSAGE_TYPE.deepLinkingRequest)
	return message ? (message.target_link_uri ?? request[TOOL_CONFIGURATION].target_link_uri) : null
}

/** The answer: the request echoed with our client id, the granted scopes and the deployment id Moodle needs. */
export function registrationResponse(
	request: RegistrationRequest,
	{ clientId, deploymentId, scopes }: { clientId: string; deploymentId: string; scopes: string[] },
) {
	return {
		client_id: clientId,
		application_type: 'web',
		response_types: ['id_token'],
		grant_types: ['implicit', 'client_credentials'],
		initiate_login_uri: request.initiate_login_uri,
		redirect_uris: request.redirect_uris,
		client_name: request.client_name,
		jwks_uri: request.jwks_uri,
		...(request.logo_uri ? { logo_uri: request.logo_uri } : {}),
		...(request.client_uri ? { client_uri: request.client_uri } : {}),
		...(request.policy_uri ? { policy_uri: request.policy_uri } : {}),
		...(request.tos_uri ? { tos_uri: request.tos_uri } : {}),
		token_endpoint_auth_method: 'private_key_jwt',
		scope: scopes.join(' '),
		[TOOL_CONFIGURATION]: { ...request[TOOL_CONFIGURATION], deployment_id: deploymentId },
	}
}
