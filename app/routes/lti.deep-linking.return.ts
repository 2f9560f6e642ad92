import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { acceptDeepLinkingResponse } from '../features/lti/accept-deep-linking-response.server.ts'
import { requireToolDeepLinkingResponse } from '../features/lti/service-auth.server.ts'
import { deepLinkingRefused } from '../features/lti/tool-answers.server.ts'

/**
 * Where a tool posts its Deep Linking response: a cross-site POST without our cookie, so the
 * same-origin check lets exactly this path through and the signed JWT plus the one-time `data`
 * authenticate it. A resource route, because Remix refuses cross-origin posts to page actions;
 * a refusal goes to a page that explains it in Dutch.
 */
export async function action({ request, context }: ActionFunctionArgs) {
	const { actor, response } = await requireToolDeepLinkingResponse(request, context)
	const accepted = await acceptDeepLinkingResponse(context, { actor, response })
	if (!accepted.ok) return deepLinkingRefused(accepted.code)
	// On to the step that asks the pass mark of each new part (ADR 026).
	const next = new URLSearchParams({ gekoppeld: String(accepted.value.linked), slaaggrens: accepted.value.resourceLinkIds.join(',') })
	return redirect(`/catalogus/${accepted.value.courseId}/online-onderdelen?${next}#slaaggrenzen`, 303)
}

/** Only ever posted: the guard answers anything else with 404. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	await requireToolDeepLinkingResponse(request, context)
	return new Response('Not found', { status: 404 })
}
