import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '../features/identity/guard.server.ts'
import { ownUnitSession } from '../features/sessions/own-unit-session.ts'
import { searchPlannableCourses } from '../features/sessions/search-plannable-courses.server.ts'
import { valueOrThrow } from '../core/http.server.ts'

/**
 * The course picker of the planning form, as one types (JSON): the first of the unit's plannable
 * courses whose title contains `?zoek=`. Without JavaScript the form's own page does the same search.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownUnitSession)
	const search = new URL(request.url).searchParams.get('zoek') ?? ''
	const matches = valueOrThrow(await searchPlannableCourses(context, { actor, search }))
	return Response.json(matches, { headers: { 'Cache-Control': 'private, no-store' } })
}
