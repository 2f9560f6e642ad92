import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { registrationRequestSchema, type RegistrationRequest } from '../features/lti/protocol.server.ts'
import { requireToolRegistrationToken } from '../features/lti/service-auth.server.ts'
import { methodNotAllowed, parseToolInput, serviceError, toolServiceError } from '../features/lti/tool-answers.server.ts'
import { registerLtiToolDynamically } from '../features/lti/register-lti-tool-dynamically.server.ts'

/** LTI Dynamic Registration endpoint: the tool posts its configuration with the one-time registration token. */
export async function action({ request, context }: ActionFunctionArgs) {
	const actor = await requireToolRegistrationToken(request, context)
	const registration = await readRegistration(request)
	const registered = await registerLtiToolDynamically(context, { actor, registration })
	if (!registered.ok) return toolServiceError(registered)
	return Response.json(registered.value, { headers: { 'Cache-Control': 'no-store' } })
}

/** Registrations are only posted: the guard answers any other method with 405. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	await requireToolRegistrationToken(request, context)
	return methodNotAllowed(['POST'])
}

/** The tool's configuration (LTI Dynamic Registration §3.1), with http(s) addresses only. */
async function readRegistration(request: Request): Promise<RegistrationRequest> {
	let body: unknown
	try {
		body = await request.json()
	} catch {
		throw serviceError(400, 'invalid_client_metadata', 'the body is not valid JSON')
	}
	const registration = parseToolInput(registrationRequestSchema, body, 'invalid_client_metadata')
	if (![...registration.redirect_uris, registration.initiate_login_uri, registration.jwks_uri].every((uri) => /^https?:\/\//.test(uri)))
		throw serviceError(400, 'invalid_redirect_uri', 'URIs must be http(s)')
	return registration
}
