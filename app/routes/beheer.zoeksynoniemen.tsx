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
import { rowFromQuery } from '../core/route-params.server.ts'
import { AdminList, AdminSection, ChangeNotice, RowActions, RowLink } from '../components/admin-list.tsx'

const PATH = '/beheer/zoeksynoniemen'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', { kind: 'search_synonyms' })
	const url = new URL(request.url)
	const synonyms = valueOrThrow(await listSearchSynonyms(context, { actor }))
	const t = await i18next.getFixedT(request)
	return {
		title: `${t('synonyms.title')} – ${t('app.name')}`,
		synonyms: synonyms.map(({ id, term, expansions }) => ({ id, term, expansions })),
		// `?bewerk=` and `?verwijder=` name a synonym of the list; anything else is not found.
		editing: rowFromQuery(url, 'bewerk', synonyms, 'SYNONYM_NOT_FOUND'),
		deleting: rowFromQuery(url, 'verwijder', synonyms, 'SYNONYM_NOT_FOUND'),
		// `?term=` prefills a new synonym (the "Synoniem toevoegen" of /beheer/zoekvragen); the form validates it as typed.
		prefill: (url.searchParams.get('term') ?? '').replace(/[\p{Cc}\p{Cf}]/gu, ' ').trim().slice(0, 100) || null,
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
	const { synonyms, editing, deleting, flash, prefill } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const busy = navigation.state === 'submitting'

	return (
		<div className="container page">
			<h1>{t('synonyms.title')}</h1>
			<p className="lead">{t('synonyms.intro')}</p>
			<ChangeNotice text={flash === 'saved' ? t('synonyms.saved') : flash === 'deleted' ? t('synonyms.deleted') : null} />

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

			<AdminSection id="synonym-form-title" heading={editing ? t('synonyms.editTitle', { term: editing.term }) : t('synonyms.add')}>
				<SynonymForm key={editing?.id ?? `new-${prefill ?? ''}`} editing={editing} prefill={prefill} lastResult={lastResult} busy={busy} />
			</AdminSection>

			<AdminList
				id="synonym-list-title"
				heading={t('synonyms.count', { count: synonyms.length })}
				columns={[t('synonyms.term'), t('synonyms.expansions'), t('synonyms.actions')]}
				empty={synonyms.length === 0}
				emptyText={t('synonyms.empty')}
			>
				{synonyms.map((synonym) => (
					<tr key={synonym.id}>
						<th scope="row">{synonym.term}</th>
						<td>{synonym.expansions.join(', ')}</td>
						<RowActions>
							<RowLink to={`${PATH}?bewerk=${synonym.id}`} label={t('synonyms.edit')} row={synonym.term} />
							<RowLink to={`${PATH}?verwijder=${synonym.id}`} label={t('synonyms.delete')} row={synonym.term} />
						</RowActions>
					</tr>
				))}
			</AdminList>
		</div>
	)
}

/** Adds a synonym, or changes the one being edited; each error beside its field, and above the form. */
function SynonymForm({
	editing,
	prefill,
	lastResult,
	busy,
}: {
	editing: { id: string; term: string; expansions: string[] } | null
	/** A term to start a new synonym with. */
	prefill: string | null
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
		defaultValue: editing ? { id: editing.id, term: editing.term, expansions: editing.expansions.join(', ') } : prefill ? { term: prefill } : undefined,
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
