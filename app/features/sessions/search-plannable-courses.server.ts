import type { Database } from '@leerplein/db'
import { listPlannableCourses } from '@leerplein/db/planning'
import { can, type Actor } from '@leerplein/domain'
import { inTenant, refusal, type ServiceContext } from '../../core/service.server.ts'
import { ownUnitSession } from './own-unit-session.ts'

/** How many matches the course picker shows at once; a longer search narrows them. */
export const COURSE_MATCHES = 50

/** The longest search the picker sends on; a longer one is cut, never refused. */
export const COURSE_SEARCH_LIMIT = 200

/**
 * The first courses of the unit's plannable ones (those it provides or joined, never another unit's
 * private course) whose title contains the search, by title; `more` says that others match too.
 */
export async function searchPlannableCourses(ctx: ServiceContext, { actor, search }: { actor: Actor; search: string }) {
	return inTenant(ctx, actor, async (tx) => {
		if (!can(actor, 'update', ownUnitSession(actor))) throw refusal('forbidden', 'FORBIDDEN')
		return plannableCourseMatches(tx, { tenantId: actor.tenantId, search })
	})
}

/** The matches themselves, inside a transaction of the caller's (the planning form's first page shows them too). */
export async function plannableCourseMatches(tx: Database, { tenantId, search }: { tenantId: string; search: string }) {
	const rows = await listPlannableCourses(tx, { tenantId, search: search.slice(0, COURSE_SEARCH_LIMIT), limit: COURSE_MATCHES + 1 })
	return { courses: rows.slice(0, COURSE_MATCHES).map(({ id, title }) => ({ id, title })), more: rows.length > COURSE_MATCHES }
}
