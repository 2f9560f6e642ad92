import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorSummary, Field } from '../components/field.tsx'
import { ScrollRegion } from '../components/scroll-region.tsx'
import { invariantResponse, throwFailure, valueOrThrow } from '../core/http.server.ts'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { competencyConstraint, competencySchema } from '../features/passport/competency-schema.ts'
import { listConcernCompetencies } from '../features/passport/list-competencies.server.ts'
import { saveCompetency } from '../features/passport/save-competency.server.ts'
import { i18next } from '../i18n/i18next.server.ts'

const PATH = '/beheer/bekwaamheden'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', { kind: 'competencies' })
	const url = new URL(request.url)
	const competencies = valueOrThrow(await listConcernCompetencies(context, { actor }))
	// `?bewerk=` names a competency of the list; anything else is not found.
	const id = url.searchParams.get('bewerk')
	const editing = id === null ? null : (competencies.find((competency) => competency.id === id) ?? null)
	invariantResponse(id === null || editing, 404, 'COMPETENCY_NOT_FOUND')
	const t = await i18next.getFixedT(request)
	return {
		title: `${t('competencies.title')} – ${t('app.name')}`,
		competencies,
		editing,
		saved: url.searchParams.has('opgeslagen'),
	}
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export async function action({ request, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', { kind: 'competencies' })
	const form = await readForm(request, { multiline: ['description'] })
	requireIntent(form, ['save'])
	const submission = parseForm(form, competencySchema)
	// A competency that is not there is not found, not a field to correct.
	invariantResponse(submission.status === 'success' || !submission.error?.id, 404, 'COMPETENCY_NOT_FOUND')
	if (submission.status !== 'success') return invalidForm(submission)
	const saved = await saveCompetency(context, { actor, ...submission.value })
	if (!saved.ok) return saved.kind === 'not_found' ? throwFailure(saved) : refusedForm(submission, saved)
	return redirect(`${PATH}?opgeslagen=1`)
}

type CompetencyRow = ReturnType<typeof useLoaderData<typeof loader>>['competencies'][number]

export default function Competencies() {
	const { competencies, editing, saved } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const busy = navigation.state === 'submitting'

	return (
		<div className="container page">
			<h1>{t('competencies.title')}</h1>
			<p className="lead">{t('competencies.intro')}</p>
			{saved ? (
				<p className="notice" role="status">
					{t('competencies.saved')}
				</p>
			) : null}

			<section aria-labelledby="competency-form-title">
				<h2 id="competency-form-title">{editing ? t('competencies.editTitle', { name: editing.name }) : t('competencies.add')}</h2>
				<CompetencyForm key={editing?.id ?? 'new'} editing={editing} lastResult={lastResult} busy={busy} />
			</section>

			<section aria-labelledby="competency-list-title">
				<h2 id="competency-list-title">{t('competencies.count', { count: competencies.length })}</h2>
				{competencies.length === 0 ? (
					<p className="empty-state">{t('competencies.empty')}</p>
				) : (
					<ScrollRegion labelledBy="competency-list-title">
						<table className="sessions">
							<thead>
								<tr>
									<th scope="col">{t('competencies.name')}</th>
									<th scope="col">{t('competencies.validity')}</th>
									<th scope="col">{t('competencies.warningDays')}</th>
									<th scope="col">{t('competencies.actions')}</th>
								</tr>
							</thead>
							<tbody>
								{competencies.map((competency) => (
									<tr key={competency.id}>
										<th scope="row">{competency.name}</th>
										<td>{competency.validityMonths === null ? t('competencies.validityForever') : t('competencies.validity', { count: competency.validityMonths })}</td>
										<td>{t('competencies.warning', { count: competency.warningDays })}</td>
										<td>
											<Link to={`${PATH}?bewerk=${competency.id}`} aria-label={`${t('competencies.edit')}: ${competency.name}`}>
												{t('competencies.edit')}
											</Link>
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</ScrollRegion>
				)}
			</section>
		</div>
	)
}

/** Adds a competency, or changes the one being edited; each error beside its field, and above the form. */
function CompetencyForm({ editing, lastResult, busy }: { editing: CompetencyRow | null; lastResult: ReturnType<typeof useActionData<typeof action>>; busy: boolean }) {
	const { t } = useTranslation()
	const [form, fields] = useForm({
		id: 'competency',
		lastResult,
		constraint: competencyConstraint,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: competencySchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		defaultValue: editing
			? {
					id: editing.id,
					name: editing.name,
					description: editing.description,
					permanent: editing.validityMonths === null ? 'on' : undefined,
					validityMonths: editing.validityMonths === null ? '' : String(editing.validityMonths),
					warningDays: String(editing.warningDays),
					renewalBasis: editing.renewalBasis,
				}
			: { warningDays: '60', renewalBasis: 'expiry' },
	})
	return (
		<Form method="post" action={editing ? `${PATH}?bewerk=${editing.id}` : PATH} {...getFormProps(form)}>
			<input type="hidden" name="intent" value="save" />
			{editing ? <input type="hidden" name="id" value={editing.id} /> : null}
			<ErrorSummary
				form={form}
				fields={[
					{ meta: fields.name, label: t('competencies.name') },
					{ meta: fields.description, label: t('competencies.description') },
					{ meta: fields.validityMonths, label: t('competencies.validityMonths') },
					{ meta: fields.warningDays, label: t('competencies.warningDays') },
					{ meta: fields.renewalBasis, label: t('competencies.renewalBasis') },
				]}
			/>
			<Field meta={fields.name} label={t('competencies.name')} />
			<Field meta={fields.description} label={t('competencies.description')} hint={t('competencies.descriptionHint')} as="textarea" rows={3} />
			<div className="field">
				<input type="checkbox" id={fields.permanent.id} name={fields.permanent.name} defaultChecked={fields.permanent.initialValue === 'on'} />{' '}
				<label htmlFor={fields.permanent.id}>{t('competencies.permanent')}</label>
			</div>
			<Field meta={fields.validityMonths} label={t('competencies.validityMonths')} hint={t('competencies.validityHint')} type="number" />
			<Field meta={fields.warningDays} label={t('competencies.warningDays')} hint={t('competencies.warningHint')} type="number" />
			<Field
				meta={fields.renewalBasis}
				label={t('competencies.renewalBasis')}
				as="select"
				options={[
					{ value: 'expiry', label: t('competencies.renewalBasis_expiry') },
					{ value: 'completion', label: t('competencies.renewalBasis_completion') },
				]}
			/>
			<button type="submit" className="button" disabled={busy}>
				{editing ? t('competencies.save') : t('competencies.add')}
			</button>
			{editing ? (
				<>
					{' '}
					<Link to={PATH}>{t('competencies.cancel')}</Link>
				</>
			) : null}
		</Form>
	)
}
