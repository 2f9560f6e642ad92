import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { amsterdamDate } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { ConfirmAction } from '../components/confirm-action.tsx'
import { ErrorSummary, Field } from '../components/field.tsx'
import { AdminList, AdminSection, ChangeNotice, RowActions, RowLink } from '../components/admin-list.tsx'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { invariantResponse, throwFailure, valueOrThrow } from '../core/http.server.ts'
import { countFromQuery, rowFromQuery } from '../core/route-params.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { addPersonRequirement, addUnitRequirement } from '../features/passport/add-requirement.server.ts'
import { deactivatePersonRequirement, deactivateUnitRequirement } from '../features/passport/deactivate-requirement.server.ts'
import {
	deactivateRequirementSchema,
	personRequirementConstraint,
	personRequirementSchema,
	unitRequirementConstraint,
	unitRequirementSchema,
} from '../features/passport/requirement-schema.ts'
import { competencyWithLevels, levelName } from '../features/passport/levels.ts'
import { RequirementTimingFields, requirementTimingSummary } from '../features/passport/requirement-fields.tsx'
import { RequirementList } from '../features/passport/requirement-list.tsx'
import { showUnitRequirements } from '../features/passport/show-requirements.server.ts'
import { i18next } from '../i18n/i18next.server.ts'

const PATH = '/beheer/eisen'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', (actor) => ({ kind: 'unit_requirements', tenantId: actor.tenantId }))
	const url = new URL(request.url)
	const query = (url.searchParams.get('zoek') ?? '').slice(0, 100)
	const shown = valueOrThrow(await showUnitRequirements(context, { actor, query }))
	// `?deactiveer=` names one of the unit's own requirements, `?deactiveer-persoon=` one of its person requirements; anything else is not found.
	const own = shown.requirements.filter((row) => row.tenantId === actor.tenantId)
	const deactivating = rowFromQuery(url, 'deactiveer', own, 'REQUIREMENT_NOT_FOUND')
	const deactivatingPerson = rowFromQuery(url, 'deactiveer-persoon', shown.personRequirements, 'REQUIREMENT_NOT_FOUND')
	const t = await i18next.getFixedT(request)
	return {
		title: `${t('requirements.title')} – ${t('app.name')}`,
		...shown,
		unitId: actor.tenantId,
		query,
		today: amsterdamDate(context.clock.now()),
		deactivating,
		deactivatingPerson,
		added: countFromQuery(url, 'toegevoegd'),
		deactivated: countFromQuery(url, 'gedeactiveerd'),
	}
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export async function action({ request, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'create', (actor) => ({ kind: 'unit_requirements', tenantId: actor.tenantId }))
	const form = await readForm(request, { multiline: ['reason'] })
	switch (requireIntent(form, ['add', 'add-person', 'deactivate', 'deactivate-person'])) {
		case 'add': {
			const submission = parseForm(form, unitRequirementSchema)
			if (submission.status !== 'success') return invalidForm(submission)
			const added = await addUnitRequirement(context, { actor, ...submission.value })
			if (!added.ok) return added.kind === 'not_found' ? throwFailure(added) : refusedForm(submission, added)
			return redirect(`${PATH}?toegevoegd=${added.value.changedPeople}`)
		}
		case 'add-person': {
			const submission = parseForm(form, personRequirementSchema)
			if (submission.status !== 'success') return invalidForm(submission)
			const added = await addPersonRequirement(context, { actor, ...submission.value })
			if (!added.ok) return added.kind === 'not_found' ? throwFailure(added) : refusedForm(submission, added)
			return redirect(`${PATH}?toegevoegd=${added.value.changedPeople}`)
		}
		case 'deactivate': {
			const submission = parseForm(form, deactivateRequirementSchema)
			invariantResponse(submission.status === 'success', 404, 'REQUIREMENT_NOT_FOUND')
			const done = await deactivateUnitRequirement(context, { actor, requirementId: submission.value.id })
			if (!done.ok) throwFailure(done)
			return redirect(`${PATH}?gedeactiveerd=${done.value.changedPeople}`)
		}
		case 'deactivate-person': {
			const submission = parseForm(form, deactivateRequirementSchema)
			invariantResponse(submission.status === 'success', 404, 'REQUIREMENT_NOT_FOUND')
			const done = await deactivatePersonRequirement(context, { actor, id: submission.value.id })
			if (!done.ok) throwFailure(done)
			return redirect(`${PATH}?gedeactiveerd=${done.value.changedPeople}`)
		}
	}
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>
type LastResult = ReturnType<typeof useActionData<typeof action>>

/** The reply of the form that was sent, by its intent: each form shows only its own errors. */
function replyOf(lastResult: LastResult, intent: string) {
	return lastResult && 'initialValue' in lastResult && (lastResult.initialValue as Record<string, unknown> | undefined)?.intent === intent ? lastResult : undefined
}

export default function UnitRequirements() {
	const data = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const busy = navigation.state === 'submitting'
	const { requirements, personRequirements, deactivating, deactivatingPerson, added, deactivated, unitId } = data

	return (
		<div className="container page">
			<h1>{t('requirements.title')}</h1>
			<p className="lead">{t('requirements.intro')}</p>
			<ChangeNotice text={added !== null ? t('requirements.added', { count: added }) : deactivated !== null ? t('requirements.deactivated', { count: deactivated }) : null} />

			{deactivating ? (
				<ConfirmAction
					id="confirm-title"
					title={t('requirements.confirmTitle', { competency: deactivating.competencyName })}
					text={t('requirements.confirmText', { competency: deactivating.competencyName, who: deactivating.jobProfileName ?? t('requirements.everyone') })}
					fields={{ intent: 'deactivate', id: deactivating.id }}
					confirmLabel={t('requirements.confirmDeactivate')}
					cancelTo={PATH}
					cancelLabel={t('requirements.cancel')}
					busy={busy}
				/>
			) : null}
			{deactivatingPerson ? (
				<ConfirmAction
					id="confirm-title"
					title={t('requirements.confirmTitle', { competency: deactivatingPerson.competencyName })}
					text={t('requirements.confirmText', { competency: deactivatingPerson.competencyName, who: deactivatingPerson.userName })}
					fields={{ intent: 'deactivate-person', id: deactivatingPerson.id }}
					confirmLabel={t('requirements.confirmDeactivate')}
					cancelTo={PATH}
					cancelLabel={t('requirements.cancel')}
					busy={busy}
				/>
			) : null}

			<AdminSection id="requirement-form-title" heading={t('requirements.add')}>
				<UnitRequirementForm data={data} lastResult={replyOf(lastResult, 'add')} busy={busy} />
			</AdminSection>

			<RequirementList path={PATH} rows={requirements} everyone={t('requirements.everyone')} unitId={unitId} />

			<AdminSection id="person-requirement-title" heading={t('requirements.addPerson')}>
				<Form method="get" action={PATH} role="search" aria-label={t('requirements.searchPerson')}>
					<div className="field">
						<label htmlFor="person-search">{t('requirements.searchPerson')}</label>
						<input id="person-search" name="zoek" type="search" defaultValue={data.query} maxLength={100} autoComplete="off" />
					</div>
					<button type="submit" className="button button--secondary">
						{t('requirements.search')}
					</button>
				</Form>
				{data.people.length > 0 ? (
					<PersonRequirementForm data={data} lastResult={replyOf(lastResult, 'add-person')} busy={busy} />
				) : data.query.trim().length >= 2 ? (
					<p className="empty-state">{t('requirements.noPeopleFound', { query: data.query })}</p>
				) : (
					<p className="hint">{t('requirements.searchFirst')}</p>
				)}
			</AdminSection>

			<AdminList
				id="person-requirement-list-title"
				heading={`${t('requirements.personListTitle')} (${t('requirements.count', { count: personRequirements.length })})`}
				columns={[t('requirements.person'), t('requirements.competency'), t('requirements.introducedOn'), t('requirements.graceDays'), t('requirements.reason'), t('requirements.actions')]}
				empty={personRequirements.length === 0}
				emptyText={t('requirements.personEmpty')}
			>
				{personRequirements.map((row) => (
					<tr key={row.id}>
						<th scope="row">{row.userName}</th>
						<td>{row.minLevel === null ? row.competencyName : t('requirements.atLeastLevel', { competency: row.competencyName, level: levelName(row.levels, row.minLevel) })}</td>
						<td>{row.introducedOn}</td>
						<td>{t('requirements.grace', { count: row.graceDays })}</td>
						<td>{row.reason ?? ''}</td>
						<RowActions>
							<RowLink to={`${PATH}?deactiveer-persoon=${row.id}#confirm-title`} label={t('requirements.deactivate')} row={`${row.competencyName}, ${row.userName}`} />
						</RowActions>
					</tr>
				))}
			</AdminList>
		</div>
	)
}

function competencyOptions(data: Loaded, label: string) {
	return [{ value: '', label }, ...data.competencies.map((competency) => ({ value: competency.id, label: competencyWithLevels(competency) }))]
}

/** A requirement of the unit: the competency, for whom, from when, with how much grace; errors beside each field. */
function UnitRequirementForm({ data, lastResult, busy }: { data: Loaded; lastResult: LastResult | undefined; busy: boolean }) {
	const { t } = useTranslation()
	const [form, fields] = useForm({
		id: 'unit-requirement',
		lastResult,
		constraint: unitRequirementConstraint,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: unitRequirementSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		defaultValue: { introducedOn: data.today, graceDays: '0', jobProfileId: '' },
	})
	return (
		<Form method="post" action={PATH} {...getFormProps(form)}>
			<input type="hidden" name="intent" value="add" />
			<ErrorSummary
				form={form}
				fields={[
					{ meta: fields.competencyId, label: t('requirements.competency') },
					{ meta: fields.jobProfileId, label: t('requirements.jobProfile') },
					...requirementTimingSummary(t, fields),
				]}
			/>
			<Field meta={fields.competencyId} label={t('requirements.competency')} as="select" options={competencyOptions(data, t('requirements.chooseCompetency'))} />
			<Field
				meta={fields.jobProfileId}
				label={t('requirements.jobProfile')}
				as="select"
				options={[{ value: '', label: t('requirements.everyone') }, ...data.jobProfiles.map((profile) => ({ value: profile.id, label: profile.name }))]}
			/>
			<RequirementTimingFields fields={fields} />
			<button type="submit" className="button" disabled={busy}>
				{t('requirements.add')}
			</button>
		</Form>
	)
}

/** A requirement on one person the search found, with the reason. */
function PersonRequirementForm({ data, lastResult, busy }: { data: Loaded; lastResult: LastResult | undefined; busy: boolean }) {
	const { t } = useTranslation()
	const [form, fields] = useForm({
		id: 'person-requirement',
		lastResult,
		constraint: personRequirementConstraint,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: personRequirementSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		defaultValue: { introducedOn: data.today, graceDays: '0' },
	})
	return (
		<Form method="post" action={`${PATH}?zoek=${encodeURIComponent(data.query)}`} {...getFormProps(form)}>
			<input type="hidden" name="intent" value="add-person" />
			<ErrorSummary
				form={form}
				fields={[
					{ meta: fields.userId, label: t('requirements.person') },
					{ meta: fields.competencyId, label: t('requirements.competency') },
					...requirementTimingSummary(t, fields),
					{ meta: fields.reason, label: t('requirements.reason') },
				]}
			/>
			<Field
				meta={fields.userId}
				label={t('requirements.person')}
				as="select"
				options={[{ value: '', label: t('requirements.choosePerson') }, ...data.people.map((person) => ({ value: person.id, label: `${person.name} (${person.email})` }))]}
			/>
			<Field meta={fields.competencyId} label={t('requirements.competency')} as="select" options={competencyOptions(data, t('requirements.chooseCompetency'))} />
			<RequirementTimingFields fields={fields} />
			<Field meta={fields.reason} label={t('requirements.reason')} hint={t('requirements.reasonHint')} as="textarea" rows={2} />
			<button type="submit" className="button" disabled={busy}>
				{t('requirements.addPerson')}
			</button>
		</Form>
	)
}
