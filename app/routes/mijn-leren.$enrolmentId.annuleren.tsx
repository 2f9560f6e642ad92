import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requirePermission } from '../features/identity/guard.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { cancelEnrolment } from '../features/enrolment/cancel-enrolment.server.ts'
import { ownEnrolment } from '../features/enrolment/own-enrolment.ts'
import { showEnrolment } from '../features/enrolment/show-enrolment.server.ts'
import { formatDate, formatDateTime } from '../utils/format.ts'
import { invariantResponse, valueOrThrow } from '../core/http.server.ts'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { idParam } from '../core/route-params.server.ts'
import { ErrorSummary, useErrorText } from '../components/field.tsx'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	// The same guard and the same rule (can 'delete': the employee's own) as the action below.
	const { actor } = await requirePermission(request, context, 'delete', ownEnrolment)
	const enrolmentId = idParam(params, 'enrolmentId', 'ENROLMENT_NOT_FOUND')
	const shown = valueOrThrow(await showEnrolment(context, { actor, enrolmentId }))
	invariantResponse(shown.enrolment.cancellable, 404, 'ENROLMENT_NOT_FOUND')
	const t = await i18next.getFixedT(request)
	return { ...shown, title: `${t('cancelEnrolment.title')} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

/** The confirmation has nothing to fill in: the enrolment is in the URL. */
const cancelSchema = z.object({ intent: z.literal('cancel') })

export async function action({ request, params, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'delete', ownEnrolment)
	const enrolmentId = idParam(params, 'enrolmentId', 'ENROLMENT_NOT_FOUND')
	const form = await readForm(request)
	requireIntent(form, ['cancel'])
	const submission = parseForm(form, cancelSchema)
	if (submission.status !== 'success') return invalidForm(submission)
	const result = await cancelEnrolment(context, { actor, enrolmentId })
	if (!result.ok) return refusedForm(submission, result)
	return redirect('/mijn-leren?geannuleerd=1')
}

export default function CancelEnrolment() {
	const { session, terms, freeCancellationDays, priceCents, freeCancellationUntil } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const { t, i18n } = useTranslation()
	const errorText = useErrorText()
	const [form] = useForm({
		id: 'annuleren',
		lastResult,
		constraint: getZodConstraint(cancelSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: cancelSchema }),
	})
	return (
		<div className="container page narrow">
			<h1>{t('cancelEnrolment.title')}</h1>
			<p>{t('cancelEnrolment.question', { title: session.courseTitle, date: formatDate(new Date(session.startsAt), i18n.language) })}</p>
			{freeCancellationUntil ? <p className="notice">{t('cancelEnrolment.freeAfterChange', { until: formatDateTime(new Date(freeCancellationUntil), i18n.language) })}</p> : null}
			{/* A course that costs nothing promises no refund, and threatens no charge. */}
			<p className="notice">
				{priceCents === 0
					? terms.free
						? t('cancelEnrolment.freeNoCost')
						: t('cancelEnrolment.chargedNoCost', { days: freeCancellationDays })
					: terms.free
						? t('cancelEnrolment.free')
						: t('cancelEnrolment.charged', { days: freeCancellationDays })}
			</p>
			<Form method="post" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="cancel" />
				<ErrorSummary form={form} fields={[]} formError={errorText(form.errors)} />
				<div className="form-actions">
					<button type="submit" className="button">
						{t('cancelEnrolment.confirm')}
					</button>
					<Link to="/mijn-leren">{t('cancelEnrolment.back')}</Link>
				</div>
			</Form>
		</div>
	)
}
