import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ConfirmAction } from '../components/confirm-action.tsx'
import { ErrorSummary, Field } from '../components/field.tsx'
import { AdminList, AdminSection, ChangeNotice, EditAndActivation, ListSearch } from '../components/admin-list.tsx'
import { requirePermission } from '../features/identity/guard.server.ts'
import { listTrainers, saveTrainer, setTrainerActive } from '../features/sessions/manage-trainers.server.ts'
import { ownUnitSession } from '../features/sessions/own-unit-session.ts'
import { trainerConstraint, trainerSchema, trainerStateSchema } from '../features/sessions/trainer-schema.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { invariantResponse, throwFailure, valueOrThrow } from '../core/http.server.ts'
import { rowFromQuery } from '../core/route-params.server.ts'

const PATH = '/beheer/trainers'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownUnitSession)
	const url = new URL(request.url)
	const search = url.searchParams.get('q') ?? ''
	const trainers = valueOrThrow(await listTrainers(context, { actor, search: '' }))
	const shown = search ? valueOrThrow(await listTrainers(context, { actor, search })) : trainers
	const t = await i18next.getFixedT(request)
	return {
		title: `${t('trainers.title')} – ${t('app.name')}`,
		trainers: shown,
		search,
		// `?bewerk=` and `?deactiveer=` name a trainer of the unit; anything else is not found.
		editing: rowFromQuery(url, 'bewerk', trainers, 'TRAINER_NOT_FOUND'),
		deactivating: rowFromQuery(url, 'deactiveer', trainers, 'TRAINER_NOT_FOUND'),
		flash: (['opgeslagen', 'gedeactiveerd', 'geactiveerd'] as const).find((key) => url.searchParams.has(key)) ?? null,
	}
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export async function action({ request, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownUnitSession)
	const form = await readForm(request)
	const intent = requireIntent(form, ['save', 'deactivate', 'activate'])
	if (intent === 'save') {
		const submission = parseForm(form, trainerSchema)
		// A trainer that is not (or no longer) there is not found, not a field to correct.
		invariantResponse(submission.status === 'success' || !submission.error?.id, 404, 'TRAINER_NOT_FOUND')
		if (submission.status !== 'success') return invalidForm(submission)
		const saved = await saveTrainer(context, { actor, input: submission.value })
		if (!saved.ok) return saved.kind === 'not_found' ? throwFailure(saved) : refusedForm(submission, saved)
		return redirect(`${PATH}?opgeslagen=1`, 303)
	}
	const submission = parseForm(form, trainerStateSchema)
	invariantResponse(submission.status === 'success', 404, 'TRAINER_NOT_FOUND')
	const changed = await setTrainerActive(context, { actor, trainerId: submission.value.id, active: intent === 'activate' })
	if (!changed.ok) throwFailure(changed)
	return redirect(`${PATH}?${intent === 'activate' ? 'geactiveerd' : 'gedeactiveerd'}=1`, 303)
}

export default function Trainers() {
	const { trainers, search, editing, deactivating, flash } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const busy = navigation.state === 'submitting'
	const flashText = { opgeslagen: t('trainers.saved'), gedeactiveerd: t('trainers.deactivated'), geactiveerd: t('trainers.activated') }
	return (
		<div className="container page">
			<h1>{t('trainers.title')}</h1>
			<p className="lead">{t('trainers.intro')}</p>
			<ChangeNotice text={flash ? flashText[flash] : null} />

			{deactivating ? (
				<ConfirmAction
					id="confirm-title"
					title={t('trainers.confirmTitle', { name: deactivating.name })}
					text={t('trainers.confirmText', { name: deactivating.name })}
					fields={{ intent: 'deactivate', id: deactivating.id }}
					confirmLabel={t('trainers.confirmDeactivate')}
					cancelTo={PATH}
					cancelLabel={t('trainers.cancel')}
					busy={busy}
				/>
			) : null}

			<AdminSection id="trainer-form-title" heading={editing ? t('trainers.editTitle', { name: editing.name }) : t('trainers.add')}>
				<TrainerForm key={editing?.id ?? 'new'} editing={editing} lastResult={lastResult} busy={busy} />
			</AdminSection>

			<AdminList
				id="trainer-list-title"
				heading={t('trainers.count', { count: trainers.length })}
				search={<ListSearch id="trainer-search" label={t('trainers.search')} submitLabel={t('trainers.searchSubmit')} value={search} />}
				columns={[t('trainers.name'), t('trainers.kind'), t('trainers.organisation'), t('trainers.email'), t('trainers.state'), t('trainers.actions')]}
				empty={trainers.length === 0}
				emptyText={t('trainers.empty')}
			>
				{trainers.map((trainer) => (
					<tr key={trainer.id}>
						<th scope="row">{trainer.name}</th>
						<td>{t(trainer.kind === 'internal' ? 'trainers.internal' : 'trainers.external')}</td>
						<td>{trainer.organisation ?? ''}</td>
						<td>{trainer.email}</td>
						<td>{t(trainer.active ? 'trainers.active' : 'trainers.inactive')}</td>
						<EditAndActivation path={PATH} id={trainer.id} row={trainer.name} active={trainer.active} labels={{ edit: t('trainers.edit'), deactivate: t('trainers.deactivate'), activate: t('trainers.activate') }} />
					</tr>
				))}
			</AdminList>
		</div>
	)
}

type Editing = { id: string; kind: 'internal' | 'external'; name: string; organisation: string | null; email: string } | null

/** Adds a trainer, or changes the one being edited; each error beside its field, and above the form. */
function TrainerForm({ editing, lastResult, busy }: { editing: Editing; lastResult: ReturnType<typeof useActionData<typeof action>>; busy: boolean }) {
	const { t } = useTranslation()
	const [form, fields] = useForm({
		id: 'trainer',
		lastResult,
		constraint: trainerConstraint,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: trainerSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		defaultValue: editing ? { id: editing.id, kind: editing.kind, name: editing.name, organisation: editing.organisation ?? '', email: editing.email } : { kind: 'external' },
	})
	const labels = { kind: t('trainers.kind'), email: t('trainers.email'), name: t('trainers.name'), organisation: t('trainers.organisation') }
	return (
		<Form method="post" action={editing ? `${PATH}?bewerk=${editing.id}` : PATH} {...getFormProps(form)}>
			<input type="hidden" name="intent" value="save" />
			{editing ? <input type="hidden" name="id" value={editing.id} /> : null}
			<ErrorSummary form={form} fields={(['kind', 'email', 'name', 'organisation'] as const).map((name) => ({ meta: fields[name], label: labels[name] }))} />
			<Field
				meta={fields.kind}
				label={labels.kind}
				as="select"
				options={[
					{ value: 'external', label: t('trainers.external') },
					{ value: 'internal', label: t('trainers.internal') },
				]}
			/>
			<Field meta={fields.email} label={labels.email} hint={t('trainers.emailHint')} type="email" controlProps={{ autoComplete: 'off' }} />
			<Field meta={fields.name} label={labels.name} />
			<Field meta={fields.organisation} label={labels.organisation} />
			<button type="submit" className="button" disabled={busy}>
				{editing ? t('trainers.save') : t('trainers.add')}
			</button>
			{editing ? (
				<>
					{' '}
					<Link to={PATH}>{t('trainers.cancel')}</Link>
				</>
			) : null}
		</Form>
	)
}
