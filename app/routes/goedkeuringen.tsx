import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import type { Actor, Resource } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { requirePermission } from '../features/identity/guard.server.ts'
import { DataGrid, GridDay, GridSearch, GridSelect, type GridColumn } from '../components/data-grid.tsx'
import { ErrorSummary, Field, useErrorText } from '../components/field.tsx'
import { BulkOutcome } from '../components/bulk-outcome.tsx'
import { useBulkSelection } from '../components/bulk-selection.ts'
import { ScrollRegion } from '../components/scroll-region.tsx'
import type { ErrorCode } from '../core/error-codes.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { decideEnrolments, type Decision } from '../features/enrolment/decide-enrolment.server.ts'
import { BULK_JOB_THRESHOLD, bulkDecisionSchema } from '../features/enrolment/decision-schema.ts'
import { queueBulkDecision } from '../features/enrolment/queue-bulk-decision.server.ts'
import { APPROVAL_GRID_FILTERS, APPROVAL_SORTS } from '../features/enrolment/approval-grid.server.ts'
import { previewDecision } from '../features/enrolment/preview-decision.server.ts'
import { showApprovals } from '../features/enrolment/show-approvals.server.ts'
import { formatDate, formatDateTime, formatPrice } from '../utils/format.ts'
import { statusOf, valueOrThrow } from '../core/http.server.ts'
import { readGridFilters, readGridQuery } from '../core/grid-query.server.ts'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'

/** The approvals inbox of the asker's unit: its managers (their team) and coordinators (all of the unit). */
const ownInbox = (actor: Actor): Resource => ({ kind: 'approvals', tenantId: actor.tenantId })

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownInbox)
	const { filters, sort, page, query } = readGridQuery(request, { filters: APPROVAL_GRID_FILTERS, sorts: APPROVAL_SORTS, fallback: { id: 'requested', desc: false } })
	const inbox = valueOrThrow(await showApprovals(context, { actor, filters, sort, page }))
	const t = await i18next.getFixedT(request)
	return { ...inbox, filters, sort, query, title: `${t('approvals.title')} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export async function action({ request, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'approve', ownInbox)
	const form = await readForm(request, { multiline: ['reason'] })
	requireIntent(form, ['preview-approve', 'preview-decline', 'approve', 'decline'])
	const submission = parseForm(form, bulkDecisionSchema)
	if (submission.status !== 'success') return invalidForm(submission)
	const { value } = submission
	if (value.intent === 'preview-approve' || value.intent === 'preview-decline') {
		// Nothing changes yet: the page shows what the decision would do, and a form to take it.
		const selection = value.alles === 'ja' ? { filters: readGridFilters(value.filter ?? '', APPROVAL_GRID_FILTERS) } : { ids: value.ids ?? [] }
		const preview = await previewDecision(context, { actor, selection, decision: value.intent === 'preview-approve' ? 'approve' : 'decline' })
		if (!preview.ok) return refusedForm(submission, preview)
		return { result: submission.reply(), preview: preview.value, reason: value.reason?.trim() ?? '' }
	}
	const decision: Decision = value.intent === 'approve' ? { decision: 'approve' } : { decision: 'decline', reason: value.reason }
	if (new Set(value.ids).size > BULK_JOB_THRESHOLD) {
		// Too many to decide while the approver waits: a job decides them, and its page shows how far it got.
		const queued = await queueBulkDecision(context, { actor, enrolmentIds: value.ids, decision })
		if (!queued.ok) return refusedForm(submission, queued)
		return redirect(`/goedkeuringen/verwerking/${queued.value.jobId}`)
	}
	const decided = await decideEnrolments(context, { actor, enrolmentIds: value.ids, decision })
	if (!decided.ok) return refusedForm(submission, decided)
	// Each request is reported on its own row; only when every one was refused does the answer as a whole fail, with the first refusal's status.
	const results = decided.value.map(({ enrolmentId, employeeName, courseTitle, result }) => ({
		id: enrolmentId,
		employeeName,
		courseTitle,
		...(result.ok ? { ok: true as const, status: result.value } : { ok: false as const, code: result.code as ErrorCode }),
	}))
	const failed = results.filter((row) => !row.ok)
	const firstRefusal = decided.value.find(({ result }) => !result.ok)?.result
	const allFailed = failed.length === results.length && firstRefusal && !firstRefusal.ok
	return data(
		{ result: submission.reply({ resetForm: true }), results, failed: failed.length, decided: results.length - failed.length },
		{ status: allFailed ? statusOf(firstRefusal.kind) : 200 },
	)
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>
type Row = LoaderData['rows'][number]
type ActionData = NonNullable<ReturnType<typeof useActionData<typeof action>>>
type Preview = Extract<ActionData, { preview: unknown }>
type Outcome = Extract<ActionData, { results: unknown }>

export default function Approvals() {
	const { rows, total, page, pages, courses, batches, filters, sort, query } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const preview = actionData && 'preview' in actionData ? actionData : null
	const outcome = actionData && 'results' in actionData ? actionData : null
	const lastResult = actionData && 'result' in actionData ? actionData.result : actionData
	const { t, i18n } = useTranslation()
	const language = i18n.language
	const errorText = useErrorText()
	const [form, fields] = useForm({
		id: 'beslissen',
		lastResult,
		constraint: getZodConstraint(bulkDecisionSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: bulkDecisionSchema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
	})
	// Ticked requests stay ticked while paging and filtering; a decision, or a refused form, resets them.
	const { ticked, allMatching, setAllMatching, toggle, clear, isTicked } = useBulkSelection({ reply: lastResult, filterQuery: query })
	const filtered = query !== ''
	const columns: GridColumn<Row>[] = [
		{
			id: 'kies',
			header: t('approvals.select'),
			cell: ({ row }) => (
				<input
					type="checkbox"
					form="beslissen"
					name="ids"
					value={row.original.id}
					checked={isTicked(row.original.id)}
					disabled={allMatching}
					onChange={(event) => toggle(row.original.id, event.currentTarget.checked)}
					aria-label={t('approvals.selectRow', { name: row.original.employeeName })}
				/>
			),
		},
		{ id: 'employee', header: t('approvals.employee'), sortable: true, accessorFn: (row) => row.employeeName },
		{ id: 'course', header: t('approvals.course'), sortable: true, accessorFn: (row) => `${row.courseTitle} (${row.providerShortName})` },
		{ id: 'date', header: t('approvals.date'), sortable: true, cell: ({ row }) => formatDate(new Date(row.original.startsAt), language) },
		{ id: 'price', header: t('approvals.price'), sortable: true, cell: ({ row }) => formatPrice(row.original.priceCents, language) },
		{ id: 'step', header: t('approvals.step'), cell: ({ row }) => (row.original.approvalStep ? t(`approvals.step_${row.original.approvalStep}`) : '') },
		{ id: 'reason', header: t('approvals.reason'), cell: ({ row }) => (row.original.approvalReason ? t(`approvals.reason_${row.original.approvalReason}`) : '') },
		{
			id: 'requested',
			header: t('approvals.age'),
			sortable: true,
			cell: ({ row }) => (
				<>
					{row.original.daysWaiting === 0 ? t('approvals.ageToday') : t('approvals.waitingDays', { count: row.original.daysWaiting })}
					<br />
					<small>{formatDateTime(new Date(row.original.requestedAt), language)}</small>
				</>
			),
		},
	]
	const selectedCount = allMatching ? total : ticked.size
	return (
		<div className="container page">
			<h1>{t('approvals.title')}</h1>
			<p className="lead">{t('approvals.intro')}</p>
			{batches.length > 0 ? (
				<details className="bulk-jobs">
					<summary>{t('bulkJob.recent', { count: batches.length })}</summary>
					<ul className="plain-list">
						{batches.map((batch) => (
							<li key={batch.id}>
								<Link to={`/goedkeuringen/verwerking/${batch.id}`}>
									{t(`bulkJob.recent_${batch.kind}`, { count: batch.total, at: formatDateTime(new Date(batch.requestedAt), language) })}
								</Link>{' '}
								({t(`bulkJob.status_${batch.status}`)})
							</li>
						))}
					</ul>
				</details>
			) : null}
			{outcome ? <DecisionOutcome outcome={outcome} /> : null}
			{preview ? <DecisionPreview preview={preview} /> : null}
			{/* Nothing (or a forged id) selected concerns the selection as a whole: above the table. */}
			<ErrorSummary form={form} fields={[{ meta: fields.reason, label: t('approvals.declineReason') }]} formError={errorText(fields.ids.errors) ?? errorText(form.errors)} />
			<DataGrid
				name="aanvragen"
				caption={t('approvals.caption')}
				columns={columns}
				rows={rows}
				getRowId={(row) => row.id}
				sort={sort}
				page={page}
				pages={pages}
				count={t('approvals.count', { count: total })}
				empty={filtered ? t('approvals.emptyFiltered') : t('approvals.empty')}
				filters={
					<>
						<GridSearch label={t('approvals.search')} value={filters.q} />
						<GridSelect
							name="stap"
							label={t('approvals.step')}
							value={filters.stap}
							anyLabel={t('approvals.stepAny')}
							options={(['manager', 'coordinator'] as const).map((step) => ({ value: step, label: t(`approvals.step_${step}`) }))}
						/>
						<GridSelect name="opleiding" label={t('approvals.course')} value={filters.opleiding} anyLabel={t('approvals.courseAny')} options={courses.map((course) => ({ value: course.id, label: course.title }))} />
						<GridDay name="van" label={t('approvals.from')} value={filters.van} />
						<GridDay name="tot" label={t('approvals.to')} value={filters.tot} />
						<GridSelect
							name="wacht"
							label={t('approvals.waiting')}
							value={filters.wacht}
							anyLabel={t('approvals.waitingAny')}
							options={[7, 14, 30, 60].map((days) => ({ value: days, label: t('approvals.waitingDays', { count: days }) }))}
						/>
					</>
				}
				beforeTable={
					total > 0 ? (
						<div className="field__choice select-all">
							<input type="checkbox" id="alles" form="beslissen" name="alles" value="ja" checked={allMatching} onChange={(event) => setAllMatching(event.currentTarget.checked)} />{' '}
							<label htmlFor="alles">{t('approvals.selectAll', { count: total })}</label>
						</div>
					) : null
				}
				afterTable={(pageRows) => {
					const shown = new Set(pageRows.map((r) => r.id))
					const elsewhere = allMatching ? [] : [...ticked].filter((id) => !shown.has(id))
					return (
						<>
							{elsewhere.map((id) => (
								<input key={id} type="hidden" form="beslissen" name="ids" value={id} />
							))}
							<div className="selection-summary">
								<p role="status">
									{allMatching
										? t('approvals.selectedAll', { count: total })
										: selectedCount === 0
											? t('approvals.selectedNone')
											: elsewhere.length > 0
												? t('approvals.selectedElsewhere', { count: selectedCount, elsewhere: elsewhere.length })
												: t('approvals.selected', { count: selectedCount })}
								</p>
								{selectedCount > 0 ? (
									<button
										type="button"
										className="button button--secondary"
										onClick={clear}
									>
										{t('approvals.clearSelection')}
									</button>
								) : null}
							</div>
						</>
					)
				}}
			/>
			{total > 0 ? (
				<Form method="post" className="form-stack" {...getFormProps(form)}>
					<input type="hidden" name="filter" value={query} />
					<Field meta={fields.reason} label={t('approvals.declineReason')} as="textarea" rows={3} controlProps={{ maxLength: 500 }} />
					<div className="form-actions">
						<button type="submit" name="intent" value="preview-approve" className="button">
							{t('approvals.approve')}
						</button>
						<button type="submit" name="intent" value="preview-decline" className="button button--secondary">
							{t('approvals.decline')}
						</button>
					</div>
				</Form>
			) : null}
		</div>
	)
}

/** What the decision would do, with the form that takes it on exactly these requests. */
function DecisionPreview({ preview: { preview, reason } }: { preview: Preview }) {
	const { t, i18n } = useTranslation()
	const language = i18n.language
	const location = useLocation()
	const navigation = useNavigation()
	const heading = useRef<HTMLHeadingElement>(null)
	useEffect(() => heading.current?.focus(), [preview])
	const approving = preview.decision === 'approve'
	const budget = preview.budget
	const refused = new Set(budget?.refusedForBudget ?? [])
	const count = preview.requests.length
	return (
		<section className="confirm decision-preview" aria-labelledby="voorvertoning">
			<h2 id="voorvertoning" tabIndex={-1} ref={heading}>
				{approving ? t('approvals.previewApproveTitle') : t('approvals.previewDeclineTitle')}
			</h2>
			{budget ? (
				<>
					<p>{t('approvals.previewApprove', { count: budget.final, total: formatPrice(budget.totalCents, language) })}</p>
					{budget.passedOn > 0 ? <p>{t('approvals.previewPassedOn', { count: budget.passedOn })}</p> : null}
					{refused.size > 0 ? (
						<div className="notice notice--warning">
							<p>{t('approvals.previewRefused', { count: refused.size })}</p>
							<ul>
								{preview.requests
									.filter((request) => refused.has(request.id))
									.map((request) => (
										<li key={request.id}>
											{request.employeeName} – {request.courseTitle} ({formatPrice(request.priceCents, language)})
										</li>
									))}
							</ul>
						</div>
					) : null}
					<ScrollRegion label={t('approvals.budgetCaption')}>
						<table className="sessions">
							<caption>{t('approvals.budgetCaption')}</caption>
							<thead>
								<tr>
									<th scope="col">{t('approvals.budgetPerson')}</th>
									<th scope="col">{t('approvals.budgetYear')}</th>
									<th scope="col">{t('approvals.budgetTotal')}</th>
									<th scope="col">{t('approvals.budgetCommitted')}</th>
									<th scope="col">{t('approvals.budgetApproving')}</th>
									<th scope="col">{t('approvals.budgetRemaining')}</th>
								</tr>
							</thead>
							<tbody>
								{budget.budgets.map((row) => (
									<tr key={`${row.userId}:${row.year}`}>
										<th scope="row">{row.employeeName}</th>
										<td>{row.year}</td>
										<td>{formatPrice(row.yearlyBudgetCents, language)}</td>
										<td>{formatPrice(row.committedCents, language)}</td>
										<td>{formatPrice(row.approvingCents, language)}</td>
										<td>{row.remainingAfterCents < 0 ? t('approvals.budgetOver', { amount: formatPrice(row.remainingAfterCents, language) }) : formatPrice(row.remainingAfterCents, language)}</td>
									</tr>
								))}
							</tbody>
						</table>
					</ScrollRegion>
				</>
			) : (
				<p>{t('approvals.previewDecline', { count, reason })}</p>
			)}
			{preview.notInInbox > 0 ? <p>{t('approvals.previewNotInInbox', { count: preview.notInInbox })}</p> : null}
			{preview.truncated ? <p>{t('approvals.previewTruncated', { count })}</p> : null}
			<details>
				<summary>{t('approvals.previewRequests', { count })}</summary>
				<ul className="plain-list">
					{preview.requests.map((request) => (
						<li key={request.id}>
							{request.employeeName} – {request.courseTitle}, {formatDate(new Date(request.startsAt), language)} ({formatPrice(request.priceCents, language)})
						</li>
					))}
				</ul>
			</details>
			<Form method="post">
				<input type="hidden" name="intent" value={preview.decision} />
				{reason ? <input type="hidden" name="reason" value={reason} /> : null}
				{preview.requests.map((request) => (
					<input key={request.id} type="hidden" name="ids" value={request.id} />
				))}
				<button type="submit" className="button" disabled={navigation.state === 'submitting'}>
					{approving ? t('approvals.confirmApprove', { count }) : t('approvals.confirmDecline', { count })}
				</button>{' '}
				<Link to={`${location.pathname}${location.search}`}>{t('approvals.backToList')}</Link>
			</Form>
		</section>
	)
}

/** What a decision did, per request: the ones that failed by name and why, and that the rest was saved. */
function DecisionOutcome({ outcome }: { outcome: Outcome }) {
	const { t } = useTranslation()
	const rows = outcome.results.map((row) => {
		const name = row.employeeName ? `${row.employeeName} (${row.courseTitle})` : t('approvals.unknownRequest', { id: row.id })
		return row.ok
			? { id: row.id, name, ok: true, outcome: t(`enrolmentStatus.${row.status}`), failure: null }
			: { id: row.id, name, ok: false, outcome: t('approvals.resultFailed', { message: t(`errors.${row.code}`) }), failure: t('approvals.failed', { name, message: t(`errors.${row.code}`) }) }
	})
	return (
		<BulkOutcome
			rows={rows}
			text={{
				done: t('approvals.decided', { count: outcome.decided }),
				failedSummary: t('approvals.failedSummary', { count: outcome.failed }),
				results: t('approvals.results', { count: outcome.results.length }),
				caption: t('approvals.resultsCaption'),
				rowHeader: t('approvals.resultRequest'),
				outcomeHeader: t('approvals.resultOutcome'),
			}}
		/>
	)
}
