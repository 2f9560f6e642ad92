import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useEffect, useState } from 'react'
import type { Actor, Resource } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { requirePermission } from '../features/identity/guard.server.ts'
import { DataTable, type DataColumn } from '../components/data-table.tsx'
import { ErrorSummary, Field, useErrorText } from '../components/field.tsx'
import type { ErrorCode } from '../core/error-codes.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { decideEnrolments, type Decision } from '../features/enrolment/decide-enrolment.server.ts'
import { decisionSchema } from '../features/enrolment/decision-schema.ts'
import { showApprovals } from '../features/enrolment/show-approvals.server.ts'
import { formatDate, formatDateTime, formatPrice } from '../utils/format.ts'
import { statusOf, valueOrThrow } from '../core/http.server.ts'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'

/** The approvals inbox of the asker's unit: its managers (their team) and coordinators (all of the unit). */
const ownInbox = (actor: Actor): Resource => ({ kind: 'approvals', tenantId: actor.tenantId })

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownInbox)
	const requests = valueOrThrow(await showApprovals(context, { actor }))
	const t = await i18next.getFixedT(request)
	return { requests, title: `${t('approvals.title')} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export async function action({ request, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'approve', ownInbox)
	const form = await readForm(request, { multiline: ['reason'] })
	requireIntent(form, ['approve', 'decline'])
	const submission = parseForm(form, decisionSchema)
	if (submission.status !== 'success') return invalidForm(submission)
	const { value } = submission
	const decision: Decision = value.intent === 'approve' ? { decision: 'approve' } : { decision: 'decline', reason: value.reason }
	const decided = await decideEnrolments(context, { actor, enrolmentIds: value.ids, decision })
	if (!decided.ok) return refusedForm(submission, decided)
	// Each request is reported on its own row; only when every one was refused does the answer as a whole fail, with the first refusal's status.
	const failed = decided.value.flatMap(({ enrolmentId, result }) => (result.ok ? [] : [{ id: enrolmentId, code: result.code as ErrorCode }]))
	const firstRefusal = decided.value.find(({ result }) => !result.ok)?.result
	const allFailed = failed.length === decided.value.length && firstRefusal && !firstRefusal.ok
	return data(
		{ result: submission.reply({ resetForm: true }), failed, decided: decided.value.length - failed.length },
		{ status: allFailed ? statusOf(firstRefusal.kind) : 200 },
	)
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>['requests'][number]

/** The requests a refused form had ticked (none after a decision: its reply resets the form). */
function submittedIds(initialValue: Record<string, unknown> | null | undefined): string[] {
	const ids = initialValue?.ids
	return typeof ids === 'string' ? [ids] : Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : []
}

export default function Approvals() {
	const { requests } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const lastResult = actionData && 'decided' in actionData ? actionData.result : actionData
	const outcome = actionData && 'decided' in actionData ? actionData : null
	const { t, i18n } = useTranslation()
	const language = i18n.language
	const errorText = useErrorText()
	const [form, fields] = useForm({
		id: 'beslissen',
		lastResult,
		constraint: getZodConstraint(decisionSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: decisionSchema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
	})
	// Ticked requests stay ticked while paging (the page stays mounted and sends the ticks of other
	// pages as hidden fields), as in a mail client; a decision, or a refused form, resets them to what the server says.
	const [ticked, setTicked] = useState(() => new Set(submittedIds(lastResult?.initialValue)))
	useEffect(() => setTicked(new Set(submittedIds(lastResult?.initialValue))), [lastResult])
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
			{outcome && outcome.decided > 0 ? (
				<p className="notice notice--success" role="status">
					{t('approvals.decided', { count: outcome.decided })}
				</p>
			) : null}
			{outcome?.failed.length ? (
				<ul className="notice" role="alert">
					{outcome.failed.map((failure) => (
						<li key={failure.id}>{t('approvals.failed', { name: nameOf(failure.id), message: t(`errors.${failure.code}`) })}</li>
					))}
				</ul>
			) : null}
			{requests.length === 0 ? (
				<p className="empty-state">{t('approvals.empty')}</p>
			) : (
				<Form method="post" className="form-stack" {...getFormProps(form)}>
					{/* Nothing (or a forged id) selected concerns the selection as a whole: above the table. */}
					<ErrorSummary
						form={form}
						fields={[{ meta: fields.reason, label: t('approvals.declineReason') }]}
						formError={errorText(fields.ids.errors) ?? errorText(form.errors)}
					/>
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
					<Field meta={fields.reason} label={t('approvals.declineReason')} as="textarea" rows={3} controlProps={{ maxLength: 500 }} />
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
