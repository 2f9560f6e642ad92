import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { isUuid } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { getSignedIn } from '../auth/guards.server.ts'
import { CourseFacts } from '../components/course-facts.tsx'
import { i18next } from '../i18n/i18next.server.ts'
import { showCourse } from '../services/show-course.server.ts'
import { formatDate, formatTimeRange } from '../utils/format.ts'
import { invariantResponse } from '../utils/http.server.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	invariantResponse(isUuid(params.courseId), 404, 'COURSE_NOT_FOUND')
	const signedIn = await getSignedIn(request, context)
	const page = await showCourse(context, { viewerTenantId: signedIn?.person.tenantId ?? null, courseId: params.courseId, now: new Date() })
	invariantResponse(page, 404, 'COURSE_NOT_FOUND')
	const t = await i18next.getFixedT(request)
	return { ...page, title: `${page.course.title} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data?.title ?? 'Leerplein' },
	{ name: 'description', content: data?.course.summary ?? '' },
]

export default function CoursePage() {
	const { course, sessions } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const language = i18n.language
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
					</aside>
				</div>
				<section aria-labelledby="uitvoeringen">
					<h2 id="uitvoeringen">{t('course.sessions')}</h2>
					{sessions.length === 0 ? (
						<p className="empty-state">{t('course.noSessions')}</p>
					) : (
						// A table that scrolls sideways on a phone must be reachable by keyboard to scroll it.
						// eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
						<div className="table-scroll" role="region" aria-labelledby="uitvoeringen" tabIndex={0}>
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
						</div>
					)}
				</section>
			</article>
		</div>
	)
}
