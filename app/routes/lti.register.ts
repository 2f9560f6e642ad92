import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { registrationRequestSchema, type RegistrationRequest } from '../features/lti/protocol.server.ts'
import { requireToolRegistrationToken } from '../features/lti/service-auth.server.ts'
import { methodNotAllowed, readToolInput, serviceError, toolServiceError } from '../features/lti/tool-answers.server.ts'
import { keepLtiRegistrationRefusal } from '../features/lti/keep-lti-registration-refusal.server.ts'
import { registerLtiToolDynamically } from '../features/lti/register-lti-tool-dynamically.server.ts'

/** LTI Dynamic Registration endpoint: the tool posts its configuration with the one-time registration token. */
export async function action({ request, context }: ActionFunctionArgs) {
	const actor = await requireToolRegistrationToken(request, context)
	const read = await readRegistration(request)
	if (!read.ok) {
		// Kept against the token for the administrator who issued it: Moodle shows the tool nothing.
		await keepLtiRegistrationRefusal(context, { actor, error: read.error, detail: read.description })
		return serviceError(400, read.error, read.description)
	}
	const registered = await registerLtiToolDynamically(context, { actor, registration: read.registration })
	if (!registered.ok) return toolServiceError(registered)
	return Response.json(registered.value, { headers: { 'Cache-Control': 'no-store' } })
}

/** Registrations are only posted: the guard answers any other method with 405. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	await requireToolRegistrationToken(request, context)
	return methodNotAllowed(['POST'])
}

type ReadRegistration = { ok: true; registration: RegistrationRequest } | { ok: false; error: 'invalid_client_metadata' | 'invalid_redirect_uri'; description: string }

/** The tool's configuration (LTI Dynamic Registration §3.1), with http(s) addresses only; a refusal says which field. */
async function readRegistration(request: Request): Promise<ReadRegistration> {
	let body: unknown
	try {
		body = await request.json()
	} catch {
		return { ok: false, error: 'invalid_client_metadata', description: 'the body is not valid JSON' }
	}
	const parsed = readToolInput(registrationRequestSchema, body)
	if (!parsed.ok) return { ok: false, error: 'invalid_client_metadata', description: parsed.description }
	const registration = parsed.value
	if (![...registration.redirect_uris, registration.initiate_login_uri, registration.jwks_uri].every((uri) => /^https?:\/\//.test(uri)))
		return { ok: false, error: 'invalid_redirect_uri', description: 'URIs must be http(s)' }
	return { ok: true, registration }
}
