import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requirePermission } from '../features/identity/guard.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { cancelSession } from '../features/sessions/cancel-session.server.ts'
import { cancelSessionSchema } from '../features/sessions/cancel-session-schema.ts'
import { ownUnitSession } from '../features/sessions/own-unit-session.ts'
import { showSessionAdmin } from '../features/sessions/show-session-admin.server.ts'
import { formatDate, formatPrice } from '../utils/format.ts'
import { invariantResponse, valueOrThrow } from '../core/http.server.ts'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { idParam } from '../core/route-params.server.ts'
import { ErrorSummary, Field, useErrorText } from '../components/field.tsx'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownUnitSession)
	const sessionId = idParam(params, 'sessionId', 'SESSION_NOT_FOUND')
	const shown = valueOrThrow(await showSessionAdmin(context, { actor, sessionId }))
	invariantResponse(shown.session.status === 'planned', 409, 'SESSION_CANCELLED')
	const t = await i18next.getFixedT(request)
	return { session: shown.session, count: shown.participants.length + shown.waitlist.length, title: `${t('cancelSession.title')} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export async function action({ request, params, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownUnitSession)
	const sessionId = idParam(params, 'sessionId', 'SESSION_NOT_FOUND')
	const form = await readForm(request, { multiline: ['reason'] })
	requireIntent(form, ['cancel'])
	const submission = parseForm(form, cancelSessionSchema)
	if (submission.status !== 'success') return invalidForm(submission)
	const result = await cancelSession(context, { actor, sessionId, reason: submission.value.reason })
	if (!result.ok) return refusedForm(submission, result)
	return redirect(`/uitvoeringen/${sessionId}`)
}

export default function CancelSession() {
	const { session, count } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const { t, i18n } = useTranslation()
	const errorText = useErrorText()
	const [form, fields] = useForm({
		id: 'uitvoering-annuleren',
		lastResult,
		constraint: getZodConstraint(cancelSessionSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: cancelSessionSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	return (
		<div className="container page narrow">
			<h1>{t('cancelSession.title')}</h1>
			<p>{t('cancelSession.question', { title: session.courseTitle, date: formatDate(new Date(session.startsAt), i18n.language), count })}</p>
			{/* A free course held no budget: nothing to release, so nothing is promised. */}
			{count > 0 && session.priceCents > 0 ? <p>{t('cancelSession.budget', { price: formatPrice(session.priceCents, i18n.language) })}</p> : null}
			<Form method="post" className="form-stack" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="cancel" />
				<ErrorSummary form={form} fields={[{ meta: fields.reason, label: t('cancelSession.reason') }]} formError={errorText(form.errors)} />
				<Field meta={fields.reason} label={t('cancelSession.reason')} as="textarea" rows={3} />
				<div className="form-actions">
					<button type="submit" className="button">
						{t('cancelSession.confirm')}
					</button>
					<Link to={`/uitvoeringen/${session.id}`}>{t('cancelSession.back')}</Link>
				</div>
			</Form>
		</div>
	)
}
