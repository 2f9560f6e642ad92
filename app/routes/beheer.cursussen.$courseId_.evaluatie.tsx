import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { EvaluationSummary, OpenSummary, RatingSummary } from '@leerplein/domain'
import { CourseStatusBadge } from '../components/course-status-badge.tsx'
import { Field, useErrorText } from '../components/field.tsx'
import { ScrollRegion } from '../components/scroll-region.tsx'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { throwFailure, valueOrThrow } from '../core/http.server.ts'
import { idParam } from '../core/route-params.server.ts'
import { ownCourses } from '../features/courses/own-courses.ts'
import { followUpWeeksSchema } from '../features/effect/evaluation-schema.ts'
import { setFollowUpWeeks } from '../features/effect/set-follow-up-weeks.server.ts'
import { showEvaluationResults, type ResponseRate } from '../features/effect/show-evaluation-results.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { i18next } from '../i18n/i18next.server.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownCourses)
	const courseId = idParam(params, 'courseId', 'COURSE_NOT_FOUND')
	// Another unit's course is simply not found.
	const results = valueOrThrow(await showEvaluationResults(context, { actor, courseId }))
	const t = await i18next.getFixedT(request)
	const saved = new URL(request.url).searchParams.has('weken')
	return { ...results, saved, title: `${t('evaluation.resultsTitle', { course: results.course.title })} – ${t('app.name')}` }
}

/** The follow-up weeks of this course and whether managers are asked (ADR 045), set by the providing unit's coordinator. */
export async function action({ request, params, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownCourses)
	const courseId = idParam(params, 'courseId', 'COURSE_NOT_FOUND')
	const form = await readForm(request)
	requireIntent(form, ['follow-up-weeks'])
	const submission = parseForm(form, followUpWeeksSchema)
	if (submission.status !== 'success') return invalidForm(submission)
	const set = await setFollowUpWeeks(context, { actor, courseId, weeks: String(submission.value.weeks), managerQuestionnaire: submission.value.managerQuestionnaire })
	if (!set.ok) return set.kind === 'not_found' ? throwFailure(set) : refusedForm(submission, set)
	return redirect(`/beheer/cursussen/${courseId}/evaluatie?weken=1#vervolg`, 303)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

/**
 * The anonymous results of a course's evaluation for its providing unit (ADR 041): below five
 * responses only their number, from five the statements (mean, answers, distribution), the
 * recommendation with its net promoter score, and the open answers, sorted. Numbers as text in
 * a table, never only a bar or a colour. Then the follow-up the course's weeks later, shown the
 * same way, with the form to set its weeks (ADR 045), and the response rate of each.
 */
export default function EvaluationResults() {
	const { course, summary, rate, followUp, manager, selfCards, saved } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	return (
		<div className="container page">
			<h1>
				{t('evaluation.resultsTitle', { course: course.title })}
				<CourseStatusBadge status={course.status} />
			</h1>
			<p className="lead">{t('evaluation.resultsIntro')}</p>
			<p>{t('evaluation.responses', { count: summary.responses })}</p>
			<Rate rate={rate} />
			{!summary.shown ? <p className="notice">{t('evaluation.tooFew', { needed: summary.needed, count: summary.responses })}</p> : <SummaryTables summary={summary} idPrefix="" download={`/beheer/cursussen/${course.id}/evaluatie/antwoorden`} />}
			<section aria-labelledby="vervolg" className="evaluation-follow-up">
				<h2 id="vervolg">{t('evaluation.followUpResultsTitle')}</h2>
				<p>{t('evaluation.followUpResultsIntro', { weeks: course.followUpWeeks })}</p>
				{saved ? (
					<p className="notice" role="status">
						{t('evaluation.followUpWeeksSaved', { weeks: course.followUpWeeks })}
					</p>
				) : null}
				<FollowUpWeeksForm weeks={course.followUpWeeks} manager={course.managerQuestionnaire} />
				<p>{t('evaluation.followUpResponses', { count: followUp.summary.responses })}</p>
				<Rate rate={followUp.rate} />
				{!followUp.summary.shown ? (
					<p className="notice">{t('evaluation.followUpTooFew', { needed: followUp.summary.needed, count: followUp.summary.responses })}</p>
				) : (
					<SummaryTables summary={followUp.summary} idPrefix="vervolg-" download={`/beheer/cursussen/${course.id}/evaluatie/antwoorden`} kind="vervolg" />
				)}
			</section>
			<section aria-labelledby="leidinggevenden">
				<h2 id="leidinggevenden">{t('evaluation.managerResultsTitle')}</h2>
				{!course.managerQuestionnaire ? <p>{t('evaluation.managerOff')}</p> : null}
				<p>{t('evaluation.managerResponses', { count: manager.summary.responses })}</p>
				<Rate rate={manager.rate} />
				{!manager.summary.shown ? (
					<p className="notice">{t('evaluation.managerTooFew', { needed: manager.summary.needed, count: manager.summary.responses })}</p>
				) : (
					<SummaryTables summary={manager.summary} idPrefix="leidinggevende-" download={`/beheer/cursussen/${course.id}/evaluatie/antwoorden`} kind="leidinggevende" />
				)}
			</section>
			<section aria-labelledby="kaarten-aan-jezelf">
				<h2 id="kaarten-aan-jezelf">{t('selfCard.outcomesTitle')}</h2>
				<p>{t('selfCard.outcomesCount', { count: selfCards.reviewedCards })}</p>
				{selfCards.shown ? (
					<p>{t('selfCard.outcomesCounts', { done: selfCards.done, partly: selfCards.partly, notDone: selfCards.notDone })}</p>
				) : (
					<p className="notice">{t('selfCard.outcomesTooFew', { needed: selfCards.needed })}</p>
				)}
			</section>
			<p>
				<Link to={`/beheer/cursussen/${course.id}`}>{t('evaluation.backToCourse')}</Link>
			</p>
		</div>
	)
}

/** Answered of invited (the invitations whose time has come), as text. */
function Rate({ rate }: { rate: ResponseRate }) {
	const { t } = useTranslation()
	if (rate.invited === 0) return <p>{t('evaluation.rateNone')}</p>
	return <p>{t('evaluation.rate', { answered: rate.answered, invited: rate.invited, percent: Math.round((100 * rate.answered) / rate.invited) })}</p>
}

function FollowUpWeeksForm({ weeks, manager }: { weeks: number; manager: boolean }) {
	const { t } = useTranslation()
	const errorText = useErrorText()
	const actionData = useActionData<typeof action>() as SubmissionResult<string[]> | undefined
	const [form, fields] = useForm<{ weeks: string }>({ id: 'vervolgweken', lastResult: actionData, defaultValue: { weeks: String(weeks) } })
	return (
		<Form method="post" {...getFormProps(form)}>
			<h3>{t('evaluation.followUpWeeksTitle')}</h3>
			<input type="hidden" name="intent" value="follow-up-weeks" />
			{form.errors ? <p className="field__error">{errorText(form.errors)}</p> : null}
			<Field meta={fields.weeks} label={t('evaluation.followUpWeeks')} hint={t('evaluation.followUpWeeksHint')} controlProps={{ inputMode: 'numeric' }} />
			<p className="choice">
				<input type="checkbox" id="vervolg-leidinggevende" name="manager" defaultChecked={manager} />
				<label htmlFor="vervolg-leidinggevende">{t('evaluation.managerCheckbox')}</label>
			</p>
			<div className="form-actions">
				<button type="submit" className="button button--secondary">
					{t('evaluation.followUpWeeksSave')}
				</button>
			</div>
		</Form>
	)
}

/** A summary shown from five: the statements, the recommendation (the evaluation only), the downloads and the open answers. */
function SummaryTables({ summary, idPrefix, download, kind }: { summary: Extract<EvaluationSummary, { shown: true }>; idPrefix: string; download: string; kind?: 'vervolg' | 'leidinggevende' }) {
	const { t, i18n } = useTranslation()
	const decimal = (value: number) => value.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
	const question = (id: string) => t(`evaluation.items.${id}` as 'evaluation.items.best')
	const statements = summary.items.filter((item): item is RatingSummary => item.kind === 'likert')
	const recommendation = summary.items.find((item): item is RatingSummary => item.kind === 'recommendation')
	const open = summary.items.filter((item): item is OpenSummary => item.kind === 'open')
	const Heading = kind ? 'h3' : 'h2'
	const query = kind ? `&vragenlijst=${kind}` : ''
	return (
		<>
			<Heading id={`${idPrefix}stellingen`}>{t('evaluation.statementsTitle')}</Heading>
			<ScrollRegion labelledBy={`${idPrefix}stellingen`}>
				<table className="sessions">
					<thead>
						<tr>
							<th scope="col">{t('evaluation.question')}</th>
							<th scope="col">{t('evaluation.mean')}</th>
							<th scope="col">{t('evaluation.answeredCount')}</th>
							<th scope="col">{t('evaluation.distribution')}</th>
						</tr>
					</thead>
					<tbody>
						{statements.map((item) => (
							<tr key={item.id}>
								<th scope="row">{question(item.id)}</th>
								<td>{item.mean === null ? t('evaluation.noAnswers') : decimal(item.mean)}</td>
								<td>{item.answered}</td>
								<td className="evaluation-distribution">{item.distribution.join(' / ')}</td>
							</tr>
						))}
					</tbody>
				</table>
			</ScrollRegion>
			{recommendation ? (
				<>
					<Heading>{t('evaluation.recommendTitle')}</Heading>
					{recommendation.mean === null ? (
						<p>{t('evaluation.noAnswers')}</p>
					) : (
						<>
							<p>{t('evaluation.recommendMean', { mean: decimal(recommendation.mean), count: recommendation.answered })}</p>
							<p>{t('evaluation.netPromoterScore', { score: recommendation.netPromoterScore ?? 0 })}</p>
						</>
					)}
				</>
			) : null}
			<Heading>{t('evaluation.downloadTitle')}</Heading>
			<p>{t('evaluation.downloadIntro')}</p>
			<ul>
				<li>
					<a href={`${download}?formaat=csv${query}`} download>
						{t(kind === 'vervolg' ? 'evaluation.downloadFollowUpCsv' : kind === 'leidinggevende' ? 'evaluation.downloadManagerCsv' : 'evaluation.downloadCsv')}
					</a>
				</li>
				<li>
					<a href={`${download}?formaat=xlsx${query}`} download>
						{t(kind === 'vervolg' ? 'evaluation.downloadFollowUpXlsx' : kind === 'leidinggevende' ? 'evaluation.downloadManagerXlsx' : 'evaluation.downloadXlsx')}
					</a>
				</li>
			</ul>
			{open.map((item) => (
				<section key={item.id}>
					<Heading>{t('evaluation.openTitle', { question: question(item.id) })}</Heading>
					{item.answers.length === 0 ? (
						<p>{t('evaluation.openNone')}</p>
					) : (
						<ul className="evaluation-open">
							{item.answers.map((answer, index) => (
								// The answers are sorted and may repeat: the position is their identity.
								<li key={index}>{answer}</li>
							))}
						</ul>
					)}
				</section>
			))}
		</>
	)
}
