import type { LoaderFunctionArgs } from '@remix-run/node'
import { COURSE_FORMS, isUuid, type CourseForm } from '@leerplein/domain'
import { requirePermission, requireSignedIn } from '../features/identity/guard.server.ts'
import { suggestDuplicates } from '../features/deduplication/suggest-duplicates.server.ts'

/**
 * Live duplicate suggestions for the course form (JSON), as a coordinator types. Unknown or
 * missing fields are simply left out of the comparison; a query never fails on them.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const signedIn = await requireSignedIn(request, context)
	const { tenantId, userId } = signedIn.person
	await requirePermission(request, context, 'create', { kind: 'course', providerTenantId: tenantId })
	const params = new URL(request.url).searchParams
	const text = (name: string, max: number) => (params.get(name) ?? '').slice(0, max)
	const form = params.get('form') ?? ''
	const duration = Number(params.get('durationMinutes'))
	const courseId = params.get('cursus')
	const suggestions = await suggestDuplicates(context, {
		tenantId,
		userId,
		courseId: isUuid(courseId) ? courseId : null,
		draft: {
			title: text('title', 160),
			summary: text('summary', 300),
			description: text('description', 10_000),
			themeId: isUuid(params.get('themeId')) ? params.get('themeId') : null,
			form: (COURSE_FORMS as readonly string[]).includes(form) ? (form as CourseForm) : 'classroom',
			durationMinutes: Number.isInteger(duration) && duration > 0 ? duration : 60,
		},
	})
	return Response.json({ suggestions }, { headers: { 'Cache-Control': 'private, no-store' } })
}
