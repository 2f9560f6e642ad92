import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ConfirmAction } from '../components/confirm-action.tsx'
import { ErrorSummary, Field } from '../components/field.tsx'
import { requirePermission } from '../features/identity/guard.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { deleteSearchSynonym } from '../features/catalogue/delete-search-synonym.server.ts'
import { listSearchSynonyms } from '../features/catalogue/list-search-synonyms.server.ts'
import { saveSearchSynonym } from '../features/catalogue/save-search-synonym.server.ts'
import { deleteSynonymSchema, synonymConstraint, synonymSchema } from '../features/catalogue/synonym-schema.ts'
import { invariantResponse, throwFailure, valueOrThrow } from '../core/http.server.ts'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { ScrollRegion } from '../components/scroll-region.tsx'

const PATH = '/beheer/zoeksynoniemen'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', { kind: 'search_synonyms' })
	const url = new URL(request.url)
	const synonyms = valueOrThrow(await listSearchSynonyms(context, { actor }))
	// `?bewerk=` and `?verwijder=` name a synonym of the list; anything else is not found.
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

export async function action({ request, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', { kind: 'search_synonyms' })
	const form = await readForm(request, { multiline: ['expansions'] })
	switch (requireIntent(form, ['save', 'delete'])) {
		case 'delete': {
			const submission = parseForm(form, deleteSynonymSchema)
			invariantResponse(submission.status === 'success', 404, 'SYNONYM_NOT_FOUND')
			const deleted = await deleteSearchSynonym(context, { actor, id: submission.value.id })
			if (!deleted.ok) throwFailure(deleted)
			return redirect(`${PATH}?verwijderd=1`)
		}
		case 'save': {
			const submission = parseForm(form, synonymSchema)
			// A synonym that is not (or no longer) there is not found, not a field to correct.
			invariantResponse(submission.status === 'success' || !submission.error?.id, 404, 'SYNONYM_NOT_FOUND')
			if (submission.status !== 'success') return invalidForm(submission)
			const saved = await saveSearchSynonym(context, { actor, ...submission.value })
			if (!saved.ok) return saved.kind === 'not_found' ? throwFailure(saved) : refusedForm(submission, saved)
			return redirect(`${PATH}?opgeslagen=1`)
		}
	}
}

export default function SearchSynonyms() {
	const { synonyms, editing, deleting, flash } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const busy = navigation.state === 'submitting'

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
				<SynonymForm key={editing?.id ?? 'new'} editing={editing} lastResult={lastResult} busy={busy} />
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

/** Adds a synonym, or changes the one being edited; each error beside its field, and above the form. */
function SynonymForm({
	editing,
	lastResult,
	busy,
}: {
	editing: { id: string; term: string; expansions: string[] } | null
	lastResult: ReturnType<typeof useActionData<typeof action>>
	busy: boolean
}) {
	const { t } = useTranslation()
	const [form, fields] = useForm({
		id: 'synonym',
		lastResult,
		constraint: synonymConstraint,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: synonymSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		defaultValue: editing ? { id: editing.id, term: editing.term, expansions: editing.expansions.join(', ') } : undefined,
	})
	return (
		<Form method="post" action={editing ? `${PATH}?bewerk=${editing.id}` : PATH} {...getFormProps(form)}>
			<input type="hidden" name="intent" value="save" />
			{editing ? <input type="hidden" name="id" value={editing.id} /> : null}
			<ErrorSummary
				form={form}
				fields={[
					{ meta: fields.term, label: t('synonyms.term') },
					{ meta: fields.expansions, label: t('synonyms.expansions') },
				]}
			/>
			<Field meta={fields.term} label={t('synonyms.term')} hint={t('synonyms.termHint')} />
			<Field meta={fields.expansions} label={t('synonyms.expansions')} hint={t('synonyms.expansionsHint')} as="textarea" rows={3} />
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
	)
}
