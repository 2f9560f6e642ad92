import { data, redirect, type ActionFunctionArgs } from '@remix-run/node'
import { courseInputSchema, isUuid, type CourseInput } from '@leerplein/domain'
import { requirePermission, requireSignedIn } from '../identity/guard.server.ts'
import { joinSharedCourse } from './join-course.server.ts'
import { saveCourse } from './save-course.server.ts'
import { suggestDuplicates, type DuplicateSuggestion } from '../deduplication/suggest-duplicates.server.ts'
import { invariantResponse } from '../../core/http.server.ts'

/** The course form's fields as typed, kept as text so nothing is lost when the form comes back with errors. */
export type CourseFormValues = Record<keyof CourseInput, string>

const FIELDS = ['title', 'summary', 'description', 'themeId', 'form', 'language', 'durationMinutes', 'priceEuros', 'status'] as const

export function readCourseForm(form: FormData): CourseFormValues {
	return Object.fromEntries(FIELDS.map((field) => [field, String(form.get(field) ?? '').slice(0, 20_000)])) as CourseFormValues
}

/** Parses the form; on failure, one error code per field (the first), for the message next to it. */
export function parseCourseForm(values: CourseFormValues): { ok: true; input: CourseInput } | { ok: false; errors: Partial<Record<keyof CourseInput, string>> } {
	const parsed = courseInputSchema.safeParse(values)
	if (parsed.success) return { ok: true, input: parsed.data }
	const errors: Partial<Record<keyof CourseInput, string>> = {}
	for (const issue of parsed.error.issues) {
		const field = issue.path[0] as keyof CourseInput
		errors[field] ??= issue.message
	}
	return { ok: false, errors }
}

export type CourseFormResult = {
	values: CourseFormValues
	errors: Partial<Record<keyof CourseInput, string>>
	suggestions: DuplicateSuggestion[]
	/** The form was checked for duplicates (by the button, or before saving). */
	checked: boolean
	/** Saving stopped because of likely duplicates: the coordinator must join one or confirm. */
	needsConfirmation: boolean
}

/**
 * The course form's action, for a new course and for editing one: check for duplicates, save
 * (after confirmation when likely duplicates exist), or join an existing course instead.
 */
export async function courseFormAction({ request, context }: ActionFunctionArgs, { courseId }: { courseId: string | null }) {
	const signedIn = await requireSignedIn(request, context)
	const { tenantId, userId } = signedIn.person
	const form = await request.formData()
	const intent = String(form.get('intent') ?? 'save')

	if (intent === 'join') {
		const target = String(form.get('courseId') ?? '')
		invariantResponse(isUuid(target), 400, 'JOIN_NOT_ALLOWED')
		await requirePermission(request, context, 'create', { kind: 'course-offering', tenantId })
		const joined = await joinSharedCourse(context, { tenantId, userId, courseId: target })
		invariantResponse(joined, 400, 'JOIN_NOT_ALLOWED')
		throw redirect(`/catalogus/${target}?aangesloten=1`)
	}

	await requirePermission(request, context, courseId ? 'update' : 'create', { kind: 'course', providerTenantId: tenantId })
	const values = readCourseForm(form)
	const parsed = parseCourseForm(values)
	if (!parsed.ok) return data<CourseFormResult>({ values, errors: parsed.errors, suggestions: [], checked: false, needsConfirmation: false }, 400)

	const { input } = parsed
	const suggestions = await suggestDuplicates(context, { tenantId, userId, courseId, draft: { ...input, themeId: input.themeId } })
	if (intent === 'check' || (intent === 'save' && suggestions.length > 0)) {
		return data<CourseFormResult>({ values, errors: {}, suggestions, checked: true, needsConfirmation: intent === 'save' })
	}
	const saved = await saveCourse(context, { tenantId, userId, courseId, input })
	invariantResponse(saved, 404, 'COURSE_NOT_FOUND')
	throw redirect('/beheer/cursussen?opgeslagen=1')
}
