import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminList, AdminSection, ChangeNotice } from '../components/admin-list.tsx'
import { ErrorSummary, Field } from '../components/field.tsx'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { valueOrThrow } from '../core/http.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { erasureOnBehalfConstraint, erasureOnBehalfSchema } from '../features/privacy/erasure-schema.ts'
import { requestErasure } from '../features/privacy/request-erasure.server.ts'
import { showErasureQueue } from '../features/privacy/show-erasure-queue.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { formatDate } from '../utils/format.ts'

// The privacy officer's queue of erasure requests (GDPR art. 17; ADR 054), and a request made on
// an employee's behalf. Each request opens on /beheer/privacy/:requestId with its preview.

const queue = { kind: 'erasure_request', personId: null } as const

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', queue)
	const view = valueOrThrow(await showErasureQueue(context, { actor }))
	const url = new URL(request.url)
	const t = await i18next.getFixedT(request)
	return { title: `${t('privacy.officerTitle')} – ${t('app.name')}`, ...view, submitted: url.searchParams.has('ingediend'), decided: url.searchParams.has('beoordeeld') }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export async function action({ request, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'create', queue)
	const form = await readForm(request)
	requireIntent(form, ['request'])
	const submission = parseForm(form, erasureOnBehalfSchema)
	if (submission.status !== 'success') return invalidForm(submission)
	const made = await requestErasure(context, { actor, subject: { self: false, ...submission.value } })
	if (!made.ok) return refusedForm(submission, made)
	return redirect(made.value.requestId ? `/beheer/privacy/${made.value.requestId}` : '/beheer/privacy?ingediend=1', 303)
}

export default function ErasureQueue() {
	const { requests, submitted, decided } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	return (
		<div className="container page">
			<h1>{t('privacy.officerTitle')}</h1>
			<p className="lead">{t('privacy.officerIntro')}</p>
			<ChangeNotice text={submitted ? t('privacy.submitted') : decided ? t('privacy.decided') : null} />
			<AdminList
				id="erasure-queue-title"
				heading={t('privacy.queueTitle', { count: requests.length })}
				columns={[t('privacy.person'), t('privacy.employeeNumber'), t('privacy.unit'), t('privacy.requestedAt'), t('privacy.status'), t('privacy.actions')]}
				empty={requests.length === 0}
				emptyText={t('privacy.queueEmpty')}
			>
				{requests.map((request) => (
					<tr key={request.id}>
						<th scope="row">{request.personName}</th>
						<td>{request.employeeNumber}</td>
						<td>{request.unitName}</td>
						<td>{formatDate(new Date(request.requestedAt), i18n.language)}</td>
						<td>{t(`privacy.status_${request.status}`)}</td>
						<td>
							<Link to={`/beheer/privacy/${request.id}`} aria-label={`${t('privacy.open')}: ${request.personName}`}>
								{t('privacy.open')}
							</Link>
						</td>
					</tr>
				))}
			</AdminList>
			<AdminSection id="erasure-on-behalf-title" heading={t('privacy.onBehalfTitle')}>
				<p>{t('privacy.onBehalfIntro')}</p>
				<OnBehalfForm />
			</AdminSection>
		</div>
	)
}

/** A request on an employee's behalf: their unit and employee number, the error beside the field. */
function OnBehalfForm() {
	const { units } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const [form, fields] = useForm({
		id: 'erasure-on-behalf',
		lastResult,
		constraint: erasureOnBehalfConstraint,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: erasureOnBehalfSchema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
	})
	const labels = { unit: t('privacy.unit'), employeeNumber: t('privacy.employeeNumber') }
	return (
		<Form method="post" className="form" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="request" />
			<ErrorSummary
				form={form}
				fields={[
					{ meta: fields.unitId, label: labels.unit },
					{ meta: fields.employeeNumber, label: labels.employeeNumber },
				]}
			/>
			<Field meta={fields.unitId} label={labels.unit} as="select" options={[{ value: '', label: t('privacy.unitChoose') }, ...units.map((unit) => ({ value: unit.id, label: unit.name }))]} />
			<Field meta={fields.employeeNumber} label={labels.employeeNumber} hint={t('privacy.employeeNumberHint')} controlProps={{ autoComplete: 'off' }} />
			<button type="submit" className="button" disabled={navigation.state === 'submitting'}>
				{t('privacy.onBehalfSubmit')}
			</button>
		</Form>
	)
}
