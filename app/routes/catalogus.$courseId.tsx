import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { actorOf, getSignedIn, requirePermission } from '../features/identity/guard.server.ts'
import { enrolSchema } from '../features/enrolment/enrol-schema.ts'
import { ownEnrolment } from '../features/enrolment/own-enrolment.ts'
import { requestEnrolment } from '../features/enrolment/request-enrolment.server.ts'
import { showEnrolmentOptions } from '../features/enrolment/show-enrolment-options.server.ts'
import { formatPrice } from '../utils/format.ts'
import { CourseFacts } from '../features/catalogue/course-facts.tsx'
import { i18next } from '../i18n/i18next.server.ts'
import { showCourse } from '../features/catalogue/show-course.server.ts'
import { formatDate, formatTimeRange } from '../utils/format.ts'
import { invariantResponse, valueOrThrow } from '../core/http.server.ts'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { idParam } from '../core/route-params.server.ts'
import { ErrorSummary, Field, useErrorText } from '../components/field.tsx'
import { ScrollRegion } from '../components/scroll-region.tsx'
import { CourseStatusBadge } from '../components/course-status-badge.tsx'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const courseId = idParam(params, 'courseId', 'COURSE_NOT_FOUND')
	const signedIn = await getSignedIn(request, context)
	const page = valueOrThrow(await showCourse(context, { actor: signedIn ? actorOf(signedIn) : null, courseId }))
	invariantResponse(page, 404, 'COURSE_NOT_FOUND')
	// A course merged into another keeps its links working: permanently moved, to the canonical course.
	if (page.kind === 'moved') throw redirect(`/catalogus/${page.courseId}`, 301)
	const t = await i18next.getFixedT(request)
	const options = signedIn ? await showEnrolmentOptions(context, { actor: actorOf(signedIn), sessionIds: page.sessions.map((session) => session.id) }) : null
	const enrolment = options?.ok ? options.value : null
	return { ...page, enrolment, signedIn: signedIn !== null, title: `${page.course.title} – ${t('app.name')}` }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'create', ownEnrolment)
	const courseId = idParam(params, 'courseId', 'COURSE_NOT_FOUND')
	const form = await readForm(request)
	requireIntent(form, ['enrol'])
	const submission = parseForm(form, enrolSchema)
	if (submission.status !== 'success') return invalidForm(submission)
	const result = await requestEnrolment(context, { actor, sessionId: submission.value.sessionId, costCentre: submission.value.costCentre })
	if (!result.ok) return refusedForm(submission, result)
	return redirect(`/catalogus/${courseId}?resultaat=${result.value.status}#inschrijven`)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data?.title ?? 'Leerplein' },
	{ name: 'description', content: data?.course.summary ?? '' },
]

export default function CoursePage() {
	const { course, sessions, offeredBy, onlineParts, mayLaunch, mayManageOnlineParts, enrolment, signedIn } = useLoaderData<typeof loader>()
	const [searchParams] = useSearchParams()
	const { t, i18n } = useTranslation()
	const language = i18n.language
	const outcome = searchParams.get('resultaat')
	return (
		<div className="container page">
			<p className="breadcrumb">
				<Link to="/catalogus">{t('course.backToCatalogue')}</Link>
			</p>
			<article className="course">
				<h1>
					{course.title}
					<CourseStatusBadge status={course.status} />
				</h1>
				{course.status === 'draft' || course.status === 'archived' ? (
					// Only the providing unit's coordinators see a course that is not published: they preview it.
					<p className="notice" role="status">
						{t(course.status === 'draft' ? 'course.draftNotice' : 'course.archivedNotice')} <Link to={`/beheer/cursussen/${course.id}`}>{t('course.manage')}</Link>
					</p>
				) : null}
				<p className="lead">{course.summary}</p>
				<div className="course__layout">
					<section className="course__about" aria-labelledby="over">
						<h2 id="over">{t('course.about')}</h2>
						{course.description.split(/\n{2,}/).map((paragraph, index) => (
							<p key={index}>{paragraph}</p>
						))}
						{course.learningGoals ? (
							<>
								<h3>{t('course.learningGoals')}</h3>
								<TextLines text={course.learningGoals} />
							</>
						) : null}
						{course.targetAudience ? (
							<>
								<h3>{t('course.targetAudience')}</h3>
								<TextLines text={course.targetAudience} />
							</>
						) : null}
						{course.prerequisites ? (
							<>
								<h3>{t('course.prerequisites')}</h3>
								<TextLines text={course.prerequisites} />
							</>
						) : null}
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
						{course.contactName && course.contactEmail ? (
							<div className="course__contact">
								<h3>{t('course.contact')}</h3>
								<p>
									{t('course.contactText', { name: course.contactName })} <a href={`mailto:${course.contactEmail}`}>{course.contactEmail}</a>
								</p>
							</div>
						) : null}
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
									{!part.toolActive ? (
										// Switched off by the concern administrator: no link that can only fail.
										<p className="hint">{mayManageOnlineParts ? t('lti.parts.toolOffCoordinator', { tool: part.toolName }) : t('lti.parts.toolOff')}</p>
									) : mayLaunch ? (
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
												{!session.enrolmentOpen ? (
													<span className="seats seats--full">{t('enrol.closed')}</span>
												) : session.seats.status === 'full' ? (
													<span className="seats seats--full">{t('course.full')}</span>
												) : (
													<span className={`seats seats--${session.seats.status}`}>
														{t('course.seatsFree', { count: session.seats.free })}
														{session.seats.status === 'almost_full' ? ` (${t('course.almostFull')})` : null}
													</span>
												)}
												{session.enrolmentOpen && session.enrolmentDeadline ? (
													<>
														<br />
														<span className="hint">{t('enrol.deadline', { date: formatDate(new Date(session.enrolmentDeadline), language) })}</span>
													</>
												) : null}
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
						{!sessions.some((session) => session.enrolmentOpen) ? (
							// Every session is past its deadline: no form, and the reason.
							<p>{t('enrol.allClosed')}</p>
						) : !signedIn || !enrolment ? (
							<p>
								<Link to={`/inloggen?terug=${encodeURIComponent(`/catalogus/${course.id}`)}`}>{t('enrol.signInToEnrol')}</Link>
							</p>
						) : (
							<EnrolForm sessions={sessions.filter((session) => session.enrolmentOpen)} enrolment={enrolment} />
						)}
					</section>
				) : null}
			</article>
		</div>
	)
}

/** A text the coordinator wrote in lines (one learning goal per line): a list when there are several. */
function TextLines({ text }: { text: string }) {
	const lines = text
		.split('\n')
		.map((line) => line.replace(/^\s*[-•*]\s*/, '').trim())
		.filter(Boolean)
	if (lines.length === 1) return <p>{lines[0]}</p>
	return (
		<ul>
			{lines.map((line, index) => (
				<li key={index}>{line}</li>
			))}
		</ul>
	)
}

type Session = ReturnType<typeof useLoaderData<typeof loader>>['sessions'][number]
type EnrolmentOptions = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['enrolment']>

/** The enrolment form: a session of this course, and a cost centre; checked in the browser and again by the server. */
function EnrolForm({ sessions, enrolment }: { sessions: Session[]; enrolment: EnrolmentOptions }) {
	const lastResult = useActionData<typeof action>()
	const { t, i18n } = useTranslation()
	const language = i18n.language
	const errorText = useErrorText()
	const [form, fields] = useForm({
		id: 'inschrijfformulier',
		lastResult,
		constraint: getZodConstraint(enrolSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: enrolSchema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
	})
	const sessionError = errorText(fields.sessionId.errors)
	const costCentreLabel = enrolment.costCentreRequired ? t('enrol.costCentreRequired') : t('enrol.costCentre')
	return (
		<Form method="post" className="form-stack" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="enrol" />
			<ErrorSummary
				form={form}
				fields={[
					{ meta: fields.sessionId, label: t('enrol.chooseSession') },
					{ meta: fields.costCentre, label: costCentreLabel },
				]}
				formError={errorText(form.errors)}
			/>
			{enrolment.budgets.map((budget) => (
				<p key={budget.year}>
					{budget.remainingCents < 0
						? t('enrol.budgetOverspent', { year: budget.year, over: formatPrice(-budget.remainingCents, language), total: formatPrice(budget.totalCents, language) })
						: t('enrol.budget', { year: budget.year, remaining: formatPrice(budget.remainingCents, language), total: formatPrice(budget.totalCents, language) })}
				</p>
			))}
			{/* One choice among radio buttons: a fieldset with its legend, the error beside it (Field renders single controls). */}
			<fieldset className={`field${sessionError ? ' field--invalid' : ''}`} aria-describedby={sessionError ? fields.sessionId.errorId : undefined}>
				<legend>{t('enrol.chooseSession')}</legend>
				{sessionError ? (
					<p className="field__error" id={fields.sessionId.errorId}>
						{sessionError}
					</p>
				) : null}
				{sessions.map((session, index) => {
					const preview = enrolment.previews[session.id]
					return (
						<label className="choice" key={session.id}>
							<input
								type="radio"
								name={fields.sessionId.name}
								value={session.id}
								id={index === 0 ? fields.sessionId.id : undefined}
								defaultChecked={fields.sessionId.initialValue === session.id}
								aria-describedby={preview ? `gevolg-${session.id}` : undefined}
							/>
							<span>
								{formatDate(new Date(session.startsAt), language)}, {formatTimeRange(new Date(session.startsAt), new Date(session.endsAt), language)} –{' '}
								{session.city ? session.city : t('course.online')}
								{session.seats.status === 'full' ? ` (${t('enrol.full')})` : ''}
								{preview ? (
									<span className="choice__hint" id={`gevolg-${session.id}`}>
										<EnrolmentPreviewText preview={preview} firstApprover={enrolment.firstApprover} />
									</span>
								) : null}
							</span>
						</label>
					)
				})}
			</fieldset>
			<Field
				meta={fields.costCentre}
				label={costCentreLabel}
				hint={enrolment.costCentre ? t('enrol.costCentreHint', { costCentre: enrolment.costCentre }) : t('enrol.costCentreHintNone')}
				controlProps={{ autoComplete: 'off' }}
			/>
			<div className="form-actions">
				<button type="submit" className="button">
					{t('enrol.submit')}
				</button>
			</div>
		</Form>
	)
}

/** What asking for a session will do, said before the click: at once or after approval (by whom, why), or not at all; and the budget after. */
function EnrolmentPreviewText({ preview, firstApprover }: { preview: EnrolmentOptions['previews'][string]; firstApprover: EnrolmentOptions['firstApprover'] }) {
	const { t, i18n } = useTranslation()
	const money = (cents: number) => formatPrice(cents, i18n.language)
	if (preview.kind === 'refused') return <>{t(`errors.${preview.code}`)}</>
	const paid = preview.priceCents > 0
	const after = !paid
		? ''
		: preview.remainingAfterCents < 0
			? t('enrol.previewAfterOver', { over: money(-preview.remainingAfterCents) })
			: t('enrol.previewAfter', { after: money(preview.remainingAfterCents) })
	if (preview.kind === 'enrols') {
		const what = paid ? t('enrol.previewEnrolsPaid', { price: money(preview.priceCents), year: preview.budgetYear }) : t('enrol.previewEnrolsFree')
		return <>{[what, after].filter(Boolean).join(' ')}</>
	}
	const who = t(`enrol.previewApproval_${firstApprover}`, { reason: t(`enrol.previewReason_${preview.approvalReason ?? 'unit_always'}`) })
	const cost = paid ? t('enrol.previewApprovalPaid', { price: money(preview.priceCents), year: preview.budgetYear }) : ''
	return <>{[who, cost, after].filter(Boolean).join(' ')}</>
}
