import type { ActionFunctionArgs } from '@remix-run/node'
import { serviceError } from '../features/lti/service-auth.server.ts'
import { registerLtiToolDynamically } from '../features/lti/register-lti-tool-dynamically.server.ts'

/** LTI Dynamic Registration endpoint: the tool posts its configuration with the one-time registration token. */
export async function action({ request, context }: ActionFunctionArgs) {
	if (request.method !== 'POST') return serviceError(405, 'invalid_request', 'use POST')
	const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1] ?? null
	let body: unknown
	try {
		body = await request.json()
	} catch {
		return serviceError(400, 'invalid_client_metadata', 'the body is not valid JSON')
	}
	const result = await registerLtiToolDynamically(context, { bearer, body })
	if (!result.ok) return serviceError(result.failure.error === 'invalid_token' ? 401 : 400, result.failure.error, result.failure.description)
	return Response.json(result.value, { headers: { 'Cache-Control': 'no-store' } })
}

export function loader() {
	return serviceError(405, 'invalid_request', 'use POST')
}
