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
import { i18next } from '../i18n/i18next.server.ts'
import { calendarDay, formatDate } from '../utils/format.ts'

// Certificates employees sent in, for their manager (their team) or their unit's coordinators to
// approve or reject (ADR 031, uploads). Approving turns the dot in the same transaction.

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
	const decided = await decideCertificate(context, { actor, uploadId: value.uploadId, decision: value.intent === 'approve' ? { kind: 'approve' } : { kind: 'reject', reason: value.reason } })
	if (!decided.ok) {
		if (decided.kind !== 'conflict') return throwFailure(decided)
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

/** Approve in one press; reject with a reason beside its field. */
function Decision({ upload }: { upload: Upload }) {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const lastResult = actionData?.uploadId === upload.id ? actionData.result : undefined
	const [form, fields] = useForm({
		id: `reject-${upload.id}`,
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: uploadDecisionSchema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
	})
	const busy = navigation.state === 'submitting'
	const names = { name: upload.employeeName, competency: upload.competencyName }
	const formError = useErrorText()(form.errors)
	return (
		<>
			<Form method="post" action={PATH}>
				<input type="hidden" name="uploadId" value={upload.id} />
				<button type="submit" name="intent" value="approve" className="button" disabled={busy} aria-label={t('passportUpload.approveLabel', names)}>
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
