import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { parsePage } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { AdminList, AdminSection, ChangeNotice, RowActions, RowLink } from '../components/admin-list.tsx'
import { ConfirmAction } from '../components/confirm-action.tsx'
import { ErrorSummary, Field } from '../components/field.tsx'
import { Pagination } from '../components/pagination.tsx'
import { invalidForm, parseForm, readForm, requireIntent } from '../core/form.server.ts'
import { invariantResponse, throwFailure, valueOrThrow } from '../core/http.server.ts'
import { countFromQuery } from '../core/route-params.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { askedUnit, xapiClientsOf } from '../features/xapi/clients.server.ts'
import { eraseXapiPersonStatements, saveXapiRetention, showXapiPrivacy } from '../features/xapi/privacy.server.ts'
import { xapiPersonSchema, xapiRetentionConstraint, xapiRetentionSchema } from '../features/xapi/privacy-schema.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { UnitPicker } from '../features/xapi/unit-picker.tsx'

// Privacy of a unit's xAPI statements (ADR 039, "Privacy"): find an employee, download (the
// resource route beheer.xapi-privacy_.download) or erase what the store holds about them, and set
// the unit's retention. For the unit's coordinators, and
// the concern administrator for the unit named in `?eenheid=` (as on /beheer/xapi-systemen).

const PATH = '/beheer/xapi-privacy'
const MAX_QUERY = 100

/** This page's address for the unit the concern administrator chose (none for a coordinator's own unit), with `params`. */
function pageHref(unitParam: string | null, params: Record<string, string> = {}): string {
	const search = new URLSearchParams({ ...(unitParam ? { eenheid: unitParam } : {}), ...params }).toString()
	return search ? `${PATH}?${search}` : PATH
}

/** The download of a person's statements (a resource route), for the same unit. */
function downloadHref(unitParam: string | null): string {
	return unitParam ? `${PATH}/download?${new URLSearchParams({ eenheid: unitParam }).toString()}` : `${PATH}/download`
}

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', xapiClientsOf(new URL(request.url)))
	const url = new URL(request.url)
	const asked = askedUnit(url)
	const page = parsePage(url.searchParams.get('pagina'))
	invariantResponse(page.ok, 400, page.ok ? 'PAGE_NOT_A_NUMBER' : page.code)
	const query = (url.searchParams.get('zoek') ?? '').trim().slice(0, MAX_QUERY)
	const view = valueOrThrow(await showXapiPrivacy(context, { actor, unitId: asked, query, page: page.value, erasingId: url.searchParams.get('wis') }))
	const t = await i18next.getFixedT(request)
	return {
		title: `${t('xapiPrivacy.title')} – ${t('app.name')}`,
		...view,
		// Only a unit asked for by name stays in the page's links; a coordinator's own unit needs none.
		unitParam: asked && view.unit ? view.unit.id : null,
		saved: url.searchParams.has('opgeslagen'),
		erased: countFromQuery(url, 'gewist'),
	}
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export async function action({ request, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', xapiClientsOf(new URL(request.url)))
	const asked = askedUnit(new URL(request.url))
	const form = await readForm(request)
	switch (requireIntent(form, ['retention', 'erase'])) {
		case 'retention': {
			const submission = parseForm(form, xapiRetentionSchema)
			if (submission.status !== 'success') return invalidForm(submission)
			const saved = await saveXapiRetention(context, { actor, unitId: asked, input: submission.value })
			if (!saved.ok) throwFailure(saved)
			return redirect(pageHref(asked, { opgeslagen: '1' }), 303)
		}
		case 'erase': {
			const submission = parseForm(form, xapiPersonSchema)
			invariantResponse(submission.status === 'success', 404, 'XAPI_PERSON_NOT_FOUND')
			const erased = await eraseXapiPersonStatements(context, { actor, unitId: asked, personId: submission.value.personId })
			if (!erased.ok) throwFailure(erased)
			return redirect(pageHref(asked, { gewist: String(erased.value.statements) }), 303)
		}
	}
}

export default function XapiPrivacy() {
	const { units, unit, unitParam, retentionMonths, query, people, total, page, pages, erasing, saved, erased } = useLoaderData<typeof loader>()
	const navigation = useNavigation()
	const { t, i18n } = useTranslation()
	const busy = navigation.state === 'submitting'
	const listParams = { ...(query ? { zoek: query } : {}), ...(page > 1 ? { pagina: String(page) } : {}) }
	return (
		<div className="container page">
			<h1>{t('xapiPrivacy.title')}</h1>
			<p className="lead">{t('xapiPrivacy.intro')}</p>
			<ChangeNotice text={saved ? t('xapiPrivacy.retentionSaved') : erased !== null ? t('xapiPrivacy.erased', { count: erased }) : null} />

			{units ? (
				<UnitPicker
					units={units}
					chosen={unit?.id ?? null}
					texts={{ heading: t('xapiPrivacy.unitTitle'), intro: t('xapiPrivacy.unitIntro'), label: t('xapiPrivacy.unit'), choose: t('xapiPrivacy.unitChoose'), show: t('xapiPrivacy.unitShow') }}
				/>
			) : null}

			{unit ? (
				<>
					{units ? <p>{t('xapiPrivacy.forUnit', { unit: unit.name })}</p> : null}
					{erasing ? (
						<ConfirmAction
							id="confirm-title"
							title={t('xapiPrivacy.confirmTitle', { count: erasing.statements, name: erasing.name })}
							text={t('xapiPrivacy.confirmText', { name: erasing.name })}
							fields={{ intent: 'erase', personId: erasing.id }}
							confirmLabel={t('xapiPrivacy.confirmErase')}
							cancelTo={pageHref(unitParam, listParams)}
							cancelLabel={t('xapiPrivacy.cancel')}
							busy={busy}
						/>
					) : null}

					<AdminList
						id="xapi-people-title"
						heading={query ? t('xapiPrivacy.resultsFor', { count: total, query }) : t('xapiPrivacy.resultsTitle', { count: total })}
						columns={[t('xapiPrivacy.name'), t('xapiPrivacy.employeeNumber'), t('xapiPrivacy.email'), t('xapiPrivacy.statements'), t('xapiPrivacy.actions')]}
						empty={people.length === 0}
						emptyText={t('xapiPrivacy.empty')}
						search={
							<Form method="get" role="search" className="inline-search">
								{unitParam ? <input type="hidden" name="eenheid" value={unitParam} /> : null}
								<label htmlFor="xapi-privacy-search">{t('xapiPrivacy.search')}</label>
								<input id="xapi-privacy-search" type="search" name="zoek" defaultValue={query} maxLength={MAX_QUERY} />
								<button type="submit" className="button button--secondary">
									{t('xapiPrivacy.searchButton')}
								</button>
							</Form>
						}
					>
						{people.map((person) => (
							<tr key={person.id}>
								<th scope="row">{person.name}</th>
								<td>{person.employeeNumber}</td>
								<td>{person.email}</td>
								<td>{person.statements.toLocaleString(i18n.language)}</td>
								{person.statements > 0 ? (
									<RowActions>
										{/* A real form post (no client-side navigation) to the download, so the browser saves the file. */}
										<Form method="post" action={downloadHref(unitParam)} reloadDocument className="inline-form">
											<input type="hidden" name="intent" value="export" />
											<input type="hidden" name="personId" value={person.id} />
											<button type="submit" className="link-button" aria-label={`${t('xapiPrivacy.export')}: ${person.name}`}>
												{t('xapiPrivacy.export')}
											</button>
										</Form>
										<RowLink to={`${pageHref(unitParam, { ...listParams, wis: person.id })}#confirm-title`} label={t('xapiPrivacy.erase')} row={person.name} />
									</RowActions>
								) : (
									<td>{t('xapiPrivacy.noStatements')}</td>
								)}
							</tr>
						))}
					</AdminList>
					<Pagination page={page} pages={pages} label={t('xapiPrivacy.pagination')} anchor="xapi-people-title" />

					<AdminSection id="xapi-retention-title" heading={t('xapiPrivacy.retentionTitle')}>
						<p>{retentionMonths === null ? t('xapiPrivacy.retentionNone') : t('xapiPrivacy.retentionCurrent', { count: retentionMonths })}</p>
						<RetentionForm key={String(retentionMonths)} retentionMonths={retentionMonths} unitParam={unitParam} busy={busy} />
					</AdminSection>
				</>
			) : null}
		</div>
	)
}

/** The unit's retention in months, empty for none; the error beside the field. */
function RetentionForm({ retentionMonths, unitParam, busy }: { retentionMonths: number | null; unitParam: string | null; busy: boolean }) {
	const lastResult = useActionData<typeof action>()
	const { t } = useTranslation()
	const [form, fields] = useForm({
		id: 'xapi-retention',
		lastResult,
		constraint: xapiRetentionConstraint,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: xapiRetentionSchema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		defaultValue: { retentionMonths: retentionMonths === null ? '' : String(retentionMonths) },
	})
	const label = t('xapiPrivacy.retentionMonths')
	return (
		<Form method="post" action={pageHref(unitParam)} className="form" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="retention" />
			<ErrorSummary form={form} fields={[{ meta: fields.retentionMonths, label }]} />
			<Field meta={fields.retentionMonths} label={label} hint={t('xapiPrivacy.retentionHint')} type="number" controlProps={{ inputMode: 'numeric' }} />
			<button type="submit" className="button" disabled={busy}>
				{t('xapiPrivacy.retentionSave')}
			</button>
		</Form>
	)
}
