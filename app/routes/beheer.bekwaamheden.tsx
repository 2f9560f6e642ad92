import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorSummary, Field } from '../components/field.tsx'
import { AdminList, AdminSection, ChangeNotice, RowActions, RowLink } from '../components/admin-list.tsx'
import { rowFromQuery } from '../core/route-params.server.ts'
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
	const editing = rowFromQuery(url, 'bewerk', competencies, 'COMPETENCY_NOT_FOUND')
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
	const form = await readForm(request, { multiline: ['description', 'levels'] })
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
			<ChangeNotice text={saved ? t('competencies.saved') : null} />

			<AdminSection id="competency-form-title" heading={editing ? t('competencies.editTitle', { name: editing.name }) : t('competencies.add')}>
				<CompetencyForm key={editing?.id ?? 'new'} editing={editing} lastResult={lastResult} busy={busy} />
			</AdminSection>

			<AdminList
				id="competency-list-title"
				heading={t('competencies.count', { count: competencies.length })}
				columns={[t('competencies.name'), t('competencies.validity'), t('competencies.warningDays'), t('competencies.levelsColumn'), t('competencies.actions')]}
				empty={competencies.length === 0}
				emptyText={t('competencies.empty')}
			>
				{competencies.map((competency) => (
					<tr key={competency.id}>
						<th scope="row">{competency.name}</th>
						<td>{competency.validityMonths === null ? t('competencies.validityForever') : t('competencies.validity', { count: competency.validityMonths })}</td>
						<td>{t('competencies.warning', { count: competency.warningDays })}</td>
						<td>{competency.levels.length === 0 ? t('competencies.noLevels') : <LevelList levels={competency.levels} />}</td>
						<RowActions>
							<RowLink to={`${PATH}?bewerk=${competency.id}`} label={t('competencies.edit')} row={competency.name} />
						</RowActions>
					</tr>
				))}
			</AdminList>
		</div>
	)
}

/** A competency's levels in order, each with its number: the number is what requirements and evidence name. */
function LevelList({ levels }: { levels: readonly string[] }) {
	const { t } = useTranslation()
	return <>{levels.map((name, index) => t('competencies.level', { number: index + 1, name })).join(' · ')}</>
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
					levels: editing.levels.join('\n'),
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
					{ meta: fields.levels, label: t('competencies.levels') },
				]}
			/>
			<Field meta={fields.name} label={t('competencies.name')} />
			<Field meta={fields.description} label={t('competencies.description')} hint={t('competencies.descriptionHint')} as="textarea" rows={3} />
			<div className="choice">
				<input type="checkbox" id={fields.permanent.id} name={fields.permanent.name} defaultChecked={fields.permanent.initialValue === 'on'} />
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
			<Field meta={fields.levels} label={t('competencies.levels')} hint={t('competencies.levelsHint')} as="textarea" rows={5} />
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
