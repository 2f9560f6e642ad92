import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, useErrorText } from '../components/field.tsx'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { throwFailure, valueOrThrow } from '../core/http.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { uploadDecisionSchema } from '../features/passport/certificate-upload-schema.ts'
import { decideCertificate } from '../features/passport/decide-certificate.server.ts'
import { listCertificatesToReview } from '../features/passport/list-certificates.server.ts'
import { levelName } from '../features/passport/levels.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { calendarDay, formatDate } from '../utils/format.ts'

// Certificates employees sent in, for their manager (their team) or their unit's coordinators to
// approve or reject (ADR 031, uploads). Approving turns the dot in the same transaction; on a
// competency with levels the approver sets the level, proposed: the one the employee claimed.

const PATH = '/paspoorten/bewijs'
const review = (actor: { tenantId: string }) => ({ kind: 'passport_upload_review', tenantId: actor.tenantId }) as const

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', review)
	const uploads = valueOrThrow(await listCertificatesToReview(context, { actor }))
	const t = await i18next.getFixedT(request)
	const decided = new URL(request.url).searchParams.get('besluit')
	return { title: `${t('passportUpload.reviewTitle')} – ${t('app.name')}`, uploads, decided: decided === 'goedgekeurd' ? ('approved' as const) : decided === 'afgewezen' ? ('rejected' as const) : null }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export async function action({ request, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'approve', review)
	const form = await readForm(request, { multiline: ['reason'] })
	requireIntent(form, ['approve', 'reject'])
	const submission = parseForm(form, uploadDecisionSchema)
	const uploadId = String(form.get('uploadId') ?? '')
	if (submission.status !== 'success') {
		// An id that is no upload is not found, not a field to correct.
		if (submission.error?.uploadId) throwFailure({ ok: false, kind: 'not_found', code: 'UPLOAD_NOT_FOUND' })
		return data({ uploadId, result: invalidForm(submission).data }, { status: 400 })
	}
	const value = submission.value
	const decision = value.intent === 'approve' ? { kind: 'approve' as const, level: value.level } : { kind: 'reject' as const, reason: value.reason }
	const decided = await decideCertificate(context, { actor, uploadId: value.uploadId, decision })
	if (!decided.ok) {
		if (decided.kind !== 'conflict' && decided.kind !== 'invalid') return throwFailure(decided)
		const refused = refusedForm(submission, decided)
		return data({ uploadId, result: refused.data }, { status: refused.init?.status ?? 409 })
	}
	return redirect(`${PATH}?besluit=${decided.value.status === 'approved' ? 'goedgekeurd' : 'afgewezen'}`)
}

type Upload = ReturnType<typeof useLoaderData<typeof loader>>['uploads'][number]

export default function ReviewCertificates() {
	const { uploads, decided } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	return (
		<div className="container page">
			<p>
				<Link to="/paspoorten">{t('passportUpload.backToMatrix')}</Link>
			</p>
			<h1>{t('passportUpload.reviewTitle')}</h1>
			<p className="lead">{t('passportUpload.reviewIntro')}</p>
			{decided ? (
				<p className="notice" role="status">
					{t(`passportUpload.${decided}`)}
				</p>
			) : null}
			{uploads.length === 0 ? (
				<p className="empty-state">{t('passportUpload.reviewEmpty')}</p>
			) : (
				<ul className="passport-list" aria-label={t('passportUpload.reviewCaption')}>
					{uploads.map((upload) => (
						<li key={upload.id} className="passport-item">
							<h2 className="passport-item__name">
								{upload.employeeName} — {upload.competencyName}
							</h2>
							<p>
								{t('passportUpload.obtainedOn')}: {formatDate(calendarDay(upload.obtainedOn), i18n.language)}
								<br />
								{t('passportUpload.sentOn')}: {formatDate(new Date(upload.createdAt), i18n.language)}
							</p>
							{upload.levels.length > 0 ? (
								<p>
									{t('passportUpload.claimedLevel')}: {levelName(upload.levels, upload.level) ?? t('passportUpload.noLevel')}
								</p>
							) : null}
							{upload.note ? <p>{upload.note}</p> : null}
							<p>
								<a href={`/paspoort-bewijs/${upload.id}`} download>
									{t('passportUpload.open', { file: upload.fileName })}
								</a>
							</p>
							<Decision upload={upload} />
						</li>
					))}
				</ul>
			)}
		</div>
	)
}

/** The reply to this upload's form of this intent: each form shows only its own errors. */
function replyOf(actionData: ReturnType<typeof useActionData<typeof action>>, uploadId: string, intent: 'approve' | 'reject') {
	if (actionData?.uploadId !== uploadId) return undefined
	const sent = (actionData.result.initialValue as Record<string, unknown> | undefined)?.intent
	return sent === intent || (sent === undefined && intent === 'reject') ? actionData.result : undefined
}

/** Approve in one press (on a competency with levels, at the level chosen, proposed: the one claimed); reject with a reason beside its field. */
function Decision({ upload }: { upload: Upload }) {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const [approveForm, approveFields] = useForm({
		id: `approve-${upload.id}`,
		lastResult: replyOf(actionData, upload.id, 'approve'),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: uploadDecisionSchema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		defaultValue: { level: upload.level === null ? '' : String(upload.level) },
	})
	const [form, fields] = useForm({
		id: `reject-${upload.id}`,
		lastResult: replyOf(actionData, upload.id, 'reject'),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: uploadDecisionSchema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
	})
	const busy = navigation.state === 'submitting'
	const names = { name: upload.employeeName, competency: upload.competencyName }
	const errorText = useErrorText()
	const formError = errorText(form.errors)
	// A level sent for a competency without levels has no field to stand beside: it stands at the button.
	const approveError = errorText(approveForm.errors) ?? (upload.levels.length === 0 ? errorText(approveFields.level.errors) : null)
	const approveErrorId = `${approveForm.id}-error`
	return (
		<>
			<Form method="post" action={PATH} {...getFormProps(approveForm)}>
				<input type="hidden" name="uploadId" value={upload.id} />
				{approveError ? (
					<p className="field__error" role="alert" id={approveErrorId}>
						{approveError}
					</p>
				) : null}
				{upload.levels.length > 0 ? (
					<Field
						meta={approveFields.level}
						label={t('passportUpload.approveLevel', names)}
						hint={t('passportUpload.approveLevelHint')}
						as="select"
						options={[{ value: '', label: t('passportUpload.noLevel') }, ...upload.levels.map((name, index) => ({ value: String(index + 1), label: `${index + 1} ${name}` }))]}
					/>
				) : null}
				<button
					type="submit"
					name="intent"
					value="approve"
					className="button"
					disabled={busy}
					aria-label={t('passportUpload.approveLabel', names)}
					aria-describedby={approveError ? approveErrorId : undefined}
				>
					{t('passportUpload.approve')}
				</button>
			</Form>
			<Form method="post" action={PATH} {...getFormProps(form)}>
				<input type="hidden" name="uploadId" value={upload.id} />
				<input type="hidden" name="intent" value="reject" />
				{formError ? (
					<p className="field__error" role="alert">
						{formError}
					</p>
				) : null}
				<Field meta={fields.reason} label={t('passportUpload.reason')} as="textarea" rows={2} />
				<button type="submit" className="button button--secondary" disabled={busy} aria-label={t('passportUpload.rejectLabel', names)}>
					{t('passportUpload.reject')}
				</button>
			</Form>
		</>
	)
}
