import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DataTable, type DataColumn } from '../components/data-table.tsx'
import { requirePermission } from '../features/identity/guard.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { listSearchQueries } from '../features/catalogue/list-search-queries.server.ts'
import { parseSearchQueryPeriod, SEARCH_QUERY_PERIODS } from '../features/catalogue/search-query-period.ts'
import { valueOrThrow } from '../core/http.server.ts'

const PATH = '/beheer/zoekvragen'

export async function loader({ request, context }: LoaderFunctionArgs) {
	// The same people who keep the synonyms read what the search asked of them (ADR 037).
	const { actor } = await requirePermission(request, context, 'read', { kind: 'search_synonyms' })
	const url = new URL(request.url)
	const { period, unknown } = parseSearchQueryPeriod(url.searchParams.get('periode'))
	const view = valueOrThrow(await listSearchQueries(context, { actor, period }))
	const t = await i18next.getFixedT(request)
	return { ...view, period, unknownPeriod: unknown, title: `${t('searchQueries.title')} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

type Row = { query: string; searches: number; zeroResults: number; partialMatches: number; lastResultCount: number }

export default function SearchQueries() {
	const { asked, unfound, few, period, unknownPeriod } = useLoaderData<typeof loader>()
	const { t } = useTranslation()

	const columns: DataColumn<Row>[] = [
		{ id: 'vraag', header: t('searchQueries.query'), accessorKey: 'query', cell: ({ row }) => <span lang="nl">{row.original.query}</span> },
		{ id: 'gezocht', header: t('searchQueries.searches'), accessorKey: 'searches', sortDescFirst: true },
		{ id: 'zonder', header: t('searchQueries.zeroResults'), accessorKey: 'zeroResults', sortDescFirst: true },
		{ id: 'deels', header: t('searchQueries.partialMatches'), accessorKey: 'partialMatches', sortDescFirst: true },
		{ id: 'laatste', header: t('searchQueries.lastResultCount'), accessorKey: 'lastResultCount' },
		{
			id: 'acties',
			header: t('searchQueries.actions'),
			headerHidden: true,
			enableSorting: false,
			cell: ({ row }) => (
				<Link to={`/beheer/zoeksynoniemen?term=${encodeURIComponent(row.original.query)}#synonym-form-title`} aria-label={t('searchQueries.addSynonymFor', { query: row.original.query })}>
					{t('searchQueries.addSynonym')}
				</Link>
			),
		},
	]
	const csvLink = (table: 'gezocht' | 'weinig', caption: string) => (
		<p>
			<a href={`${PATH}/lijst?tabel=${table}&periode=${period}`} download aria-label={t('searchQueries.downloadLabel', { table: caption })}>
				{t('searchQueries.download')}
			</a>
		</p>
	)

	return (
		<div className="container page">
			<h1>{t('searchQueries.title')}</h1>
			<p className="lead">{t('searchQueries.intro')}</p>
			{unknownPeriod ? (
				<p className="notice notice--warning" role="status">
					{t('searchQueries.unknownPeriod')}
				</p>
			) : null}
			<Form method="get" action={PATH} className="filter-bar">
				<fieldset>
					<legend className="visually-hidden">{t('searchQueries.periodLabel')}</legend>
					<label htmlFor="periode">{t('searchQueries.periodLabel')}</label>{' '}
					<select id="periode" name="periode" defaultValue={String(period)} key={period}>
						{SEARCH_QUERY_PERIODS.map((days) => (
							<option key={days} value={days}>
								{t(`searchQueries.period_${days}`)}
							</option>
						))}
					</select>{' '}
					<button type="submit" className="button button--secondary">
						{t('searchQueries.show')}
					</button>
				</fieldset>
			</Form>

			<section aria-labelledby="gezocht-title">
				<h2 id="gezocht-title">{t('searchQueries.asked')}</h2>
				<DataTable name="gezocht" caption={t('searchQueries.asked')} columns={columns} rows={asked} empty={t('searchQueries.emptyAsked')} initialSort={{ id: 'gezocht', desc: true }} />
				{asked.length > 0 ? csvLink('gezocht', t('searchQueries.asked')) : null}
			</section>

			<section aria-labelledby="weinig-title">
				<h2 id="weinig-title">{t('searchQueries.unfound')}</h2>
				<p className="hint">{t('searchQueries.unfoundHint', { few })}</p>
				<DataTable name="weinig" caption={t('searchQueries.unfound')} columns={columns} rows={unfound} empty={t('searchQueries.emptyUnfound')} initialSort={{ id: 'zonder', desc: true }} />
				{unfound.length > 0 ? csvLink('weinig', t('searchQueries.unfound')) : null}
			</section>
		</div>
	)
}
