import type { LoaderFunctionArgs } from '@remix-run/node'
import { parseSearchState } from '@leerplein/domain'
import { getSignedIn } from '../features/identity/guard.server.ts'
import { searchCataloguePage } from '../features/catalogue/search-catalogue.server.ts'

/**
 * Catalogue search as JSON, for search-as-you-type on /catalogus (and anyone who wants the
 * same results in a script): the same parameters, the same visibility, the same view.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const parsed = parseSearchState(new URL(request.url).searchParams)
	if (!parsed.ok) return Response.json({ error: parsed.code }, { status: 400, headers: { 'Cache-Control': 'no-store' } })
	const signedIn = await getSignedIn(request, context)
	const view = await searchCataloguePage(context, {
		viewerTenantId: signedIn?.person.tenantId ?? null,
		state: parsed.value.state,
		notices: parsed.value.notices,
		now: new Date(),
	})
	// Per viewer (the unit decides what is visible): never cached by a shared proxy.
	return Response.json(view, { headers: { 'Cache-Control': 'private, no-store' } })
}
