import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { isUuid } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { actorOf, requireSignedIn } from '../features/identity/guard.server.ts'
import { DataTable, type DataColumn } from '../components/data-table.tsx'
import type { ErrorCode } from '../core/error-codes.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { decideEnrolments } from '../features/enrolment/decide-enrolment.server.ts'
import { hasApprovalsInbox, showApprovals } from '../features/enrolment/show-approvals.server.ts'
import { formatDate, formatDateTime, formatPrice } from '../utils/format.ts'
import { invariantResponse } from '../core/http.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const signedIn = await requireSignedIn(request, context)
	invariantResponse(hasApprovalsInbox(signedIn), 403, 'FORBIDDEN')
	const t = await i18next.getFixedT(request)
	return { requests: await showApprovals(context, signedIn), title: `${t('approvals.title')} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

const decisionSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('approve'), ids: z.array(z.string().refine(isUuid)).min(1, { error: 'NOTHING_SELECTED' }), reason: z.string().optional() }),
	z.object({
		intent: z.literal('decline'),
		ids: z.array(z.string().refine(isUuid)).min(1, { error: 'NOTHING_SELECTED' }),
		reason: z.string().trim().min(3, { error: 'DECLINE_REASON_REQUIRED' }).max(500, { error: 'DECLINE_REASON_REQUIRED' }),
	}),
])

type DecisionErrors = { ids?: ErrorCode; reason?: ErrorCode }

export async function action({ request, context }: ActionFunctionArgs) {
	const signedIn = await requireSignedIn(request, context)
	invariantResponse(hasApprovalsInbox(signedIn), 403, 'FORBIDDEN')
	const form = await request.formData()
	const parsed = decisionSchema.safeParse({ intent: form.get('intent'), ids: form.getAll('ids').map(String), reason: String(form.get('reason') ?? '') })
	if (!parsed.success) {
		const errors: DecisionErrors = {}
		for (const issue of parsed.error.issues) {
			const field = issue.path[0] === 'reason' ? 'reason' : 'ids'
			errors[field] ??= issue.path[0] === 'intent' ? 'NOTHING_SELECTED' : (issue.message as ErrorCode)
			if (issue.path[0] === 'ids' && issue.code !== 'too_small') errors.ids = 'ENROLMENT_NOT_FOUND'
		}
		return data({ errors, results: [], selected: form.getAll('ids').map(String), reason: String(form.get('reason') ?? '') }, { status: 400 })
	}
	const decision = parsed.data.intent === 'approve' ? { decision: 'approve' as const } : { decision: 'decline' as const, reason: parsed.data.reason }
	const results = await decideEnrolments(context, { actor: actorOf(signedIn), enrolmentIds: parsed.data.ids, decision, now: new Date() })
	const failed = results.filter((r) => !r.result.ok).map((r) => ({ id: r.enrolmentId, code: (r.result.ok ? 'ENROLMENT_NOT_FOUND' : r.result.code) as ErrorCode }))
	const allFailed = failed.length === results.length
	return data(
		{ errors: {} as DecisionErrors, results: failed, decided: results.length - failed.length, selected: [] as string[], reason: '' },
		{ status: allFailed ? (results[0]?.result.ok === false ? (results[0].result.status ?? 400) : 400) : 200 },
	)
}

type Row = Awaited<ReturnType<typeof showApprovals>>[number]

export default function Approvals() {
	const { requests } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t, i18n } = useTranslation()
	const language = i18n.language
	const errors = actionData?.errors ?? {}
	// Ticked requests stay ticked while paging (the page stays mounted and sends the ticks of other
	// pages as hidden fields), as in a mail client; a decision, or a refused form, resets them to what the server says.
	const [ticked, setTicked] = useState(() => new Set(actionData?.selected ?? []))
	useEffect(() => setTicked(new Set(actionData?.selected ?? [])), [actionData])
	// A request someone else decided meanwhile drops out of the selection.
	const selected = new Set(requests.filter((r) => ticked.has(r.id)).map((r) => r.id))
	const toggle = (id: string, on: boolean) =>
		setTicked((current) => {
			const next = new Set(current)
			if (on) next.add(id)
			else next.delete(id)
			return next
		})
	const nameOf = (id: string) => requests.find((r) => r.id === id)?.employeeName ?? id
	const columns: DataColumn<Row>[] = [
		{
			id: 'kies',
			header: t('approvals.select'),
			enableSorting: false,
			cell: ({ row }) => (
				<input
					type="checkbox"
					name="ids"
					value={row.original.id}
					checked={selected.has(row.original.id)}
					onChange={(event) => toggle(row.original.id, event.currentTarget.checked)}
					aria-label={t('approvals.selectRow', { name: row.original.employeeName })}
				/>
			),
		},
		{ id: 'medewerker', header: t('approvals.employee'), accessorFn: (row) => row.employeeName },
		{ id: 'opleiding', header: t('approvals.course'), accessorFn: (row) => `${row.courseTitle} (${row.providerShortName})` },
		{ id: 'datum', header: t('approvals.date'), accessorFn: (row) => new Date(row.startsAt).getTime(), cell: ({ row }) => formatDate(new Date(row.original.startsAt), language) },
		{ id: 'kosten', header: t('approvals.price'), accessorFn: (row) => row.priceCents, cell: ({ row }) => formatPrice(row.original.priceCents, language) },
		{ id: 'waarom', header: t('approvals.reason'), accessorFn: (row) => (row.approvalReason ? t(`approvals.reason_${row.approvalReason}`) : '') },
		{ id: 'aangevraagd', header: t('approvals.requestedAt'), accessorFn: (row) => new Date(row.requestedAt).getTime(), cell: ({ row }) => formatDateTime(new Date(row.original.requestedAt), language) },
	]
	return (
		<div className="container page">
			<h1>{t('approvals.title')}</h1>
			<p className="lead">{t('approvals.intro')}</p>
			{actionData && 'decided' in actionData && actionData.decided > 0 ? (
				<p className="notice notice--success" role="status">
					{t('approvals.decided', { count: actionData.decided })}
				</p>
			) : null}
			{actionData?.results.length ? (
				<ul className="notice" role="alert">
					{actionData.results.map((failure) => (
						<li key={failure.id}>{t('approvals.failed', { name: nameOf(failure.id), message: t(`errors.${failure.code}`) })}</li>
					))}
				</ul>
			) : null}
			{requests.length === 0 ? (
				<p className="empty-state">{t('approvals.empty')}</p>
			) : (
				<Form method="post" className="form-stack" noValidate>
					{errors.ids ? (
						<p className="field__error" id="keuze-fout" role="alert">
							{t(`errors.${errors.ids}`)}
						</p>
					) : null}
					<DataTable
						name="aanvragen"
						caption={t('approvals.title')}
						columns={columns}
						rows={requests}
						empty={t('approvals.empty')}
						pageSize={50}
						afterTable={(pageRows) => {
							const shown = new Set(pageRows.map((r) => r.id))
							const elsewhere = [...selected].filter((id) => !shown.has(id))
							return (
								<>
									{elsewhere.map((id) => (
										<input key={id} type="hidden" name="ids" value={id} />
									))}
									<div className="selection-summary">
										<p role="status">
											{selected.size === 0
												? t('approvals.selectedNone')
												: elsewhere.length > 0
													? t('approvals.selectedElsewhere', { count: selected.size, elsewhere: elsewhere.length })
													: t('approvals.selected', { count: selected.size })}
										</p>
										{selected.size > 0 ? (
											<button type="button" className="button button--secondary" onClick={() => setTicked(new Set())}>
												{t('approvals.clearSelection')}
											</button>
										) : null}
									</div>
								</>
							)
						}}
					/>
					<div className={`field${errors.reason ? ' field--invalid' : ''}`}>
						<label htmlFor="reden">{t('approvals.declineReason')}</label>
						{errors.reason ? (
							<p className="field__error" id="reden-fout">
								{t(`errors.${errors.reason}`)}
							</p>
						) : null}
						<textarea id="reden" name="reason" rows={3} maxLength={500} defaultValue={actionData?.reason ?? ''} aria-invalid={errors.reason ? true : undefined} aria-describedby={errors.reason ? 'reden-fout' : undefined} />
					</div>
					<div className="form-actions">
						<button type="submit" name="intent" value="approve" className="button">
							{t('approvals.approve')}
						</button>
						<button type="submit" name="intent" value="decline" className="button button--secondary">
							{t('approvals.decline')}
						</button>
					</div>
				</Form>
			)}
		</div>
	)
}
