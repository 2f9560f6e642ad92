import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminSection } from '../components/admin-list.tsx'
import { ConfirmAction } from '../components/confirm-action.tsx'
import { ErrorSummary, Field } from '../components/field.tsx'
import { ScrollRegion } from '../components/scroll-region.tsx'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { throwFailure, valueOrThrow } from '../core/http.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { decideErasure } from '../features/privacy/decide-erasure.server.ts'
import { ERASURE_REASON_MAX, erasureDeclineConstraint, erasureDeclineSchema } from '../features/privacy/erasure-schema.ts'
import { showErasureRequest } from '../features/privacy/show-erasure-request.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { formatDateTime } from '../utils/format.ts'

// One erasure request (ADR 054): what approving it does per register line (deleted, anonymised,
// kept with the reason), approving it after a confirmation, or declining it with a reason. The
// officer who asked on the person's behalf sees why they cannot decide it (four eyes).

const decide = { kind: 'erasure_request', personId: null } as const

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', decide)
	const view = valueOrThrow(await showErasureRequest(context, { actor, requestId: params.requestId ?? '' }))
	const t = await i18next.getFixedT(request)
	return { title: `${t('privacy.requestTitle')} – ${t('app.name')}`, ...view, confirming: new URL(request.url).searchParams.has('bevestig') }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export async function action({ request, context, params }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'approve', decide)
	const requestId = params.requestId ?? ''
	const form = await readForm(request, { multiline: ['reason'] })
	switch (requireIntent(form, ['approve', 'decline'])) {
		case 'approve': {
			const decided = await decideErasure(context, { actor, requestId, decision: { approve: true } })
			if (!decided.ok) throwFailure(decided)
			return redirect(`/beheer/privacy/${requestId}`, 303)
		}
		case 'decline': {
			const submission = parseForm(form, erasureDeclineSchema)
			if (submission.status !== 'success') return invalidForm(submission)
			const decided = await decideErasure(context, { actor, requestId, decision: { approve: false, reason: submission.value.reason } })
			if (!decided.ok) return refusedForm(submission, decided)
			return redirect(`/beheer/privacy/${requestId}`, 303)
		}
	}
}

export default function ErasureRequest() {
	const { request, preview, askedByMe, confirming } = useLoaderData<typeof loader>()
	const navigation = useNavigation()
	const { t, i18n } = useTranslation()
	const busy = navigation.state === 'submitting'
	const here = `/beheer/privacy/${request.id}`
	const lines = preview ?? Object.entries(request.counts ?? {}).map(([key, count]) => ({ table: key.split('.')[0]!, column: key.split('.')[1]!, erasure: count.erasure, reason: '', rows: count.rows }))
	return (
		<div className="container page">
			<p>
				<Link to="/beheer/privacy">{t('privacy.back')}</Link>
			</p>
			<h1>{t('privacy.requestFor', { name: request.personName, employeeNumber: request.employeeNumber, unit: request.unitName })}</h1>
			<p>{t('privacy.requestedOn', { date: formatDateTime(new Date(request.requestedAt), i18n.language), name: request.requestedByName })}</p>
			{request.status !== 'requested' && request.decidedAt ? (
				<p>
					<strong>{t('privacy.decidedOn', { status: t(`privacy.status_${request.status}`), date: formatDateTime(new Date(request.decidedAt), i18n.language), name: request.decidedByName ?? '' })}</strong>
				</p>
			) : null}
			{request.declineReason ? <p>{t('privacy.declinedBecause', { reason: request.declineReason })}</p> : null}

			{request.status === 'requested' && confirming && !askedByMe ? (
				<ConfirmAction
					id="confirm-title"
					title={t('privacy.confirmTitle', { name: request.personName })}
					text={t('privacy.confirmText')}
					fields={{ intent: 'approve' }}
					confirmLabel={t('privacy.confirmApprove')}
					cancelTo={here}
					cancelLabel={t('privacy.cancel')}
					busy={busy}
				/>
			) : null}

			<AdminSection id="erasure-lines-title" heading={preview ? t('privacy.previewTitle') : t('privacy.countsTitle')}>
				{preview ? <p>{t('privacy.previewIntro')}</p> : null}
				<ScrollRegion label={preview ? t('privacy.previewTitle') : t('privacy.countsTitle')}>
					<table className="table">
						<thead>
							<tr>
								<th scope="col">{t('privacy.table')}</th>
								<th scope="col">{t('privacy.erasure')}</th>
								<th scope="col">{t('privacy.rows')}</th>
								{preview ? <th scope="col">{t('privacy.reason')}</th> : null}
							</tr>
						</thead>
						<tbody>
							{lines.map((line) => (
								<tr key={`${line.table}.${line.column}`}>
									<th scope="row">
										<code>
											{line.table}.{line.column}
										</code>
									</th>
									<td>{t(`privacy.erasure_${line.erasure as 'delete' | 'anonymise' | 'keep'}`)}</td>
									<td>{line.rows.toLocaleString(i18n.language)}</td>
									{preview ? <td>{line.reason}</td> : null}
								</tr>
							))}
						</tbody>
					</table>
				</ScrollRegion>
			</AdminSection>

			{request.status === 'requested' ? (
				askedByMe ? (
					<p className="notice" role="status">
						{t('privacy.fourEyes')}
					</p>
				) : (
					<>
						{confirming ? null : (
							<p>
								<Link className="button" to={`${here}?bevestig=1#confirm-title`}>
									{t('privacy.approve')}
								</Link>
							</p>
						)}
						<AdminSection id="erasure-decline-title" heading={t('privacy.declineTitle')}>
							<DeclineForm busy={busy} />
						</AdminSection>
					</>
				)
			) : null}
		</div>
	)
}

/** Declining with a reason; the error beside the field. */
function DeclineForm({ busy }: { busy: boolean }) {
	const lastResult = useActionData<typeof action>()
	const { t } = useTranslation()
	const [form, fields] = useForm({
		id: 'erasure-decline',
		lastResult,
		constraint: erasureDeclineConstraint,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: erasureDeclineSchema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
	})
	const label = t('privacy.declineReason')
	return (
		<Form method="post" className="form" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="decline" />
			<ErrorSummary form={form} fields={[{ meta: fields.reason, label }]} />
			<Field meta={fields.reason} label={label} hint={t('privacy.declineHint')} as="textarea" rows={3} controlProps={{ maxLength: ERASURE_REASON_MAX }} />
			<button type="submit" className="button button--secondary" disabled={busy}>
				{t('privacy.decline')}
			</button>
		</Form>
	)
}
