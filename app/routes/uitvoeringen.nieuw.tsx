import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { isUuid } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { requirePermission } from '../features/identity/guard.server.ts'
import { ownUnitSession } from '../features/sessions/own-unit-session.ts'
import { planSessionFormSchema, type PlanSessionReply } from '../features/sessions/plan-session-schema.ts'
import { planNewSession } from '../features/sessions/plan-session.server.ts'
import { COURSE_SEARCH_BUTTON } from '../features/sessions/course-picker.tsx'
import { searchPlannableCourses } from '../features/sessions/search-plannable-courses.server.ts'
import { SessionPlanForm } from '../features/sessions/session-plan-form.tsx'
import { showPlanningForm } from '../features/sessions/show-planning-form.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { invalidForm, keptForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { invariantResponse, valueOrThrow } from '../core/http.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownUnitSession)
	const params = new URL(request.url).searchParams
	// ?cursus= preselects a course from its page; ?kopie= copies one of the unit's sessions; ?zoek=
	// narrows the courses offered (the picker's search without JavaScript).
	const copyOf = params.get('kopie')
	invariantResponse(copyOf === null || isUuid(copyOf), 404, 'SESSION_NOT_FOUND')
	const form = valueOrThrow(await showPlanningForm(context, { actor, courseId: params.get('cursus'), copyOf, courseSearch: params.get('zoek') ?? '' }))
	const t = await i18next.getFixedT(request)
	return { ...form, search: params.get('zoek') ?? '', title: `${t('sessionPlan.title')} – ${t('app.name')}` }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownUnitSession)
	const form = await readForm(request, { multiline: ['participantNote'] })
	requireIntent(form, ['plan'])
	// Without JavaScript the course search submits this form: the matches, and every field as typed.
	if (form.has(COURSE_SEARCH_BUTTON)) {
		const search = String(form.get('zoek') ?? '')
		const found = valueOrThrow(await searchPlannableCourses(context, { actor, search }))
		return { courseSearch: { ...found, search }, reply: keptForm(form) }
	}
	const submission = parseForm(form, planSessionFormSchema)
	if (submission.status !== 'success') return invalidForm(submission)
	const { courseId, ...input } = submission.value
	const planned = await planNewSession(context, { actor, courseId, input })
	if (!planned.ok) return refusedForm(submission, planned)
	const [first, ...more] = planned.value.sessionIds
	// One session: its page. A series: the unit's list, which says how many were planned.
	throw redirect(more.length === 0 ? `/uitvoeringen/${first}?gepland=1` : `/uitvoeringen?gepland=${planned.value.sessionIds.length}`, 303)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function PlanSession() {
	const { courses, more, chosen, search, rooms, trainers, defaultValue } = useLoaderData<typeof loader>()
	const result = useActionData<PlanSessionReply | { courseSearch: { courses: typeof courses; more: boolean; search: string }; reply: PlanSessionReply }>()
	const searched = result && 'courseSearch' in result ? result : null
	const lastResult = searched ? searched.reply : (result as PlanSessionReply | undefined)
	const choice = searched ? { matches: searched.courseSearch.courses, more: searched.courseSearch.more, chosen, search: searched.courseSearch.search } : { matches: courses, more, chosen, search }
	const { t } = useTranslation()
	return (
		<div className="container page">
			<h1>{t('sessionPlan.title')}</h1>
			<p className="lead">{t('sessionPlan.intro')}</p>
			{rooms.length === 0 ? <p className="notice">{t('sessionPlan.noRooms')}</p> : null}
			<SessionPlanForm mode={{ kind: 'plan', courses: choice, defaultValue }} lastResult={lastResult} rooms={rooms} trainers={trainers} />
		</div>
	)
}
