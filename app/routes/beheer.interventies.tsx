import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DataTable, type DataColumn } from '../components/data-table.tsx'
import { valueOrThrow } from '../core/http.server.ts'
import { ownInterventions } from '../features/effect/own-interventions.ts'
import { showInterventions, type InterventionListRow } from '../features/effect/show-interventions.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { formatMonth } from '../utils/format.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownInterventions)
	const { rows } = valueOrThrow(await showInterventions(context, { actor }))
	const t = await i18next.getFixedT(request)
	return { rows, title: `${t('intervention.listTitle')} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

/** The unit's interventions (ADR 044): sortable, the latest first, each linking to its page; an empty state that says what to do. */
export default function Interventions() {
	const { rows } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const columns: DataColumn<InterventionListRow>[] = [
		{ id: 'naam', header: t('intervention.name'), accessorKey: 'name', cell: ({ row }) => <Link to={`/beheer/interventies/${row.original.id}`}>{row.original.name}</Link> },
		{
			id: 'periode',
			header: t('intervention.period'),
			accessorKey: 'firstMonth',
			sortDescFirst: true,
			cell: ({ row }) => t('intervention.runs', { from: formatMonth(row.original.firstMonth, i18n.language), to: formatMonth(row.original.lastMonth, i18n.language) }),
		},
		{ id: 'meting', header: t('intervention.measure'), accessorKey: 'measureName' },
		{ id: 'teams', header: t('intervention.trainedTeams'), accessorKey: 'trainedTeams', sortDescFirst: true },
		{
			id: 'metingen',
			header: t('intervention.values'),
			accessorKey: 'values',
			sortDescFirst: true,
			cell: ({ row }) => (row.original.measureSource ? `${row.original.values} (${t(`intervention.source_${row.original.measureSource}`)})` : t('intervention.noMeasure')),
		},
	]
	return (
		<div className="container page">
			<h1>{t('intervention.listTitle')}</h1>
			<p className="lead">{t('intervention.listIntro')}</p>
			<p>
				<Link to="/beheer/interventies/nieuw" className="button">
					{t('intervention.add')}
				</Link>
			</p>
			<DataTable name="interventies" caption={t('intervention.listTitle')} columns={columns} rows={rows} empty={t('intervention.empty')} initialSort={{ id: 'periode', desc: true }} />
		</div>
	)
}
