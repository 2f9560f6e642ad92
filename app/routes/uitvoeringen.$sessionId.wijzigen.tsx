import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requirePermission } from '../features/identity/guard.server.ts'
import { editSessionFormSchema, type EditSessionReply } from '../features/sessions/edit-session-schema.ts'
import { editSession } from '../features/sessions/edit-session.server.ts'
import { ownUnitSession } from '../features/sessions/own-unit-session.ts'
import { SessionPlanForm } from '../features/sessions/session-plan-form.tsx'
import { showSessionEdit } from '../features/sessions/show-session-edit.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { formatDate } from '../utils/format.ts'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { valueOrThrow } from '../core/http.server.ts'
import { idParam } from '../core/route-params.server.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownUnitSession)
	const sessionId = idParam(params, 'sessionId', 'SESSION_NOT_FOUND')
	const form = valueOrThrow(await showSessionEdit(context, { actor, sessionId }))
	const t = await i18next.getFixedT(request)
	return { ...form, title: `${t('sessionEdit.title')}: ${form.session.courseTitle} – ${t('app.name')}` }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownUnitSession)
	const sessionId = idParam(params, 'sessionId', 'SESSION_NOT_FOUND')
	const form = await readForm(request, { multiline: ['participantNote'] })
	requireIntent(form, ['edit'])
	const submission = parseForm(form, editSessionFormSchema)
	if (submission.status !== 'success') return invalidForm(submission)
	const edited = await editSession(context, { actor, sessionId, input: submission.value })
	if (!edited.ok) return refusedForm(submission, edited)
	throw redirect(`/uitvoeringen/${sessionId}?gewijzigd=${edited.value.notified}`, 303)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function EditSession() {
	const { session, rooms, trainers, defaultValue, seatsTaken, freeCancellationDays } = useLoaderData<typeof loader>()
	const lastResult = useActionData<EditSessionReply>()
	const { t, i18n } = useTranslation()
	return (
		<div className="container page">
			<p className="breadcrumb">
				<Link to={`/uitvoeringen/${session.id}`}>{t('sessionEdit.back')}</Link>
			</p>
			<h1>{t('sessionEdit.title')}</h1>
			<p className="lead">{t('sessionEdit.intro', { title: `${session.courseTitle} (${formatDate(new Date(session.startsAt), i18n.language)})` })}</p>
			<p className="notice">{t('sessionEdit.notice', { days: freeCancellationDays })}</p>
			<SessionPlanForm mode={{ kind: 'edit', defaultValue, seatsTaken }} lastResult={lastResult} rooms={rooms} trainers={trainers} />
		</div>
	)
}
