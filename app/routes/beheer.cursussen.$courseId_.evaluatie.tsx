import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { OpenSummary, RatingSummary } from '@leerplein/domain'
import { CourseStatusBadge } from '../components/course-status-badge.tsx'
import { ScrollRegion } from '../components/scroll-region.tsx'
import { valueOrThrow } from '../core/http.server.ts'
import { idParam } from '../core/route-params.server.ts'
import { ownCourses } from '../features/courses/own-courses.ts'
import { showEvaluationResults } from '../features/effect/show-evaluation-results.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { i18next } from '../i18n/i18next.server.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownCourses)
	const courseId = idParam(params, 'courseId', 'COURSE_NOT_FOUND')
	// Another unit's course is simply not found.
	const results = valueOrThrow(await showEvaluationResults(context, { actor, courseId }))
	const t = await i18next.getFixedT(request)
	return { ...results, title: `${t('evaluation.resultsTitle', { course: results.course.title })} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

/**
 * The anonymous results of a course's evaluation for its providing unit (ADR 041): below five
 * responses only their number, from five the statements (mean, answers, distribution), the
 * recommendation with its net promoter score, and the open answers, sorted. Numbers as text in
 * a table, never only a bar or a colour.
 */
export default function EvaluationResults() {
	const { course, summary, selfCards } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const decimal = (value: number) => value.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
	const question = (id: string) => t(`evaluation.items.${id}` as 'evaluation.items.best')
	const items = summary.shown ? summary.items : []
	const statements = items.filter((item): item is RatingSummary => item.kind === 'likert')
	const recommendation = items.find((item): item is RatingSummary => item.kind === 'recommendation')
	const open = items.filter((item): item is OpenSummary => item.kind === 'open')
	return (
		<div className="container page">
			<h1>
				{t('evaluation.resultsTitle', { course: course.title })}
				<CourseStatusBadge status={course.status} />
			</h1>
			<p className="lead">{t('evaluation.resultsIntro')}</p>
			<p>{t('evaluation.responses', { count: summary.responses })}</p>
			{!summary.shown ? (
				<p className="notice">{t('evaluation.tooFew', { needed: summary.needed, count: summary.responses })}</p>
			) : (
				<>
					<h2 id="stellingen">{t('evaluation.statementsTitle')}</h2>
					<ScrollRegion labelledBy="stellingen">
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
							<h2>{t('evaluation.recommendTitle')}</h2>
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
					<h2>{t('evaluation.downloadTitle')}</h2>
					<p>{t('evaluation.downloadIntro')}</p>
					<ul>
						<li>
							<a href={`/beheer/cursussen/${course.id}/evaluatie/antwoorden?formaat=csv`} download>
								{t('evaluation.downloadCsv')}
							</a>
						</li>
						<li>
							<a href={`/beheer/cursussen/${course.id}/evaluatie/antwoorden?formaat=xlsx`} download>
								{t('evaluation.downloadXlsx')}
							</a>
						</li>
					</ul>
					{open.map((item) => (
						<section key={item.id}>
							<h2>{t('evaluation.openTitle', { question: question(item.id) })}</h2>
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
			)}
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
