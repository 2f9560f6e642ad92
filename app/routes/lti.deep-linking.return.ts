import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { platformIssuer } from '../features/lti/platform.server.ts'
import { acceptDeepLinkingResponse } from '../features/lti/accept-deep-linking-response.server.ts'

/**
 * Where a tool posts its Deep Linking response: a cross-site POST without our cookie, so the
 * same-origin check lets exactly this path through and the signed JWT plus the one-time `data`
 * authenticate it. A resource route, because Remix refuses cross-origin posts to page actions;
 * a refusal goes to a page that explains it in Dutch.
 */
export async function action({ request, context }: ActionFunctionArgs) {
	const form = await request.formData()
	const jwt = form.get('JWT')
	const result = await acceptDeepLinkingResponse(context, { jwt: typeof jwt === 'string' ? jwt : '', issuer: platformIssuer(context, request) })
	if (!result.ok) return redirect(`/lti/deep-linking/mislukt?${new URLSearchParams({ reden: result.code })}`, 303)
	return redirect(`/catalogus/${result.value.courseId}/online-onderdelen?gekoppeld=${result.value.linked}`, 303)
}

export function loader() {
	return new Response('Not found', { status: 404 })
}
