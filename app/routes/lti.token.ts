import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { requireToolAssertion } from '../features/lti/service-auth.server.ts'
import { methodNotAllowed, toolServiceError } from '../features/lti/tool-answers.server.ts'
import { issueLtiAccessToken } from '../features/lti/issue-lti-access-token.server.ts'

/** OAuth 2.0 token endpoint for LTI Advantage services (client credentials + JWT client assertion). */
export async function action({ request, context }: ActionFunctionArgs) {
	const { actor, scopes, issuer } = await requireToolAssertion(request, context)
	const issued = await issueLtiAccessToken(context, { actor, scopes, issuer })
	if (!issued.ok) return toolServiceError(issued)
	return Response.json(issued.value, { headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' } })
}

/** Tokens are only posted: the guard answers any other method with 405. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	await requireToolAssertion(request, context)
	return methodNotAllowed(['POST'])
}
