import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useLocation, useRevalidator } from '@remix-run/react'
import { isUuid, parsePage } from '@leerplein/domain'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requirePermission } from '../features/identity/guard.server.ts'
import { ConfirmAction } from '../components/confirm-action.tsx'
import { Pagination } from '../components/pagination.tsx'
import { i18next } from '../i18n/i18next.server.ts'
import { requestDuplicateScan } from '../features/deduplication/request-duplicate-scan.server.ts'
import { showDuplicateReport } from '../features/deduplication/show-duplicate-report.server.ts'
import { undoCourseMerge } from '../features/deduplication/undo-course-merge.server.ts'
import { formatDateTime } from '../utils/format.ts'
import { invariantResponse, throwFailure, valueOrThrow } from '../core/http.server.ts'
import { parseForm, readForm, requireIntent } from '../core/form.server.ts'

/** How often the page asks for news while a scan runs (with JavaScript; without it, "Vernieuwen"). */
const REFRESH_MS = 2_000

const NOTICES = {
	ongedaan: 'undoneMessage',
	samengevoegd: 'mergedMessage',
	'geen-dubbeling': 'dismissedMessage',
} as const
const SCAN_NOTICES = { gestart: 'scanStarted', actueel: 'scanCurrent', bezig: 'scanBusy' } as const

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', { kind: 'duplicates' })
	const params = new URL(request.url).searchParams
	const page = parsePage(params.get('pagina'))
	invariantResponse(page.ok, 400, page.ok ? 'PAGE_NOT_A_NUMBER' : page.code)
	const historyPage = parsePage(params.get('historie'))
	invariantResponse(historyPage.ok, 400, historyPage.ok ? 'PAGE_NOT_A_NUMBER' : historyPage.code)
	const undo = params.get('ongedaan-maken')
	const report = valueOrThrow(
		await showDuplicateReport(context, {
			actor,
			page: page.value,
			unit: params.get('aanbieder') || null,
			historyPage: historyPage.value,
			// A merge to undo that is no merge asks nothing.
			undoMergeId: undo && isUuid(undo) ? undo : null,
		}),
	)
	const t = await i18next.getFixedT(request)
	const notice = Object.entries(NOTICES).find(([param]) => params.has(param))?.[1] ?? SCAN_NOTICES[params.get('scan') as keyof typeof SCAN_NOTICES] ?? null
	return { ...report, notice, title: `${t('duplicates.title')} – ${t('app.name')}` }
}

/** Undoing a merge (after confirmation): which one. */
const undoSchema = z.object({ mergeId: z.uuid() })

export async function action({ request, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'merge', { kind: 'duplicates' })
	const form = await readForm(request)
	switch (requireIntent(form, ['scan', 'undo'])) {
		case 'scan': {
			const requested = await requestDuplicateScan(context, { actor })
			if (!requested.ok && requested.kind !== 'conflict') throwFailure(requested)
			const notice = requested.ok ? 'gestart' : requested.code === 'SCAN_CURRENT' ? 'actueel' : 'bezig'
			throw redirect(`/beheer/dubbelingen?scan=${notice}`, 303)
		}
		case 'undo': {
			const submission = parseForm(form, undoSchema)
			invariantResponse(submission.status === 'success', 400, 'MERGE_UNDO_NOT_ALLOWED')
			const undone = await undoCourseMerge(context, { actor, mergeId: submission.value.mergeId })
			if (!undone.ok) throwFailure(undone)
			throw redirect('/beheer/dubbelingen?ongedaan=1', 303)
		}
	}
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function DuplicateReport() {
	const { result, activity, canScan, units, unit, clusters, merges, confirmUndo, notice } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const location = useLocation()
	const revalidator = useRevalidator()
	const scanning = activity.kind === 'scanning'
	// "Started" and "already running" are news only while the scan runs.
	const shownNotice = (notice === 'scanStarted' || notice === 'scanBusy') && !scanning ? null : notice
	// While a scan runs, the page asks for its progress; it stops by itself when the scan is done.
	useEffect(() => {
		if (!scanning) return
		const timer = setInterval(() => {
			if (revalidator.state === 'idle') revalidator.revalidate()
		}, REFRESH_MS)
		return () => clearInterval(timer)
	}, [scanning, revalidator])
	const at = (date: string | Date) => formatDateTime(new Date(date), i18n.language)
	const unitName = units.find((candidate) => candidate.slug === unit)?.name ?? null
	const withParams = (changes: Record<string, string | null>, anchor?: string) => {
		const params = new URLSearchParams(location.search)
		for (const [key, value] of Object.entries(changes)) {
			if (value === null) params.delete(key)
			else params.set(key, value)
		}
		const query = params.toString()
		return `${location.pathname}${query ? `?${query}` : ''}${anchor ? `#${anchor}` : ''}`
	}
	return (
		<div className="container page">
			<h1>{t('duplicates.title')}</h1>
			<p className="lead">{t('duplicates.intro')}</p>
			{shownNotice ? (
				<p className="notice" role="status">
					{t(`duplicates.${shownNotice}`)}
				</p>
			) : null}

			<section aria-labelledby="scan" className="duplicate-scan">
				<h2 id="scan">{t('duplicates.scanTitle')}</h2>
				{result ? (
					<p>
						{t('duplicates.scanned', { count: result.courses, seconds: (result.durationMs / 1000).toLocaleString(i18n.language, { maximumFractionDigits: 1 }) })}{' '}
						{t('duplicates.scanFinishedAt', { at: at(result.finishedAt) })}
					</p>
				) : activity.kind === 'idle' ? (
					<p>{t('duplicates.scanNever')}</p>
				) : null}
				{result?.outdated ? <p className="notice notice--warning">{t('duplicates.outdated')}</p> : null}
				{activity.kind === 'scanning' ? (
					<div className="scan-progress">
						<label htmlFor="scan-progress">
							{activity.status === 'running' && activity.total !== null ? t('duplicates.scanRunning', { done: activity.done, count: activity.total }) : t('duplicates.scanQueued')}
						</label>
						{activity.status === 'running' && activity.total !== null ? (
							<progress id="scan-progress" max={Math.max(activity.total, 1)} value={activity.done} />
						) : (
							<progress id="scan-progress" />
						)}
						<p className="hint">
							{t('duplicates.scanRefreshHint')} <Link to={withParams({ scan: null })}>{t('duplicates.scanRefresh')}</Link>
						</p>
					</div>
				) : null}
				{activity.kind === 'failed' ? (
					<p className="notice notice--error" role="alert">
						{t(`duplicates.scanError_${activity.error}`, { at: at(activity.at) })}
					</p>
				) : null}
				{/* Announced when a scan the page was following is done (the region is empty while it runs). */}
				<p role="status" className="visually-hidden">
					{result && activity.kind === 'idle' && !result.outdated ? t('duplicates.scanDone') : ''}
				</p>
				{canScan ? (
					<Form method="post">
						<button type="submit" name="intent" value="scan" className="button">
							{activity.kind === 'failed' ? t('duplicates.scanAgain') : t('duplicates.scanNow')}
						</button>
					</Form>
				) : null}
			</section>

			{result ? (
				<section aria-labelledby="groepen">
					<h2 id="groepen">{unitName ? t('duplicates.clustersOfUnit', { count: clusters.total, unit: unitName }) : t('duplicates.clusters', { count: clusters.total })}</h2>
					<Form method="get" className="filter-bar">
						<fieldset>
							<legend className="visually-hidden">{t('duplicates.filterLegend')}</legend>
							<label htmlFor="aanbieder">{t('duplicates.filterUnit')}</label>{' '}
							<select id="aanbieder" name="aanbieder" defaultValue={unit ?? ''} key={unit ?? ''}>
								<option value="">{t('duplicates.filterAllUnits')}</option>
								{units.map((candidate) => (
									<option key={candidate.slug} value={candidate.slug}>
										{candidate.name}
									</option>
								))}
							</select>{' '}
							<button type="submit" className="button button--secondary">
								{t('duplicates.filterApply')}
							</button>
						</fieldset>
					</Form>
					{clusters.pageOutOfRange && clusters.total > 0 ? (
						<div className="empty-state">
							<p>{t('duplicates.pageOutOfRange', { count: clusters.pages })}</p>
							<p>
								<Link to={withParams({ pagina: null })}>{t('duplicates.firstPage')}</Link>
							</p>
						</div>
					) : clusters.total === 0 ? (
						<p className="empty-state">{unit ? t('duplicates.noneOfUnit') : t('duplicates.none')}</p>
					) : (
						<ol className="duplicate-list">
							{clusters.rows.map((cluster) => (
								<li key={cluster.position} className="duplicate-card">
									<h3>
										{t('duplicates.group', { number: cluster.position })} · {t('duplicates.likeness', { percent: Math.round(cluster.topScore * 100) })}
									</h3>
									<ul>
										{cluster.courses.map((course) => (
											<li key={course.id}>
												<a href={`/catalogus/${course.id}`}>{course.title}</a> ({course.providerShortName})
											</li>
										))}
									</ul>
									<p className="reasons">{cluster.reasons.map((reason) => t(`duplicates.reason_${reason}`)).join(', ')}</p>
									{cluster.courses.length > 1 ? (
										<Link className="button button--secondary" to={`/beheer/dubbelingen/vergelijken?${cluster.courses.map((course) => `cursus=${course.id}`).join('&')}`}>
											{t('duplicates.compare')}
											<span className="visually-hidden">: {t('duplicates.group', { number: cluster.position })}</span>
										</Link>
									) : null}
								</li>
							))}
						</ol>
					)}
					{clusters.pageOutOfRange ? null : <Pagination page={clusters.page} pages={clusters.pages} label={t('duplicates.clustersPagination')} />}
				</section>
			) : null}

			<section aria-labelledby="samengevoegd">
				<h2 id="samengevoegd">{t('duplicates.merges')}</h2>
				{confirmUndo ? (
					<ConfirmAction
						id="ongedaan-maken"
						headingLevel="h3"
						title={t('duplicates.undoConfirmTitle')}
						text={t('duplicates.undoConfirmText', {
							merged: confirmUndo.mergedTitle,
							unit: confirmUndo.mergedProviderShortName,
							canonical: confirmUndo.canonicalTitle,
							count: confirmUndo.movedSessions,
						})}
						fields={{ intent: 'undo', mergeId: confirmUndo.id }}
						confirmLabel={t('duplicates.undoConfirm')}
						cancelTo={withParams({ 'ongedaan-maken': null }, 'samengevoegd')}
						cancelLabel={t('duplicates.cancel')}
					/>
				) : null}
				{merges.pageOutOfRange && merges.total > 0 ? (
					<div className="empty-state">
						<p>{t('duplicates.historyOutOfRange', { count: merges.pages })}</p>
						<p>
							<Link to={withParams({ historie: null }, 'samengevoegd')}>{t('duplicates.firstPage')}</Link>
						</p>
					</div>
				) : merges.total === 0 ? (
					<p className="empty-state">{t('duplicates.mergesNone')}</p>
				) : (
					<ul className="duplicate-list">
						{merges.rows.map((merge) => (
							<li key={merge.id} className="duplicate-card">
								<p>
									{t('duplicates.mergedInto', { merged: merge.mergedTitle, unit: merge.mergedProviderShortName, canonical: merge.canonicalTitle })} · {at(merge.mergedAt)} ·{' '}
									{t('duplicates.movedSessions', { count: merge.movedSessions })}
								</p>
								{merge.undoneAt ? (
									<p>{t('duplicates.undone')}</p>
								) : (
									<Link className="button button--secondary" to={withParams({ 'ongedaan-maken': merge.id }, 'ongedaan-maken')}>
										{t('duplicates.undoAsk')}
										<span className="visually-hidden">: {merge.mergedTitle}</span>
									</Link>
								)}
							</li>
						))}
					</ul>
				)}
				{merges.pageOutOfRange ? null : (
					<Pagination page={merges.page} pages={merges.pages} param="historie" label={t('duplicates.mergesPagination')} anchor="samengevoegd" />
				)}
			</section>
		</div>
	)
}
