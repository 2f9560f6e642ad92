import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation, useRevalidator } from '@remix-run/react'
import { isUuid, type Actor, type Resource } from '@leerplein/domain'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { requirePermission } from '../features/identity/guard.server.ts'
import { BulkOutcome } from '../components/bulk-outcome.tsx'
import { showBulkDecision } from '../features/enrolment/show-bulk-decision.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { invariantResponse, valueOrThrow } from '../core/http.server.ts'
import { formatDateTime } from '../utils/format.ts'

// A bulk decision of the approvals inbox running as a background job (ADR 038): its progress
// while the worker decides, and every request's outcome once it is done. Only the approver who
// started it sees it. A batch whose job was given up on ends as failed: the page names the
// requests it never reached and sends the approver back to the inbox, where they still wait. Without JavaScript a "Vernieuwen" link asks again (a meta refresh would
// fail WCAG 2.2.1); with it, the page asks every two seconds until the batch is done.

const ownInbox = (actor: Actor): Resource => ({ kind: 'approvals', tenantId: actor.tenantId })

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'approve', ownInbox)
	const jobId = params.jobId ?? ''
	invariantResponse(isUuid(jobId), 404, 'BULK_JOB_NOT_FOUND')
	const { job, rows, aborted, stalled } = valueOrThrow(await showBulkDecision(context, { actor, jobId }))
	const t = await i18next.getFixedT(request)
	return { job, rows, aborted, stalled, title: `${t(`bulkJob.title_${job.kind}`)} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function BulkDecisionStatus() {
	const { job, rows, aborted, stalled } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const location = useLocation()
	const revalidator = useRevalidator()
	// Done, or failed: its job was given up on and the rows it never reached are marked so.
	const finished = job.status === 'done' || job.status === 'failed'
	const processed = job.succeeded + job.failed
	useEffect(() => {
		if (finished) return
		const timer = setInterval(() => {
			if (revalidator.state === 'idle') revalidator.revalidate()
		}, 2000)
		return () => clearInterval(timer)
	}, [finished, revalidator])
	// The outcome is news: focus moves to it when the batch finishes while the page is open.
	const outcome = useRef<HTMLHeadingElement>(null)
	const wasRunning = useRef(!finished)
	useEffect(() => {
		if (finished && wasRunning.current) outcome.current?.focus()
	}, [finished])
	return (
		<div className="container page">
			<h1>{t(`bulkJob.title_${job.kind}`)}</h1>
			<p>
				{t('bulkJob.startedAt', { at: formatDateTime(new Date(job.requestedAt), i18n.language) })}
				{job.reason ? (
					<>
						<br />
						{t('bulkJob.reason', { reason: job.reason })}
					</>
				) : null}
			</p>
			{finished && rows ? (
				<section aria-labelledby="uitkomst">
					<h2 id="uitkomst" tabIndex={-1} ref={outcome}>
						{job.status === 'failed' ? t('bulkJob.aborted', { done: job.total - aborted, count: job.total }) : t('bulkJob.finished', { done: processed, count: job.total })}
					</h2>
					{job.status === 'failed' ? (
						<p className="notice notice--warning">
							{t('bulkJob.abortedHelp', { count: aborted })} <Link to="/goedkeuringen">{t('bulkJob.toWaiting')}</Link>
						</p>
					) : null}
					<BulkOutcome
						rows={rows.map((row) => {
							const name = row.employeeName ? `${row.employeeName} (${row.courseTitle})` : t('approvals.unknownRequest', { id: row.enrolmentId })
							const message = t(`errors.${row.outcome}` as 'errors.FORBIDDEN')
							return row.result === 'ok'
								? { id: row.enrolmentId, name, ok: true, outcome: t(`enrolmentStatus.${row.outcome}` as 'enrolmentStatus.enrolled'), failure: null }
								: { id: row.enrolmentId, name, ok: false, outcome: t('approvals.resultFailed', { message }), failure: t('approvals.failed', { name, message }) }
						})}
						text={{
							done: t('approvals.decided', { count: job.succeeded }),
							failedSummary: t('approvals.failedSummary', { count: job.failed }),
							results: t('approvals.results', { count: rows.length }),
							caption: t('approvals.resultsCaption'),
							rowHeader: t('approvals.resultRequest'),
							outcomeHeader: t('approvals.resultOutcome'),
						}}
					/>
				</section>
			) : (
				<section className="form-stack" aria-labelledby="voortgang-kop">
					<h2 id="voortgang-kop">{t('bulkJob.progress')}</h2>
					<label htmlFor="voortgang">{job.status === 'queued' ? t('bulkJob.queued', { count: job.total }) : t('bulkJob.running', { done: processed, count: job.total })}</label>
					<progress id="voortgang" max={Math.max(job.total, 1)} value={processed} />
					{stalled ? (
						<p className="notice notice--warning">
							{t('bulkJob.stalled')} <Link to="/goedkeuringen">{t('bulkJob.backToInbox')}</Link>
						</p>
					) : null}
					<p role="status">
						{t('bulkJob.running', { done: processed, count: job.total })}
						{job.failed > 0 ? ` ${t('bulkJob.failedSoFar', { count: job.failed })}` : ''}
					</p>
					<p className="hint">
						{t('bulkJob.refreshHint')} <Link to={location.pathname}>{t('bulkJob.refresh')}</Link>
					</p>
				</section>
			)}
			<p>
				<Link to="/goedkeuringen">{t('bulkJob.backToInbox')}</Link>
			</p>
		</div>
	)
}
