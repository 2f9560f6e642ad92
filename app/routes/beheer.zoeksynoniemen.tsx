import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { isUuid, parseSynonymInput, type SynonymInputError } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { ConfirmAction } from '../components/confirm-action.tsx'
import { requirePermission } from '../features/identity/guard.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { deleteSearchSynonym } from '../features/catalogue/delete-search-synonym.server.ts'
import { listSearchSynonyms } from '../features/catalogue/list-search-synonyms.server.ts'
import { saveSearchSynonym } from '../features/catalogue/save-search-synonym.server.ts'
import { invariantResponse } from '../core/http.server.ts'
import { ScrollRegion } from '../components/scroll-region.tsx'

const PATH = '/beheer/zoeksynoniemen'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { person } = await requirePermission(request, context, 'read', { kind: 'search_synonyms' })
	const url = new URL(request.url)
	const synonyms = await listSearchSynonyms(context, { tenantId: person.tenantId, userId: person.userId })
	const pick = (name: string) => {
		const id = url.searchParams.get(name)
		if (id === null) return null
		const found = synonyms.find((synonym) => synonym.id === id)
		invariantResponse(found, 404, 'SYNONYM_NOT_FOUND')
		return found
	}
	const t = await i18next.getFixedT(request)
	return {
		title: `${t('synonyms.title')} – ${t('app.name')}`,
		synonyms: synonyms.map(({ id, term, expansions }) => ({ id, term, expansions })),
		editing: pick('bewerk'),
		deleting: pick('verwijder'),
		flash: url.searchParams.has('opgeslagen') ? 'saved' : url.searchParams.has('verwijderd') ? 'deleted' : null,
	}
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

type ActionErrors = { term?: SynonymInputError | 'SYNONYM_TERM_TAKEN'; expansions?: SynonymInputError; values: { id: string; term: string; expansions: string } }

const TERM_ERRORS: string[] = ['SYNONYM_TERM_REQUIRED', 'SYNONYM_TERM_TOO_LONG', 'SYNONYM_TERM_TAKEN']

export async function action({ request, context }: ActionFunctionArgs) {
	const form = await request.formData()
	const intent = String(form.get('intent') ?? '')
	const { person } = await requirePermission(request, context, intent === 'delete' ? 'delete' : 'update', { kind: 'search_synonyms' })
	const who = { tenantId: person.tenantId, userId: person.userId }
	const rawId = String(form.get('id') ?? '')

	if (intent === 'delete') {
		invariantResponse(isUuid(rawId), 404, 'SYNONYM_NOT_FOUND')
		invariantResponse(await deleteSearchSynonym(context, { ...who, id: rawId }), 404, 'SYNONYM_NOT_FOUND')
		return redirect(`${PATH}?verwijderd=1`)
	}

	const id = rawId === '' ? null : rawId
	if (id !== null) invariantResponse(isUuid(id), 404, 'SYNONYM_NOT_FOUND')
	const values = { id: rawId, term: String(form.get('term') ?? ''), expansions: String(form.get('expansions') ?? '') }
	const parsed = parseSynonymInput(values.term, values.expansions)
	if (!parsed.ok) {
		const field = TERM_ERRORS.includes(parsed.code) ? 'term' : 'expansions'
		return data<ActionErrors>({ [field]: parsed.code, values }, { status: 400 })
	}
	const saved = await saveSearchSynonym(context, { ...who, id, synonym: parsed.value })
	if (!saved.ok) {
		invariantResponse(saved.code !== 'SYNONYM_NOT_FOUND', 404, 'SYNONYM_NOT_FOUND')
		return data<ActionErrors>({ term: saved.code, values }, { status: 400 })
	}
	return redirect(`${PATH}?opgeslagen=1`)
}

export default function SearchSynonyms() {
	const { synonyms, editing, deleting, flash } = useLoaderData<typeof loader>()
	const errors = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const busy = navigation.state === 'submitting'
	const formValues = errors?.values ?? (editing ? { id: editing.id, term: editing.term, expansions: editing.expansions.join(', ') } : { id: '', term: '', expansions: '' })

	return (
		<div className="container page">
			<h1>{t('synonyms.title')}</h1>
			<p className="lead">{t('synonyms.intro')}</p>
			{flash ? (
				<p className="notice" role="status">
					{flash === 'saved' ? t('synonyms.saved') : t('synonyms.deleted')}
				</p>
			) : null}

			{deleting ? (
				<ConfirmAction
					id="confirm-title"
					title={t('synonyms.confirmTitle', { term: deleting.term })}
					text={t('synonyms.confirmText', { term: deleting.term })}
					fields={{ intent: 'delete', id: deleting.id }}
					confirmLabel={t('synonyms.confirmDelete')}
					cancelTo={PATH}
					cancelLabel={t('synonyms.cancel')}
					busy={busy}
				/>
			) : null}

			<section aria-labelledby="synonym-form-title">
				<h2 id="synonym-form-title">{editing ? t('synonyms.editTitle', { term: editing.term }) : t('synonyms.add')}</h2>
				{errors ? (
					<p className="error-summary" role="alert">
						{t('synonyms.errorSummary')}
					</p>
				) : null}
				<Form method="post" action={editing ? `${PATH}?bewerk=${editing.id}` : PATH} noValidate key={editing?.id ?? 'new'}>
					<input type="hidden" name="intent" value="save" />
					<input type="hidden" name="id" value={formValues.id} />
					<div className={`form-field${errors?.term ? ' form-field--error' : ''}`}>
						<label htmlFor="term">{t('synonyms.term')}</label>
						<p className="hint" id="term-hint">
							{t('synonyms.termHint')}
						</p>
						{errors?.term ? (
							<p className="field-error" id="term-error">
								{t(`synonyms.${errors.term}`)}
							</p>
						) : null}
						<input
							id="term"
							name="term"
							defaultValue={formValues.term}
							maxLength={120}
							aria-describedby={errors?.term ? 'term-hint term-error' : 'term-hint'}
							aria-invalid={errors?.term ? true : undefined}
						/>
					</div>
					<div className={`form-field${errors?.expansions ? ' form-field--error' : ''}`}>
						<label htmlFor="expansions">{t('synonyms.expansions')}</label>
						<p className="hint" id="expansions-hint">
							{t('synonyms.expansionsHint')}
						</p>
						{errors?.expansions ? (
							<p className="field-error" id="expansions-error">
								{t(`synonyms.${errors.expansions}`)}
							</p>
						) : null}
						<textarea
							id="expansions"
							name="expansions"
							rows={3}
							defaultValue={formValues.expansions}
							aria-describedby={errors?.expansions ? 'expansions-hint expansions-error' : 'expansions-hint'}
							aria-invalid={errors?.expansions ? true : undefined}
						/>
					</div>
					<button type="submit" className="button" disabled={busy}>
						{editing ? t('synonyms.save') : t('synonyms.add')}
					</button>
					{editing ? (
						<>
							{' '}
							<Link to={PATH}>{t('synonyms.cancel')}</Link>
						</>
					) : null}
				</Form>
			</section>

			<section aria-labelledby="synonym-list-title">
				<h2 id="synonym-list-title">{t('synonyms.count', { count: synonyms.length })}</h2>
				{synonyms.length === 0 ? (
					<p className="empty-state">{t('synonyms.empty')}</p>
				) : (
					<ScrollRegion labelledBy="synonym-list-title">
						<table className="sessions">
							<thead>
								<tr>
									<th scope="col">{t('synonyms.term')}</th>
									<th scope="col">{t('synonyms.expansions')}</th>
									<th scope="col">{t('synonyms.actions')}</th>
								</tr>
							</thead>
							<tbody>
								{synonyms.map((synonym) => (
									<tr key={synonym.id}>
										<th scope="row">{synonym.term}</th>
										<td>{synonym.expansions.join(', ')}</td>
										<td>
											<Link to={`${PATH}?bewerk=${synonym.id}`} aria-label={`${t('synonyms.edit')}: ${synonym.term}`}>
												{t('synonyms.edit')}
											</Link>
											{' · '}
											<Link to={`${PATH}?verwijder=${synonym.id}`} aria-label={`${t('synonyms.delete')}: ${synonym.term}`}>
												{t('synonyms.delete')}
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
