import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { valueOrThrow } from '../core/http.server.ts'
import { idParam } from '../core/route-params.server.ts'
import { InterventionForm } from '../features/effect/intervention-form.tsx'
import { interventionFormAction } from '../features/effect/intervention-form.server.ts'
import { ownInterventions } from '../features/effect/own-interventions.ts'
import { showInterventionForm } from '../features/effect/record-intervention.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { i18next } from '../i18n/i18next.server.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownInterventions)
	const interventionId = idParam(params, 'interventionId', 'INTERVENTION_NOT_FOUND')
	const { intervention, courses, teams } = valueOrThrow(await showInterventionForm(context, { actor, interventionId }))
	const t = await i18next.getFixedT(request)
	const found = intervention!
	return {
		interventionId,
		name: found.name,
		courses,
		teams,
		defaultValue: {
			name: found.name,
			courseId: found.courseId ?? '',
			description: found.description,
			firstMonth: found.firstMonth,
			lastMonth: found.lastMonth,
			monthsBefore: String(found.monthsBefore),
			monthsAfter: String(found.monthsAfter),
			measureName: found.measureName,
			better: found.better,
			teams: found.trainedTeamIds,
		},
		title: `${t('intervention.editTitle', { name: found.name })} – ${t('app.name')}`,
	}
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownInterventions)
	const interventionId = idParam(params, 'interventionId', 'INTERVENTION_NOT_FOUND')
	return interventionFormAction(request, context, { actor, interventionId })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function EditIntervention() {
	const { interventionId, name, courses, teams, defaultValue } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const { t } = useTranslation()
	return (
		<div className="container page">
			<h1>{t('intervention.editTitle', { name })}</h1>
			<InterventionForm
				action={`/beheer/interventies/${interventionId}/wijzigen`}
				defaultValue={defaultValue}
				courses={courses}
				teams={teams}
				lastResult={lastResult}
				cancelTo={`/beheer/interventies/${interventionId}`}
			/>
		</div>
	)
}
