import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requirePermission } from '../features/identity/guard.server.ts'
import { ownUnitSession } from '../features/sessions/own-unit-session.ts'
import { newSessionPlan, planSessionFormSchema, type PlanSessionReply } from '../features/sessions/plan-session-schema.ts'
import { planNewSession } from '../features/sessions/plan-session.server.ts'
import { SessionPlanForm } from '../features/sessions/session-plan-form.tsx'
import { showPlanningForm } from '../features/sessions/show-planning-form.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { valueOrThrow } from '../core/http.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownUnitSession)
	const form = valueOrThrow(await showPlanningForm(context, { actor }))
	// ?cursus= preselects a course from its page; an unknown id simply selects nothing.
	const wanted = new URL(request.url).searchParams.get('cursus') ?? ''
	const courseId = form.courses.some((course) => course.id === wanted) ? wanted : ''
	const t = await i18next.getFixedT(request)
	return { ...form, courseId, title: `${t('sessionPlan.title')} – ${t('app.name')}` }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownUnitSession)
	const form = await readForm(request, { multiline: ['participantNote'] })
	requireIntent(form, ['plan'])
	const submission = parseForm(form, planSessionFormSchema)
	if (submission.status !== 'success') return invalidForm(submission)
	const { courseId, ...input } = submission.value
	const planned = await planNewSession(context, { actor, courseId, input })
	if (!planned.ok) return refusedForm(submission, planned)
	throw redirect(`/uitvoeringen/${planned.value.sessionId}?gepland=1`, 303)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function PlanSession() {
	const { courses, rooms, trainers, courseId } = useLoaderData<typeof loader>()
	const lastResult = useActionData<PlanSessionReply>()
	const { t } = useTranslation()
	return (
		<div className="container page">
			<h1>{t('sessionPlan.title')}</h1>
			<p className="lead">{t('sessionPlan.intro')}</p>
			{rooms.length === 0 ? <p className="notice">{t('sessionPlan.noRooms')}</p> : null}
			<SessionPlanForm defaultValue={newSessionPlan(courseId)} lastResult={lastResult} courses={courses} rooms={rooms} trainers={trainers} />
		</div>
	)
}
