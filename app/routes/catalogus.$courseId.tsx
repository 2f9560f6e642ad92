import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { isUuid } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { actorOf, getSignedIn, requireSignedIn } from '../features/identity/guard.server.ts'
import type { ErrorCode } from '../core/error-codes.ts'
import { requestEnrolment } from '../features/enrolment/request-enrolment.server.ts'
import { showEnrolmentOptions } from '../features/enrolment/show-enrolment-options.server.ts'
import { formatPrice } from '../utils/format.ts'
import { CourseFacts } from '../features/catalogue/course-facts.tsx'
import { i18next } from '../i18n/i18next.server.ts'
import { showCourse } from '../features/catalogue/show-course.server.ts'
import { formatDate, formatTimeRange } from '../utils/format.ts'
import { invariantResponse, valueOrThrow } from '../core/http.server.ts'
import { ScrollRegion } from '../components/scroll-region.tsx'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	invariantResponse(isUuid(params.courseId), 404, 'COURSE_NOT_FOUND')
	const signedIn = await getSignedIn(request, context)
	const page = valueOrThrow(await showCourse(context, { actor: signedIn ? actorOf(signedIn) : null, courseId: params.courseId }))
	invariantResponse(page, 404, 'COURSE_NOT_FOUND')
	// A course merged into another keeps its links working: permanently moved, to the canonical course.
	if (page.kind === 'moved') throw redirect(`/catalogus/${page.courseId}`, 301)
	const t = await i18next.getFixedT(request)
	const enrolment = signedIn ? await showEnrolmentOptions(context, signedIn, new Date()) : null
	return { ...page, enrolment, signedIn: signedIn !== null, title: `${page.course.title} – ${t('app.name')}` }
}

const enrolSchema = z.object({
	sessionId: z.string({ error: 'SESSION_CHOICE_REQUIRED' }).refine(isUuid, { error: 'SESSION_CHOICE_REQUIRED' }),
	costCentre: z
		.string()
		.trim()
		.max(20, { error: 'COST_CENTRE_INVALID' })
		.regex(/^[\p{L}\d-]*$/u, { error: 'COST_CENTRE_INVALID' })
		.optional()
		.transform((value) => value || null),
})

type EnrolErrors = { sessionId?: ErrorCode; costCentre?: ErrorCode }

/** Errors that are about the cost centre field; everything else is shown at the session choice. */
const COST_CENTRE_ERRORS: readonly ErrorCode[] = ['COST_CENTRE_REQUIRED', 'COST_CENTRE_INVALID']

export async function action({ request, params, context }: ActionFunctionArgs) {
	invariantResponse(isUuid(params.courseId), 404, 'COURSE_NOT_FOUND')
	const signedIn = await requireSignedIn(request, context)
	const form = await request.formData()
	const parsed = enrolSchema.safeParse({ sessionId: form.get('sessionId') ?? undefined, costCentre: form.get('costCentre') ?? undefined })
	if (!parsed.success) {
		const errors: EnrolErrors = {}
		for (const issue of parsed.error.issues) errors[issue.path[0] as keyof EnrolErrors] ??= issue.message as ErrorCode
		return data({ errors, values: { sessionId: String(form.get('sessionId') ?? ''), costCentre: String(form.get('costCentre') ?? '') } }, { status: 400 })
	}
	const result = await requestEnrolment(context, { actor: actorOf(signedIn), sessionId: parsed.data.sessionId, costCentre: parsed.data.costCentre, now: new Date() })
	if (!result.ok) {
		const errors: EnrolErrors = COST_CENTRE_ERRORS.includes(result.code) ? { costCentre: result.code } : { sessionId: result.code }
		return data({ errors, values: { sessionId: parsed.data.sessionId, costCentre: parsed.data.costCentre ?? '' } }, { status: result.status ?? 400 })
	}
	return redirect(`/catalogus/${params.courseId}?resultaat=${result.value.status}#inschrijven`)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data?.title ?? 'Leerplein' },
	{ name: 'description', content: data?.course.summary ?? '' },
]

export default function CoursePage() {
	const { course, sessions, offeredBy, onlineParts, mayLaunch, mayManageOnlineParts, enrolment, signedIn } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const { t, i18n } = useTranslation()
	const language = i18n.language
	const outcome = searchParams.get('resultaat')
	const errors: EnrolErrors = actionData?.errors ?? {}
	return (
		<div className="container page">
			<p className="breadcrumb">
				<Link to="/catalogus">{t('course.backToCatalogue')}</Link>
			</p>
			<article className="course">
				<h1>{course.title}</h1>
				<p className="lead">{course.summary}</p>
				<div className="course__layout">
					<section className="course__about" aria-labelledby="over">
						<h2 id="over">{t('course.about')}</h2>
						{course.description.split(/\n{2,}/).map((paragraph, index) => (
							<p key={index}>{paragraph}</p>
						))}
						{course.keywords.length > 0 ? (
							<p className="keywords">
								<span className="keywords__label">{t('course.keywords')}: </span>
								{course.keywords.join(', ')}
							</p>
						) : null}
					</section>
					<aside className="course__facts" aria-labelledby="kenmerken">
						<h2 id="kenmerken">{t('course.facts')}</h2>
						<CourseFacts course={course} />
						{offeredBy.length > 0 ? (
							<p className="offered-by">
								{t('course.alsoOfferedBy')}: {offeredBy.join(', ')}
							</p>
						) : null}
					</aside>
				</div>
				{onlineParts.length > 0 || mayManageOnlineParts ? (
					<section aria-labelledby="online-onderdelen">
						<h2 id="online-onderdelen">{t('lti.parts.title')}</h2>
						{onlineParts.length === 0 ? <p className="empty-state">{t('lti.parts.none')}</p> : null}
						<ul className="online-parts">
							{onlineParts.map((part) => (
								<li key={part.id} className="online-part">
									<h3>{part.title}</h3>
									{part.description ? <p>{part.description}</p> : null}
									<p className="online-part__status">
										{part.completedAt ? (
											<strong>{t('lti.parts.completed', { date: formatDate(new Date(part.completedAt), language) })}</strong>
										) : (
											t('lti.parts.notCompleted')
										)}
										{part.score ? ` · ${t('lti.parts.score', { given: part.score.given, maximum: part.score.maximum })}` : null}
									</p>
									{mayLaunch ? (
										// A new window, never a frame: Moodle needs its own cookies (third-party cookies are blocked in frames).
										<a className="button" href={`/lti/starten/${part.id}`} target="_blank" rel="noopener noreferrer">
											{t('lti.parts.open', { title: part.title })}
											<span className="visually-hidden"> {t('lti.parts.newWindow')}</span>
										</a>
									) : (
										<p className="hint">{t('lti.parts.enrolFirst', { tool: part.toolName })}</p>
									)}
								</li>
							))}
						</ul>
						{mayManageOnlineParts ? (
							<p>
								<Link to={`/catalogus/${course.id}/online-onderdelen`}>{t('lti.parts.manage')}</Link>
							</p>
						) : null}
					</section>
				) : null}
				<section aria-labelledby="uitvoeringen">
					<h2 id="uitvoeringen">{t('course.sessions')}</h2>
					{sessions.length === 0 ? (
						<p className="empty-state">{t('course.noSessions')}</p>
					) : (
						<ScrollRegion labelledBy="uitvoeringen">
							<table className="sessions">
								<caption className="visually-hidden">{t('course.sessionsCaption', { title: course.title })}</caption>
								<thead>
									<tr>
										<th scope="col">{t('course.date')}</th>
										<th scope="col">{t('course.time')}</th>
										<th scope="col">{t('course.location')}</th>
										<th scope="col">{t('course.providedBy')}</th>
										<th scope="col">{t('course.seats')}</th>
									</tr>
								</thead>
								<tbody>
									{sessions.map((session) => (
										<tr key={session.id}>
											<td>{formatDate(new Date(session.startsAt), language)}</td>
											<td>{formatTimeRange(new Date(session.startsAt), new Date(session.endsAt), language)}</td>
											<td>{session.city ? `${session.locationName}, ${session.city}` : t('course.online')}</td>
											<td>{session.providerShortName}</td>
											<td>
												{session.seats.status === 'full' ? (
													<span className="seats seats--full">{t('course.full')}</span>
												) : (
													<span className={`seats seats--${session.seats.status}`}>
														{t('course.seatsFree', { count: session.seats.free })}
														{session.seats.status === 'almost_full' ? ` (${t('course.almostFull')})` : null}
													</span>
												)}
											</td>
										</tr>
									))}
								</tbody>
							</table>
						</ScrollRegion>
					)}
				</section>
				{sessions.length > 0 ? (
					<section aria-labelledby="inschrijven" className="panel">
						<h2 id="inschrijven">{t('enrol.title')}</h2>
						{outcome === 'enrolled' || outcome === 'waitlisted' || outcome === 'awaiting_approval' ? (
							<p className="notice notice--success" role="status">
								{t(outcome === 'enrolled' ? 'enrol.resultEnrolled' : outcome === 'waitlisted' ? 'enrol.resultWaitlisted' : 'enrol.resultAwaitingApproval')}{' '}
								<Link to="/mijn-leren">{t('enrol.toMyLearning')}</Link>
							</p>
						) : null}
						{!signedIn || !enrolment ? (
							<p>
								<Link to={`/inloggen?terug=${encodeURIComponent(`/catalogus/${course.id}`)}`}>{t('enrol.signInToEnrol')}</Link>
							</p>
						) : (
							<Form method="post" className="form-stack" noValidate>
								<p>
									{t('enrol.budget', {
										year: enrolment.budget.year,
										remaining: formatPrice(enrolment.budget.remaining, language),
										total: formatPrice(enrolment.budget.total, language),
									})}
								</p>
								<fieldset className={`field${errors.sessionId ? ' field--invalid' : ''}`} aria-describedby={errors.sessionId ? 'sessie-fout' : undefined}>
									<legend>{t('enrol.chooseSession')}</legend>
									{errors.sessionId ? (
										<p className="field__error" id="sessie-fout">
											{t(`errors.${errors.sessionId}`)}
										</p>
									) : null}
									{sessions.map((session) => (
										<label className="choice" key={session.id}>
											<input type="radio" name="sessionId" value={session.id} defaultChecked={actionData?.values.sessionId === session.id} />
											<span>
												{formatDate(new Date(session.startsAt), language)}, {formatTimeRange(new Date(session.startsAt), new Date(session.endsAt), language)} –{' '}
												{session.city ? session.city : t('course.online')}
												{session.seats.status === 'full' ? ` (${t('enrol.full')})` : ''}
											</span>
										</label>
									))}
								</fieldset>
								<div className={`field${errors.costCentre ? ' field--invalid' : ''}`}>
									<label htmlFor="kostenplaats">{enrolment.costCentreRequired ? t('enrol.costCentreRequired') : t('enrol.costCentre')}</label>
									<p className="field__hint" id="kostenplaats-hint">
										{enrolment.costCentre ? t('enrol.costCentreHint', { costCentre: enrolment.costCentre }) : t('enrol.costCentreHintNone')}
									</p>
									{errors.costCentre ? (
										<p className="field__error" id="kostenplaats-fout">
											{t(`errors.${errors.costCentre}`)}
										</p>
									) : null}
									<input
										type="text"
										id="kostenplaats"
										name="costCentre"
										maxLength={40}
										defaultValue={actionData?.values.costCentre ?? ''}
										aria-invalid={errors.costCentre ? true : undefined}
										aria-describedby={errors.costCentre ? 'kostenplaats-hint kostenplaats-fout' : 'kostenplaats-hint'}
									/>
								</div>
								<div className="form-actions">
									<button type="submit" className="button">
										{t('enrol.submit')}
									</button>
								</div>
							</Form>
						)}
					</section>
				) : null}
			</article>
		</div>
	)
}
