import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { isUuid } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { requirePermission } from '../auth/guards.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { showDuplicateReport } from '../services/show-duplicate-report.server.ts'
import { undoCourseMerge } from '../services/undo-course-merge.server.ts'
import { formatDateTime } from '../utils/format.ts'
import { invariantResponse } from '../utils/http.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const signedIn = await requirePermission(request, context, 'merge', { kind: 'course', providerTenantId: '' })
	const report = await showDuplicateReport(context, { tenantId: signedIn.person.tenantId, userId: signedIn.person.userId })
	const t = await i18next.getFixedT(request)
	return { ...report, title: `${t('duplicates.title')} – ${t('app.name')}` }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const signedIn = await requirePermission(request, context, 'merge', { kind: 'course', providerTenantId: '' })
	const form = await request.formData()
	const mergeId = String(form.get('mergeId') ?? '')
	invariantResponse(form.get('intent') === 'undo' && isUuid(mergeId), 400, 'MERGE_UNDO_NOT_ALLOWED')
	try {
		await undoCourseMerge(context, { tenantId: signedIn.person.tenantId, userId: signedIn.person.userId, mergeId })
	} catch (error) {
		context.logger.warn({ err: error, mergeId }, 'undo of a course merge refused')
		invariantResponse(false, 400, 'MERGE_UNDO_NOT_ALLOWED')
	}
	throw redirect('/beheer/dubbelingen?ongedaan=1')
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function DuplicateReport() {
	const { clusters, scannedCourses, scanMs, merges } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const [params] = useSearchParams()
	const message = params.get('ongedaan') ? 'undoneMessage' : params.get('samengevoegd') ? 'mergedMessage' : params.get('geen-dubbeling') ? 'dismissedMessage' : null
	return (
		<div className="container page">
			<h1>{t('duplicates.title')}</h1>
			<p className="lead">{t('duplicates.intro')}</p>
			{message ? (
				<p className="notice" role="status">
					{t(`duplicates.${message}`)}
				</p>
			) : null}
			<p>{t('duplicates.scanned', { count: scannedCourses, seconds: (scanMs / 1000).toLocaleString(i18n.language, { maximumFractionDigits: 1 }) })}</p>
			<h2>{t('duplicates.clusters', { count: clusters.length })}</h2>
			{clusters.length === 0 ? (
				<p className="empty-state">{t('duplicates.none')}</p>
			) : (
				<ol className="duplicate-list">
					{clusters.map((cluster, index) => (
						<li key={cluster.courses.map((course) => course.id).join()} className="duplicate-card">
							<h3>
								{t('duplicates.group', { number: index + 1 })} · {t('duplicates.likeness', { percent: Math.round(cluster.topScore * 100) })}
							</h3>
							<ul>
								{cluster.courses.map((course) => (
									<li key={course.id}>
										<a href={`/catalogus/${course.id}`}>{course.title}</a> ({course.providerShortName})
									</li>
								))}
							</ul>
							<p className="reasons">{cluster.reasons.map((reason) => t(`duplicates.reason_${reason}`)).join(', ')}</p>
							<Link className="button button--secondary" to={`/beheer/dubbelingen/vergelijken?${cluster.courses.map((course) => `cursus=${course.id}`).join('&')}`}>
								{t('duplicates.compare')}
								<span className="visually-hidden">: {t('duplicates.group', { number: index + 1 })}</span>
							</Link>
						</li>
					))}
				</ol>
			)}
			<h2>{t('duplicates.merges')}</h2>
			{merges.length === 0 ? (
				<p className="empty-state">{t('duplicates.mergesNone')}</p>
			) : (
				<ul className="duplicate-list">
					{merges.map((merge) => (
						<li key={merge.id} className="duplicate-card">
							<p>
								{t('duplicates.mergedInto', { merged: merge.mergedTitle, unit: merge.mergedProviderShortName, canonical: merge.canonicalTitle })} ·{' '}
								{formatDateTime(new Date(merge.mergedAt), i18n.language)} · {t('duplicates.movedSessions', { count: merge.movedSessions })}
							</p>
							{merge.undoneAt ? (
								<p>{t('duplicates.undone')}</p>
							) : (
								<Form method="post">
									<input type="hidden" name="mergeId" value={merge.id} />
									<button type="submit" name="intent" value="undo" className="button button--secondary">
										{t('duplicates.undo')}
										<span className="visually-hidden">: {merge.mergedTitle}</span>
									</button>
								</Form>
							)}
						</li>
					))}
				</ul>
			)}
		</div>
	)
}
