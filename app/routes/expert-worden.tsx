import { getFormProps, useForm, type FieldMetadata, type SubmissionResult } from '@conform-to/react'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ConfirmAction } from '../components/confirm-action.tsx'
import { ErrorSummary, Field, useErrorText } from '../components/field.tsx'
import { formFailure, throwFailure, valueOrThrow } from '../core/http.server.ts'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { expertEntrySchema } from '../features/experts/expert-schema.ts'
import { ownExpertEntry } from '../features/experts/own-expert-entry.ts'
import { saveExpertEntry } from '../features/experts/save-expert.server.ts'
import { setExpertAvailability } from '../features/experts/set-expert-availability.server.ts'
import { showOwnExpert } from '../features/experts/show-own-expert.server.ts'
import { stopBeingExpert } from '../features/experts/stop-being-expert.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { i18next } from '../i18n/i18next.server.ts'

const PATH = '/expert-worden'
const NOTICES = { aangemeld: 'created', opgeslagen: 'saved', gepauzeerd: 'paused', hervat: 'resumed', afgemeld: 'optedOut' } as const

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownExpertEntry)
	const shown = valueOrThrow(await showOwnExpert(context, { actor }))
	const t = await i18next.getFixedT(request)
	const params = new URL(request.url).searchParams
	const notice = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((key) => params.has(key))
	return {
		...shown,
		notice: notice ? NOTICES[notice] : null,
		confirmOptOut: params.has('afmelden') && shown.entry !== null,
		title: `${t('expertEntry.title')} – ${t('app.name')}`,
	}
}

export async function action({ request, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownExpertEntry)
	const form = await readForm(request, { multiline: ['description'] })
	const intent = requireIntent(form, ['save', 'pause', 'resume', 'opt-out'])
	switch (intent) {
		case 'save': {
			const submission = parseForm(form, expertEntrySchema)
			if (submission.status !== 'success') return invalidForm(submission)
			const saved = await saveExpertEntry(context, { actor, ...submission.value })
			if (!saved.ok) return refusedForm(submission, saved)
			return redirect(`${PATH}?${saved.value.created ? 'aangemeld' : 'opgeslagen'}=1`, 303)
		}
		case 'pause':
		case 'resume': {
			const changed = await setExpertAvailability(context, { actor, available: intent === 'resume' })
			if (!changed.ok) return changed.kind === 'not_found' ? throwFailure(changed) : formFailure(changed, 'availability')
			return redirect(`${PATH}?${intent === 'resume' ? 'hervat' : 'gepauzeerd'}=1`, 303)
		}
		case 'opt-out': {
			const removed = await stopBeingExpert(context, { actor })
			if (!removed.ok) return throwFailure(removed)
			return redirect(`${PATH}?afgemeld=1`, 303)
		}
	}
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

type Reply = SubmissionResult<string[]> | undefined
type EntryForm = { description: string; contact: string; themeIds: string[]; competencyIds: string[] }

/**
 * Making oneself available as an expert (ADR 048), a page of its own rather than a section of
 * /account (which is about signing in): what the directory will show, the form, and once listed,
 * pausing, resuming and opting out (asked once more). Plain fields and checkboxes: works with the
 * keyboard, without JavaScript and on a phone.
 */
export default function BecomeExpert() {
	const { entry, themes, competencies, notice, confirmOptOut } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t, i18n } = useTranslation()
	const errorText = useErrorText()
	const busy = navigation.state === 'submitting'
	const reply = actionData && 'status' in actionData ? (actionData as Reply) : undefined
	const availabilityError = actionData && 'error' in actionData && typeof actionData.error === 'string' ? errorText([actionData.error]) : null
	const [form, fields] = useForm<EntryForm>({
		id: 'expert',
		lastResult: reply,
		defaultValue: entry ? { description: entry.description, contact: entry.contact, themeIds: entry.themeIds, competencyIds: entry.competencyIds } : undefined,
	})
	const english = i18n.language === 'en'
	return (
		<div className="container page narrow">
			<h1>{t('expertEntry.title')}</h1>
			{notice ? (
				<p className="notice notice--success" role="status">
					{t(`expertEntry.${notice}`)}
				</p>
			) : null}
			<p className="lead">{t('expertEntry.intro')}</p>
			<p>{t('expertEntry.published')}</p>
			{entry ? (
				<section aria-labelledby="beschikbaarheid" className="expert-availability">
					<h2 id="beschikbaarheid">{entry.pausedAt ? t('expertEntry.statusPaused') : t('expertEntry.statusAvailable')}</h2>
					{availabilityError ? (
						<p className="notice notice--warning" role="alert">
							{availabilityError}
						</p>
					) : null}
					{entry.pausedAt ? null : <p className="field__hint">{t('expertEntry.pauseHint')}</p>}
					<Form method="post">
						<input type="hidden" name="intent" value={entry.pausedAt ? 'resume' : 'pause'} />
						<button type="submit" className="button button--secondary" disabled={busy}>
							{entry.pausedAt ? t('expertEntry.resume') : t('expertEntry.pause')}
						</button>
					</Form>
				</section>
			) : null}
			{confirmOptOut ? (
				<ConfirmAction
					id="afmelden-titel"
					title={t('expertEntry.optOutTitle')}
					text={t('expertEntry.optOutText')}
					fields={{ intent: 'opt-out' }}
					confirmLabel={t('expertEntry.optOutConfirm')}
					cancelTo={PATH}
					cancelLabel={t('expertEntry.cancel')}
					busy={busy}
				/>
			) : null}
			<Form method="post" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="save" />
				<ErrorSummary
					form={form}
					fields={[
						{ meta: fields.description, label: t('expertEntry.descriptionLabel') },
						{ meta: fields.contact, label: t('expertEntry.contactLabel') },
						{ meta: fields.themeIds, label: t('expertEntry.themesLegend') },
						{ meta: fields.competencyIds, label: t('expertEntry.competenciesLegend') },
					]}
					formError={errorText(form.errors)}
				/>
				<Field meta={fields.description} label={t('expertEntry.descriptionLabel')} hint={t('expertEntry.descriptionHint')} as="textarea" rows={4} />
				<Field meta={fields.contact} label={t('expertEntry.contactLabel')} hint={t('expertEntry.contactHint')} />
				<Choices meta={fields.themeIds} legend={t('expertEntry.themesLegend')} options={themes.map((theme) => ({ id: theme.id, label: english ? theme.nameEn : theme.nameNl }))} />
				<Choices
					meta={fields.competencyIds}
					legend={t('expertEntry.competenciesLegend')}
					hint={t('expertEntry.competenciesHint')}
					options={competencies.map((competency) => ({ id: competency.id, label: competency.name }))}
				/>
				<div className="form-actions">
					<button type="submit" className="button" disabled={busy}>
						{entry ? t('expertEntry.save') : t('expertEntry.become')}
					</button>
				</div>
			</Form>
			{entry && !confirmOptOut ? (
				<p>
					<Link to={`${PATH}?afmelden=1#afmelden-titel`}>{t('expertEntry.optOut')}</Link>
				</p>
			) : null}
			<p>
				<Link to="/experts">{t('expertEntry.toDirectory')}</Link>
			</p>
		</div>
	)
}

/** A group of checkboxes with its legend, hint and error beside it; the first box carries the field's id, so the error summary's link lands there. */
function Choices({ meta, legend, hint, options }: { meta: FieldMetadata<string[]>; legend: string; hint?: string; options: { id: string; label: string }[] }) {
	const errorText = useErrorText()
	const error = errorText(meta.errors)
	const chosen = new Set(Array.isArray(meta.initialValue) ? meta.initialValue : typeof meta.initialValue === 'string' ? [meta.initialValue] : [])
	const hintId = hint ? `${meta.id}-hint` : undefined
	return (
		<fieldset className={error ? 'field expert-choices field--invalid' : 'field expert-choices'} aria-describedby={hintId}>
			<legend>{legend}</legend>
			{hint ? (
				<p className="field__hint" id={hintId}>
					{hint}
				</p>
			) : null}
			{error ? (
				<p className="field__error" id={meta.errorId}>
					{error}
				</p>
			) : null}
			{options.map((option, index) => (
				<div key={option.id} className="field__choice">
					<input
						type="checkbox"
						id={index === 0 ? meta.id : `${meta.id}-${option.id}`}
						name={meta.name}
						value={option.id}
						defaultChecked={chosen.has(option.id)}
						aria-invalid={error ? true : undefined}
						aria-describedby={error ? meta.errorId : undefined}
					/>{' '}
					<label htmlFor={index === 0 ? meta.id : `${meta.id}-${option.id}`}>{option.label}</label>
				</div>
			))}
		</fieldset>
	)
}
