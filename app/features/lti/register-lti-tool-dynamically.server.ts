import { randomUUID } from 'node:crypto'
import { registerToolWithToken, withTenantContext, writeAudit } from '@leerplein/db'
import { grantScopes } from '@leerplein/domain'
import { deepLinkingTarget, registrationRequestSchema, registrationResponse, requestedScopes, TOOL_CONFIGURATION } from '@leerplein/moodle'
import { hashOneTimeValue } from './platform.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'

export type DynamicRegistrationFailure = { error: 'invalid_token' | 'invalid_client_metadata' | 'invalid_redirect_uri'; description: string }

/** The scopes a dynamically registered tool may get: grades and memberships, as Moodle asks. */
const DYNAMIC_REGISTRATION_ALLOWED = [
	'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
	'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
	'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
	'https://purl.imsglobal.org/spec/lti-ags/scope/score',
	'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
]

/**
 * LTI Dynamic Registration, step 2: the tool posts its configuration with the one-time token as
 * bearer. The token is spent and the tool stored in one step; the answer carries the client id
 * and the deployment id Moodle requires. Names and e-mail stay unshared until an administrator opts in.
 */
export async function registerLtiToolDynamically(
	context: LeerpleinContext,
	{ bearer, body }: { bearer: string | null; body: unknown },
): Promise<{ ok: true; value: Record<string, unknown> } | { ok: false; failure: DynamicRegistrationFailure }> {
	if (!bearer) return refused({ error: 'invalid_token', description: 'a registration token is required as bearer' })
	const parsed = registrationRequestSchema.safeParse(body)
	if (!parsed.success)
		return refused({ error: 'invalid_client_metadata', description: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') })
	const request = parsed.data
	if (![...request.redirect_uris, request.initiate_login_uri, request.jwks_uri].every((uri) => /^https?:\/\//.test(uri)))
		return refused({ error: 'invalid_redirect_uri', description: 'URIs must be http(s)' })
	const scopes = grantScopes(requestedScopes(request), DYNAMIC_REGISTRATION_ALLOWED)
	const id = randomUUID()
	const clientId = randomUUID()
	const deploymentId = '1'
	const toolId = await registerToolWithToken(context.db, {
		tokenHash: hashOneTimeValue(bearer),
		tool: {
			id,
			name: request.client_name,
			clientId,
			deploymentIds: [deploymentId],
			loginUrl: request.initiate_login_uri,
			targetLinkUri: request[TOOL_CONFIGURATION].target_link_uri,
			deepLinkingUrl: deepLinkingTarget(request),
			redirectUris: request.redirect_uris,
			jwksUrl: request.jwks_uri,
			custom: request[TOOL_CONFIGURATION].custom_parameters ?? {},
			scopes,
		},
	})
	await withTenantContext(context.db, { tenantId: null, userId: null }, (tx) =>
		writeAudit(tx, {
			action: 'lti.tool_registered',
			objectType: 'lti_tool',
			objectId: toolId,
			result: toolId ? 'success' : 'denied',
			origin: context.clientIp,
			requestId: context.requestId,
			after: toolId ? { name: request.client_name, clientId, scopes, via: 'dynamic' } : { reason: 'registration token invalid, used or expired' },
		}),
	)
	if (!toolId) return refused({ error: 'invalid_token', description: 'the registration token is invalid, used or expired' })
	return { ok: true, value: registrationResponse(request, { clientId, deploymentId, scopes }) }
}

const refused = (failure: DynamicRegistrationFailure) => ({ ok: false as const, failure })
