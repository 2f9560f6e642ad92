import type { ActionFunctionArgs } from '@remix-run/node'
import { platformIssuer } from '../features/lti/platform.server.ts'
import { serviceError } from '../features/lti/service-auth.server.ts'
import { issueLtiAccessToken } from '../features/lti/issue-lti-access-token.server.ts'

/** OAuth 2.0 token endpoint for LTI Advantage services (client credentials + JWT client assertion). */
export async function action({ request, context }: ActionFunctionArgs) {
	if (request.method !== 'POST') return serviceError(405, 'invalid_request', 'use POST')
	const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim()
	if (type !== 'application/x-www-form-urlencoded') return serviceError(400, 'invalid_request', 'send application/x-www-form-urlencoded')
	const form = Object.fromEntries(new URLSearchParams(await request.text()))
	const result = await issueLtiAccessToken(context, { form, issuer: platformIssuer(context, request) })
	if (!result.ok) return serviceError(result.failure.error === 'invalid_client' ? 401 : 400, result.failure.error, result.failure.description)
	return Response.json(result.value, { headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' } })
}

export function loader() {
	return serviceError(405, 'invalid_request', 'use POST')
}
