import type { LoaderFunctionArgs } from '@remix-run/node'
import { parseSearchState } from '@leerplein/domain'
import { actorOf, getSignedIn } from '../features/identity/guard.server.ts'
import { searchCataloguePage } from '../features/catalogue/search-catalogue.server.ts'
import { valueOrThrow } from '../core/http.server.ts'

/** Set by the catalogue page once the person stopped typing: this search is a question asked. */
const COUNT_PARAMETER = 'tellen'

/**
 * Catalogue search as JSON, for search-as-you-type on /catalogus (and anyone who wants the
 * same results in a script): the same parameters, the same visibility, the same view. Public,
 * like the catalogue page: a visitor searches what every unit may see. Counted in the search
 * analytics only with `?tellen=1`, which the page adds once typing has paused (ADR 037): each
 * pause of a quarter second is not a question asked.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const params = new URL(request.url).searchParams
	const parsed = parseSearchState(params)
	if (!parsed.ok) return Response.json({ error: parsed.code }, { status: 400, headers: { 'Cache-Control': 'no-store' } })
	const signedIn = await getSignedIn(request, context)
	const view = valueOrThrow(
		await searchCataloguePage(context, { actor: signedIn ? actorOf(signedIn) : null, state: parsed.value.state, notices: parsed.value.notices, record: params.get(COUNT_PARAMETER) === '1' }),
	)
	// Per viewer (the unit decides what is visible): never cached by a shared proxy.
	return Response.json(view, { headers: { 'Cache-Control': 'private, no-store' } })
}
