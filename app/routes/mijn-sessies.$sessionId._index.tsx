import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { isUuid } from '@leerplein/domain'
import { ownData, requirePermission } from '../features/identity/guard.server.ts'
import { MeetingAttendance, SessionLists } from '../features/sessions/meeting-attendance-form.tsx'
import { meetingAttendanceSchema } from '../features/sessions/meeting-attendance-schema.ts'
import { registerMeetingAttendance } from '../features/sessions/register-meeting-attendance.server.ts'
import { showTrainerSession } from '../features/sessions/show-trainer-session.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { formatDate, formatTimeRange } from '../utils/format.ts'
import { valueOrThrow } from '../core/http.server.ts'
import { invalidForm, parseForm, partlySavedForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { idParam } from '../core/route-params.server.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownData)
	const sessionId = idParam(params, 'sessionId', 'SESSION_NOT_FOUND')
	const shown = valueOrThrow(await showTrainerSession(context, { actor, sessionId }))
	const asked = new URL(request.url).searchParams.get('bijeenkomst')
	// The meeting asked for, else the last one of theirs that has started, else their first.
	const mine = shown.meetings.filter((meeting) => meeting.mine)
	const meetingId =
		(asked && isUuid(asked) && shown.meetings.find((meeting) => meeting.id === asked)?.id) ||
		(mine.filter((meeting) => meeting.started).at(-1) ?? mine[0] ?? shown.meetings[0])?.id ||
		null
	const t = await i18next.getFixedT(request)
	return { ...shown, meetingId, title: `${shown.session.courseTitle} – ${t('mySessions.title')} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export async function action({ request, params, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownData)
	const sessionId = idParam(params, 'sessionId', 'SESSION_NOT_FOUND')
	const form = await readForm(request)
	requireIntent(form, ['attendance'])
	const submission = parseForm(form, meetingAttendanceSchema)
	if (submission.status !== 'success') return invalidForm(submission)
	const result = await registerMeetingAttendance(context, { actor, sessionId, ...submission.value })
	if (!result.ok) return refusedForm(submission, result)
	const { saved, refused } = result.value
	return partlySavedForm(submission, refused, { saved: saved.length, refused: refused.map(({ name, field, code }) => ({ name, field, code })) })
}

export default function TrainerSession() {
	const { session, meetings, participants, meetingId } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t, i18n } = useTranslation()
	const language = i18n.language
	const report = actionData && 'report' in actionData ? actionData.report : null
	const lastResult = actionData && 'report' in actionData ? actionData.result : actionData
	return (
		<div className="container page">
			<p className="breadcrumb">
				<Link to="/mijn-sessies">{t('mySessions.back')}</Link>
			</p>
			<h1>{t('sessionAdmin.title', { title: session.courseTitle, date: formatDate(new Date(session.startsAt), language) })}</h1>
			{session.status === 'cancelled' ? <p className="notice">{t('sessionAdmin.cancelledNotice', { reason: session.cancellationReason ?? '' })}</p> : null}
			<h2 id="bijeenkomsten">{t('attendance.meetings')}</h2>
			<ol className="meetings" aria-labelledby="bijeenkomsten">
				{meetings.map((meeting) => (
					<li key={meeting.id}>
						{formatDate(new Date(meeting.startsAt), language)}, {formatTimeRange(new Date(meeting.startsAt), new Date(meeting.endsAt), language)}
						{' · '}
						{meeting.online ? t('sessionPlan.online') : meeting.roomName ? `${meeting.roomName}, ${meeting.locationName ?? ''}` : (session.city ?? t('course.online'))}
						{meeting.trainers.length > 0 ? ` · ${meeting.trainers.map((trainer) => trainer.name).join(', ')}` : null}
						{meeting.link ? (
							<>
								{' · '}
								<a href={meeting.link} target="_blank" rel="noopener noreferrer" aria-label={t('mySessions.meetingLinkOn', { date: formatDate(new Date(meeting.startsAt), language) })}>
									{t('myLearning.meetingLink')}
								</a>
							</>
						) : null}
					</li>
				))}
			</ol>
			<h2 id="deelnemers">{t('mySessions.participants', { count: participants.length })}</h2>
			{participants.length === 0 ? (
				<p>{t('mySessions.emptyParticipants')}</p>
			) : (
				<ul className="participant-list" aria-labelledby="deelnemers">
					{participants.map((person) => (
						<li key={person.id}>
							{person.name} <span className="mark__unit">{person.unitShortName}</span> · {t(`enrolmentStatus.${person.status}`)}
						</li>
					))}
				</ul>
			)}
			{session.status !== 'cancelled' && participants.length > 0 ? (
				<MeetingAttendance
					meetings={meetings.map((meeting) => ({ ...meeting, registrable: meeting.mine }))}
					meetingId={meetingId}
					participants={participants}
					meetingHref={(id) => `/mijn-sessies/${session.id}?bijeenkomst=${id}`}
					lastResult={lastResult}
					report={report}
				/>
			) : null}
			<SessionLists meetings={meetings} listHref={(query) => `/mijn-sessies/${session.id}/lijst?${query}`} />
		</div>
	)
}
