import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { amsterdamDate } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { ConfirmAction } from '../components/confirm-action.tsx'
import { ErrorSummary, Field } from '../components/field.tsx'
import { AdminSection, ChangeNotice } from '../components/admin-list.tsx'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { invariantResponse, throwFailure, valueOrThrow } from '../core/http.server.ts'
import { countFromQuery, rowFromQuery } from '../core/route-params.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { addConcernRequirement } from '../features/passport/add-requirement.server.ts'
import { deactivateConcernRequirement } from '../features/passport/deactivate-requirement.server.ts'
import { concernRequirementConstraint, concernRequirementSchema, deactivateRequirementSchema } from '../features/passport/requirement-schema.ts'
import { competencyWithLevels } from '../features/passport/levels.ts'
import { RequirementTimingFields, requirementTimingSummary } from '../features/passport/requirement-fields.tsx'
import { RequirementList } from '../features/passport/requirement-list.tsx'
import { showConcernRequirements } from '../features/passport/show-requirements.server.ts'
import { i18next } from '../i18n/i18next.server.ts'

const PATH = '/beheer/eisen-concern'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', { kind: 'concern_requirements' })
	const url = new URL(request.url)
	const shown = valueOrThrow(await showConcernRequirements(context, { actor }))
	// `?deactiveer=` names one of the concern's requirements; anything else is not found.
	const deactivating = rowFromQuery(url, 'deactiveer', shown.requirements, 'REQUIREMENT_NOT_FOUND')
	const t = await i18next.getFixedT(request)
	return {
		title: `${t('requirements.concernTitle')} – ${t('app.name')}`,
		...shown,
		today: amsterdamDate(context.clock.now()),
		deactivating,
		added: countFromQuery(url, 'toegevoegd'),
		deactivated: countFromQuery(url, 'gedeactiveerd'),
	}
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export async function action({ request, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'create', { kind: 'concern_requirements' })
	const form = await readForm(request)
	switch (requireIntent(form, ['add', 'deactivate'])) {
		case 'add': {
			const submission = parseForm(form, concernRequirementSchema)
			if (submission.status !== 'success') return invalidForm(submission)
			const added = await addConcernRequirement(context, { actor, ...submission.value })
			if (!added.ok) return added.kind === 'not_found' ? throwFailure(added) : refusedForm(submission, added)
			return redirect(`${PATH}?toegevoegd=${added.value.queuedUnits}`)
		}
		case 'deactivate': {
			const submission = parseForm(form, deactivateRequirementSchema)
			invariantResponse(submission.status === 'success', 404, 'REQUIREMENT_NOT_FOUND')
			const done = await deactivateConcernRequirement(context, { actor, requirementId: submission.value.id })
			if (!done.ok) throwFailure(done)
			return redirect(`${PATH}?gedeactiveerd=${done.value.queuedUnits}`)
		}
	}
}

export default function ConcernRequirements() {
	const { requirements, competencies, today, deactivating, added, deactivated } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const busy = navigation.state === 'submitting'
	const [form, fields] = useForm({
		id: 'concern-requirement',
		lastResult,
		constraint: concernRequirementConstraint,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: concernRequirementSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		defaultValue: { introducedOn: today, graceDays: '0' },
	})

	return (
		<div className="container page">
			<h1>{t('requirements.concernTitle')}</h1>
			<p className="lead">{t('requirements.concernIntro')}</p>
			<ChangeNotice text={added !== null ? t('requirements.concernAdded', { count: added }) : deactivated !== null ? t('requirements.concernDeactivated', { count: deactivated }) : null} />

			{deactivating ? (
				<ConfirmAction
					id="confirm-title"
					title={t('requirements.confirmTitle', { competency: deactivating.competencyName })}
					text={t('requirements.confirmText', { competency: deactivating.competencyName, who: deactivating.jobProfileName ?? t('requirements.everyoneInConcern') })}
					fields={{ intent: 'deactivate', id: deactivating.id }}
					confirmLabel={t('requirements.confirmDeactivate')}
					cancelTo={PATH}
					cancelLabel={t('requirements.cancel')}
					busy={busy}
				/>
			) : null}

			<AdminSection id="requirement-form-title" heading={t('requirements.add')}>
				<Form method="post" action={PATH} {...getFormProps(form)}>
					<input type="hidden" name="intent" value="add" />
					<ErrorSummary
						form={form}
						fields={[
							{ meta: fields.competencyId, label: t('requirements.competency') },
							{ meta: fields.jobProfileName, label: t('requirements.jobProfileName') },
							...requirementTimingSummary(t, fields),
						]}
					/>
					<Field
						meta={fields.competencyId}
						label={t('requirements.competency')}
						as="select"
						options={[{ value: '', label: t('requirements.chooseCompetency') }, ...competencies.map((competency) => ({ value: competency.id, label: competencyWithLevels(competency) }))]}
					/>
					<Field meta={fields.jobProfileName} label={t('requirements.jobProfileName')} hint={t('requirements.jobProfileNameHint')} />
					<RequirementTimingFields fields={fields} />
					<button type="submit" className="button" disabled={busy}>
						{t('requirements.add')}
					</button>
				</Form>
			</AdminSection>

			<RequirementList path={PATH} rows={requirements} everyone={t('requirements.everyoneInConcern')} />
		</div>
	)
}
