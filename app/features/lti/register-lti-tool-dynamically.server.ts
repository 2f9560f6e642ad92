import { randomUUID } from 'node:crypto'
import { registerToolWithToken } from '@leerplein/db/lti'
import { grantScopes } from '@leerplein/domain'
import { deepLinkingTarget, registrationResponse, requestedScopes, TOOL_CONFIGURATION, type RegistrationRequest } from '@leerplein/moodle'
import { outboundAllowed } from '../../core/outbound.server.ts'
import { refuse, succeed, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { hashOneTimeValue } from './platform.server.ts'
import { keepLtiRegistrationRefusal } from './keep-lti-registration-refusal.server.ts'
import { auditApart, type RegistrationHolder } from './tool-context.server.ts'

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
 * A refusal is kept against the token for the administrator to read (keepLtiRegistrationRefusal).
 */
export async function registerLtiToolDynamically(
	ctx: ServiceContext,
	{ actor, registration }: { actor: RegistrationHolder; registration: RegistrationRequest },
): Promise<ServiceResult<Record<string, unknown>>> {
	// Checked before the token is spent, so the tool can correct its configuration and try again.
	if (!(await outboundAllowed(registration.jwks_uri))) {
		await keepLtiRegistrationRefusal(ctx, { actor, error: 'invalid_client_metadata', detail: 'jwks_uri must be a public https address' })
		return refuse('invalid', 'OUTBOUND_ADDRESS_REFUSED')
	}
	const scopes = grantScopes(requestedScopes(registration), DYNAMIC_REGISTRATION_ALLOWED)
	const clientId = randomUUID()
	const deploymentId = '1'
	const toolId = await registerToolWithToken(ctx.db, {
		tokenHash: hashOneTimeValue(actor.registrationToken),
		tool: {
			id: randomUUID(),
			name: registration.client_name,
			clientId,
			deploymentIds: [deploymentId],
			loginUrl: registration.initiate_login_uri,
			targetLinkUri: registration[TOOL_CONFIGURATION].target_link_uri,
			deepLinkingUrl: deepLinkingTarget(registration),
			redirectUris: registration.redirect_uris,
			jwksUrl: registration.jwks_uri,
			custom: registration[TOOL_CONFIGURATION].custom_parameters ?? {},
			scopes,
		},
	})
	if (!toolId) {
		await keepLtiRegistrationRefusal(ctx, { actor, error: 'invalid_token', detail: 'the registration token is invalid, used or expired' })
		return refuse('forbidden', 'LTI_REGISTRATION_TOKEN_INVALID')
	}
	await auditApart(ctx, null, { action: 'lti.tool_registered', objectType: 'lti_tool', objectId: toolId, after: { name: registration.client_name, clientId, scopes, via: 'dynamic' } })
	return succeed(registrationResponse(registration, { clientId, deploymentId, scopes }))
}
