import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import type { PassportCause, PassportColour } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { ScrollRegion } from '../components/scroll-region.tsx'
import { valueOrThrow } from '../core/http.server.ts'
import { ownData, requirePermission } from '../features/identity/guard.server.ts'
import { listMyCertificates } from '../features/passport/list-certificates.server.ts'
import { MyCertificates } from '../features/passport/my-certificates.tsx'
import { PassportDot } from '../features/passport/passport-dot.tsx'
import { showMyPassport } from '../features/passport/show-passport.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { calendarDay, formatDate } from '../utils/format.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownData)
	const passport = valueOrThrow(await showMyPassport(context, { actor }))
	const certificates = valueOrThrow(await listMyCertificates(context, { actor }))
	const t = await i18next.getFixedT(request)
	return { ...passport, certificates, certificateSent: new URL(request.url).searchParams.has('ingestuurd'), title: `${t('passport.title')} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

function CauseText({ cause, validUntil }: { cause: PassportCause; validUntil: string | null }) {
	const { t, i18n } = useTranslation()
	switch (cause.kind) {
		case 'valid':
			return <>{t('passport.cause_valid')}</>
		case 'expiring':
			return <>{t('passport.cause_expiring', { date: validUntil ? formatDate(calendarDay(validUntil), i18n.language) : '' })}</>
		case 'grace':
			return <>{t('passport.cause_grace', { date: formatDate(calendarDay(cause.dueOn), i18n.language) })}</>
		case 'expired':
			return <>{t('passport.cause_expired')}</>
		case 'missing':
			return <>{t('passport.cause_missing')}</>
		case 'not_required':
			return <>{t('passport.cause_not_required')}</>
	}
}

export default function MyPassport() {
	const { dots, history, certificates, certificateSent } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const language = i18n.language
	const count = (status: PassportColour) => dots.filter((dot) => dot.status === status).length
	const todo = dots.filter((dot) => dot.status === 'red' || dot.status === 'orange')

	return (
		<div className="container page">
			<h1>{t('passport.title')}</h1>
			<p className="lead">{t('passport.intro')}</p>
			{dots.length === 0 ? (
				<p className="empty-state">{t('passport.empty')}</p>
			) : (
				<>
					<p role="status">{t('passport.summary', { green: count('green'), orange: count('orange'), red: count('red') })}</p>
					<ul className="passport-list" aria-label={t('passport.title')}>
						{dots.map((dot) => (
							<li key={dot.competencyId} className="passport-item">
								<h2 className="passport-item__name">{dot.name}</h2>
								<PassportDot status={dot.status} />
								<p>
									{t('passport.validUntil')}:{' '}
									{dot.permanent ? t('passport.permanent') : dot.validUntil ? formatDate(calendarDay(dot.validUntil), language) : t('passport.none')}
								</p>
								<p>
									<CauseText cause={dot.cause} validUntil={dot.validUntil} />
								</p>
							</li>
						))}
					</ul>
				</>
			)}

			{todo.map((dot) => (
				<section key={dot.competencyId} aria-labelledby={`todo-${dot.competencyId}`}>
					<h2 id={`todo-${dot.competencyId}`}>{t('passport.todo', { name: dot.name })}</h2>
					{dot.courses.length === 0 ? (
						<p>{t('passport.noCourses')}</p>
					) : (
						<ul>
							{dot.courses.map((course) => (
								<li key={course.courseId}>
									<Link to={`/catalogus/${course.courseId}`}>{t('passport.enrol', { course: course.title })}</Link>
									{' — '}
									{course.nextSessionStartsAt ? t('passport.nextSession', { date: formatDate(new Date(course.nextSessionStartsAt), language) }) : t('passport.noSession')}
								</li>
							))}
						</ul>
					)}
				</section>
			))}

			<MyCertificates certificates={certificates} sent={certificateSent} />

			<section aria-labelledby="passport-history-title">
				<h2 id="passport-history-title">{t('passport.history')}</h2>
				{history.length === 0 ? (
					<p className="empty-state">{t('passport.historyEmpty')}</p>
				) : (
					<ScrollRegion labelledBy="passport-history-title">
						<table className="sessions">
							<thead>
								<tr>
									<th scope="col">{t('passport.changedOn')}</th>
									<th scope="col">{t('passport.competency')}</th>
									<th scope="col">{t('passport.change')}</th>
									<th scope="col">{t('passport.reason')}</th>
								</tr>
							</thead>
							<tbody>
								{history.map((change, index) => (
									<tr key={`${change.competencyId}-${index}`}>
										<td>{formatDate(calendarDay(String(change.changedOn)), language)}</td>
										<th scope="row">{change.name}</th>
										<td>
											{change.fromStatus
												? t('passport.newStatus', { from: t(`passport.status_${change.fromStatus}`), to: t(`passport.status_${change.toStatus}`) })
												: `${t('passport.first')}: ${t(`passport.status_${change.toStatus}`)}`}
										</td>
										<td>
											{t(`passport.trigger_${change.trigger}`)}. <CauseText cause={change.cause} validUntil={change.validUntil} />
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</ScrollRegion>
				)}
			</section>
		</div>
	)
}
