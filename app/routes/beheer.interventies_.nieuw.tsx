import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { valueOrThrow } from '../core/http.server.ts'
import { InterventionForm, NEW_INTERVENTION } from '../features/effect/intervention-form.tsx'
import { interventionFormAction } from '../features/effect/intervention-form.server.ts'
import { ownInterventions } from '../features/effect/own-interventions.ts'
import { showInterventionForm } from '../features/effect/record-intervention.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { i18next } from '../i18n/i18next.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'create', ownInterventions)
	const { courses, teams } = valueOrThrow(await showInterventionForm(context, { actor, interventionId: null }))
	const t = await i18next.getFixedT(request)
	return { courses, teams, title: `${t('intervention.newTitle')} – ${t('app.name')}` }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'create', ownInterventions)
	return interventionFormAction(request, context, { actor, interventionId: null })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function NewIntervention() {
	const { courses, teams } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const { t } = useTranslation()
	return (
		<div className="container page">
			<h1>{t('intervention.newTitle')}</h1>
			<InterventionForm action="/beheer/interventies/nieuw" defaultValue={NEW_INTERVENTION} courses={courses} teams={teams} lastResult={lastResult} cancelTo="/beheer/interventies" />
		</div>
	)
}
