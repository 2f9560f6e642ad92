import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BarChart } from '../components/bar-chart.tsx'
import { throwFailure } from '../core/http.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { reportFiltersOf, reportQuery, type ReportFilters } from '../features/reports/report-filters.ts'
import { CellTable, PeriodFields, ReportDownloads } from '../features/reports/report-parts.tsx'
import { concernTable } from '../features/reports/report-tables.ts'
import { showConcernReport } from '../features/reports/show-concern-report.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { formatMonth } from '../utils/format.ts'

const PATH = '/beheer/rapportages/concern'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', { kind: 'report', tenantId: null })
	const { van, tot } = reportFiltersOf(new URL(request.url).searchParams)
	const filters = { van, tot }
	const result = await showConcernReport(context, { actor, filters })
	const t = await i18next.getFixedT(request)
	const title = `${t('report.concernTitle')} – ${t('app.name')}`
	if (!result.ok) {
		if (result.kind !== 'invalid') throwFailure(result)
		return data({ report: null, filters, error: { code: result.code, field: result.field ?? null }, title }, { status: 400 })
	}
	return { report: result.value, filters, error: null, title }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

/** The concern's report (ADR 043, addendum): every unit's figures side by side for a period, as a chart, its table and files. */
export default function ConcernReportPage() {
	const { report, filters, error } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const language = i18n.language
	const errorOf = (field: keyof ReportFilters) => (error?.field === field ? t(`errors.${error.code}`) : null)
	const table = report ? concernTable(report, t, language) : null
	const period = report ? t('report.periodShown', { from: formatMonth(report.period.fromMonth, language), to: formatMonth(report.period.toMonth, language) }) : ''
	const query = reportQuery({ ...filters, opleiding: null, thema: null })
	return (
		<div className="container page">
			<h1>{t('report.concernTitle')}</h1>
			<p className="lead">{t('report.concernIntro')}</p>
			<Form method="get" action={PATH} className="filter-bar report-filters">
				<fieldset>
					<legend className="visually-hidden">{t('report.filters')}</legend>
					<PeriodFields filters={filters} period={report?.period ?? null} errorOf={errorOf} />
					<button type="submit" className="button button--secondary">
						{t('report.show')}
					</button>
				</fieldset>
				<p>
					<Link to={PATH}>{t('report.reset')}</Link>
				</p>
			</Form>
			{report && table ? (
				<section aria-labelledby="onderdelen-kop">
					<p>{period}</p>
					<h2 id="onderdelen-kop">{t('report.byUnit')}</h2>
					{report.total.participants + report.total.cancellations + report.total.waiting === 0 ? <p className="empty-state">{t('report.empty')}</p> : null}
					<BarChart
						id="onderdelen"
						title={`${t('report.byUnit')}. ${period}`}
						description={t('report.unitChartDesc')}
						categories={report.units.map((unit) => unit.shortName)}
						series={[
							{ name: t('report.participants'), values: report.units.map(({ figures }) => figures.participants) },
							{ name: t('report.completed'), values: report.units.map(({ figures }) => figures.completed) },
							{ name: t('report.noShows'), values: report.units.map(({ figures }) => figures.noShows) },
						]}
					/>
					<CellTable caption={t('report.byUnit')} table={table} name="onderdelen" />
					<ReportDownloads
						href={(format) => `${PATH}/export?${new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(query)), formaat: format }).toString()}`}
						label={(format) => t('report.exportUnits', { format })}
					/>
					<p className="field__hint">{t('report.concernDefinitions')}</p>
				</section>
			) : null}
		</div>
	)
}
