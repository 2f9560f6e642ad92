import { data, redirect } from '@remix-run/node'
import type { Actor, ServiceContext } from '../../core/service.server.ts'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../../core/form.server.ts'
import { formFailure, invariantResponse, throwFailure } from '../../core/http.server.ts'
import { suggestDuplicates } from '../deduplication/suggest-duplicates.server.ts'
import { courseFormSchema, joinCourseSchema, type CourseFormReply } from './course-form-schema.ts'
import { changeCourseStatus } from './change-course-status.server.ts'
import { joinSharedCourse } from './join-course.server.ts'
import { saveCourse } from './save-course.server.ts'

/**
 * The course form's action, for a new course and for editing one, after the route's guard:
 * check for duplicates, save (after confirmation when likely duplicates exist), or join an
 * existing course instead; for a saved course also publish or archive it. Each intent is one service verb.
 */
export async function courseFormAction(request: Request, context: ServiceContext, { actor, courseId }: { actor: Actor; courseId: string | null }) {
	const form = await readForm(request, { multiline: ['description', 'learningGoals', 'targetAudience', 'prerequisites'] })
	// Publishing and archiving act on a saved course, after the page asked for confirmation.
	const intent = requireIntent(form, courseId ? (['check', 'save', 'save-anyway', 'join', 'publish', 'archive'] as const) : (['check', 'save', 'save-anyway', 'join'] as const))

	if ((intent === 'publish' || intent === 'archive') && courseId) {
		const changed = await changeCourseStatus(context, { actor, courseId, change: intent })
		if (!changed.ok) return changed.kind === 'not_found' ? throwFailure(changed) : formFailure(changed, 'status')
		throw redirect(`/beheer/cursussen/${courseId}?${intent === 'publish' ? 'gepubliceerd' : 'gearchiveerd'}=1`)
	}

	if (intent === 'join') {
		const submission = parseForm(form, joinCourseSchema)
		invariantResponse(submission.status === 'success', 400, 'JOIN_NOT_ALLOWED')
		const joined = await joinSharedCourse(context, { actor, courseId: submission.value.courseId })
		if (!joined.ok) throwFailure(joined)
		throw redirect(`/catalogus/${submission.value.courseId}?aangesloten=1`)
	}

	const submission = parseForm(form, courseFormSchema)
	if (submission.status !== 'success') return invalidForm(submission)
	if (intent === 'check') {
		const suggested = await suggestDuplicates(context, { actor, courseId, draft: submission.value })
		if (!suggested.ok) return refusedForm(submission, suggested)
		return data<CourseFormReply>({ ...submission.reply(), suggestions: suggested.value, needsConfirmation: false })
	}
	const saved = await saveCourse(context, { actor, courseId, input: submission.value, despiteDuplicates: intent === 'save-anyway' })
	if (!saved.ok) return saved.kind === 'not_found' ? throwFailure(saved) : refusedForm(submission, saved)
	if (saved.value.kind === 'likely_duplicates') return data<CourseFormReply>({ ...submission.reply(), suggestions: saved.value.suggestions, needsConfirmation: true })
	// To the course's own page, where a draft is published.
	throw redirect(`/beheer/cursussen/${saved.value.courseId}?opgeslagen=1`)
}
