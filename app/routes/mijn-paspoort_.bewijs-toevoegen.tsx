import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { amsterdamDate, MAX_CERTIFICATE_BYTES } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { ErrorSummary, Field } from '../components/field.tsx'
import { invalidForm, parseForm, readUploadForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { throwFailure, valueOrThrow } from '../core/http.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { certificateUploadConstraint, certificateUploadSchema } from '../features/passport/certificate-upload-schema.ts'
import { listCertificateCompetencies } from '../features/passport/list-certificates.server.ts'
import { competencyWithLevels } from '../features/passport/levels.ts'
import { submitCertificate } from '../features/passport/submit-certificate.server.ts'
import { i18next } from '../i18n/i18next.server.ts'

// The employee sends in a certificate for their passport (ADR 031, uploads). Their manager or a
// coordinator of their unit approves it on /paspoorten/bewijs.

const ownUpload = (actor: { tenantId: string; userId: string }) => ({ kind: 'passport_upload', tenantId: actor.tenantId, userId: actor.userId, managerId: null }) as const
const HIDDEN = { hideFields: ['certificate'] }

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'create', ownUpload)
	const competencies = valueOrThrow(await listCertificateCompetencies(context, { actor }))
	const t = await i18next.getFixedT(request)
	return { title: `${t('passportUpload.title')} – ${t('app.name')}`, competencies, today: amsterdamDate(context.clock.now()) }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export async function action({ request, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'create', ownUpload)
	const form = await readUploadForm(request, { file: 'certificate', maxFileBytes: MAX_CERTIFICATE_BYTES, multiline: ['note'] })
	requireIntent(form, ['upload'])
	const submission = parseForm(form, certificateUploadSchema)
	if (submission.status !== 'success') return invalidForm(submission, HIDDEN)
	const { competencyId, obtainedOn, level, note, certificate } = submission.value
	const sent = await submitCertificate(context, {
		actor,
		competencyId,
		obtainedOn,
		level,
		note: note ?? '',
		file: { name: certificate.name, bytes: new Uint8Array(await certificate.arrayBuffer()) },
	})
	if (!sent.ok) return sent.kind === 'forbidden' ? throwFailure(sent) : refusedForm(submission, sent, HIDDEN)
	return redirect('/mijn-paspoort?ingestuurd=1')
}

export default function AddCertificate() {
	const { competencies, today } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const [form, fields] = useForm({
		id: 'certificate-upload',
		lastResult,
		constraint: certificateUploadConstraint,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: certificateUploadSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	const labels = {
		competencyId: t('passportUpload.competency'),
		obtainedOn: t('passportUpload.obtainedOn'),
		level: t('passportUpload.level'),
		note: t('passportUpload.note'),
		certificate: t('passportUpload.file'),
	}
	return (
		<div className="container page">
			<p>
				<Link to="/mijn-paspoort">{t('passportUpload.back')}</Link>
			</p>
			<h1>{t('passportUpload.title')}</h1>
			<p className="lead">{t('passportUpload.intro')}</p>
			<Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="upload" />
				<ErrorSummary
					form={form}
					fields={[
						{ meta: fields.competencyId, label: labels.competencyId },
						{ meta: fields.obtainedOn, label: labels.obtainedOn },
						{ meta: fields.level, label: labels.level },
						{ meta: fields.note, label: labels.note },
						{ meta: fields.certificate, label: labels.certificate },
					]}
				/>
				<Field
					meta={fields.competencyId}
					label={labels.competencyId}
					as="select"
					options={[{ value: '', label: t('passportUpload.chooseCompetency') }, ...competencies.map((competency) => ({ value: competency.id, label: competencyWithLevels(competency) }))]}
				/>
				<Field meta={fields.obtainedOn} label={labels.obtainedOn} hint={t('passportUpload.obtainedOnHint')} type="date" controlProps={{ max: today }} />
				{competencies.some((competency) => competency.levels.length > 0) ? <Field meta={fields.level} label={labels.level} hint={t('passportUpload.levelHint')} type="number" /> : null}
				<Field meta={fields.note} label={labels.note} hint={t('passportUpload.noteHint')} as="textarea" rows={3} />
				<Field
					meta={fields.certificate}
					label={labels.certificate}
					hint={t('passportUpload.fileHint', { size: MAX_CERTIFICATE_BYTES / 1024 / 1024 })}
					type="file"
					controlProps={{ accept: 'application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg' }}
				/>
				<button type="submit" className="button" disabled={navigation.state === 'submitting'}>
					{t('passportUpload.submit')}
				</button>
			</Form>
		</div>
	)
}
