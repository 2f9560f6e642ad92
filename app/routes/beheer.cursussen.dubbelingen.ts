import type { LoaderFunctionArgs } from '@remix-run/node'
import { COURSE_FORMS } from '@leerplein/domain'
import { z } from 'zod'
import { requirePermission } from '../features/identity/guard.server.ts'
import { ownCourses } from '../features/courses/own-courses.ts'
import { suggestDuplicates } from '../features/deduplication/suggest-duplicates.server.ts'
import { valueOrThrow } from '../core/http.server.ts'

/** The draft as typed so far: unknown or missing fields are left out of the comparison (a default), never an error. */
const draftSchema = z.object({
	title: z.string().catch('').transform((text) => text.slice(0, 160)),
	summary: z.string().catch('').transform((text) => text.slice(0, 300)),
	description: z.string().catch('').transform((text) => text.slice(0, 10_000)),
	themeId: z.uuid().nullable().catch(null),
	form: z.enum(COURSE_FORMS).catch('classroom'),
	durationMinutes: z.coerce.number().int().positive().catch(60),
	/** The course being edited, which is no duplicate of itself. */
	cursus: z.uuid().nullable().catch(null),
})

/** Live duplicate suggestions for the course form (JSON), as a coordinator types. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'create', ownCourses)
	const { cursus: courseId, ...draft } = draftSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
	const suggestions = valueOrThrow(await suggestDuplicates(context, { actor, courseId, draft }))
	return Response.json({ suggestions }, { headers: { 'Cache-Control': 'private, no-store' } })
}
