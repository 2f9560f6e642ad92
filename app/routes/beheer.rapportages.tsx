import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import type { TFunction } from 'i18next'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { BarChart } from '../components/bar-chart.tsx'
import { throwFailure } from '../core/http.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { ownUnitReport } from '../features/reports/own-unit-report.ts'
import { CellTable, FilterField, PeriodFields, ReportDownloads } from '../features/reports/report-parts.tsx'
import { reportTable, type ReportTableName } from '../features/reports/report-tables.ts'
import { reportFiltersOf, reportQuery, type ReportFilters } from '../features/reports/report-filters.ts'
import { showUnitReport } from '../features/reports/show-unit-report.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { formatMonth, formatPrice } from '../utils/format.ts'

const PATH = '/beheer/rapportages'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownUnitReport)
	const filters = reportFiltersOf(new URL(request.url).searchParams)
	const result = await showUnitReport(context, { actor, filters })
	const t = await i18next.getFixedT(request)
	const title = `${t('report.title')} – ${t('app.name')}`
	if (!result.ok) {
		if (result.kind !== 'invalid') throwFailure(result)
		// A filter that names no month, course or theme: the form again with the error beside its field.
		return data({ report: null, filters, error: { code: result.code, field: result.field ?? null }, title }, { status: 400 })
	}
	return { report: result.value, filters, error: null, title }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

/**
 * A unit's report (issue 18, item 4; ADR 043): filters in the URL (a GET form), participation per
 * month as a chart followed by its table, the same per course with evaluation scores, and the
 * budget; each table downloadable as CSV, XLSX or ODS with the same cells.
 */
export default function UnitReportPage() {
	const { report, filters, error } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const language = i18n.language
	const errorOf = (field: keyof ReportFilters) => (error?.field === field ? t(`errors.${error.code}`) : null)
	const query = reportQuery(filters)
	const exports = (table: ReportTableName, label: 'report.exportMonths' | 'report.exportCourses' | 'report.exportBudget') => (
		<ReportDownloads
			href={(format) => `${PATH}/export?${new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(query)), tabel: table, formaat: format }).toString()}`}
			label={(format) => t(label, { format })}
		/>
	)
	return (
		<div className="container page">
			<h1>{t('report.title')}</h1>
			<p className="lead">{t('report.intro')}</p>
			<Form method="get" action={PATH} className="filter-bar report-filters">
				<fieldset>
					<legend className="visually-hidden">{t('report.filters')}</legend>
					<PeriodFields filters={filters} period={report?.period ?? null} errorOf={errorOf} />
					<FilterField name="opleiding" label={t('report.course')} error={errorOf('opleiding')}>
						<select defaultValue={filters.opleiding ?? ''}>
							<option value="">{t('report.all')}</option>
							{report?.options.courses.map((course) => (
								<option key={course.id} value={course.id}>
									{course.title}
								</option>
							))}
						</select>
					</FilterField>
					<FilterField name="thema" label={t('report.theme')} error={errorOf('thema')}>
						<select defaultValue={filters.thema ?? ''}>
							<option value="">{t('report.all')}</option>
							{report?.options.themes.map((theme) => (
								<option key={theme.slug} value={theme.slug}>
									{language === 'en' ? theme.nameEn : theme.nameNl}
								</option>
							))}
						</select>
					</FilterField>
					<button type="submit" className="button button--secondary">
						{t('report.show')}
					</button>
				</fieldset>
				<p>
					<Link to={PATH}>{t('report.reset')}</Link>
				</p>
			</Form>
			{report ? <Report report={report} t={t} language={language} exports={exports} /> : null}
		</div>
	)
}

function Report({
	report,
	t,
	language,
	exports,
}: {
	report: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['report']>
	t: TFunction
	language: string
	exports: (table: ReportTableName, label: 'report.exportMonths' | 'report.exportCourses' | 'report.exportBudget') => ReactNode
}) {
	const months = reportTable(report, 'maanden', t, language)
	const courses = reportTable(report, 'opleidingen', t, language)
	const budget = reportTable(report, 'budget', t, language)
	const period = t('report.periodShown', { from: formatMonth(report.period.fromMonth, language), to: formatMonth(report.period.toMonth, language) })
	return (
		<>
			<p>{period}</p>
			<section aria-labelledby="maanden-kop">
				<h2 id="maanden-kop">{t('report.participationByMonth')}</h2>
				{report.total.participants + report.total.cancellations + report.total.waiting === 0 ? <p className="empty-state">{t('report.empty')}</p> : null}
				<BarChart
					id="deelname"
					title={`${t('report.participationByMonth')}. ${period}`}
					description={t('report.participationChartDesc')}
					categories={report.months.map(({ month }) => month)}
					series={[
						{ name: t('report.participants'), values: report.months.map(({ figures }) => figures.participants) },
						{ name: t('report.completed'), values: report.months.map(({ figures }) => figures.completed) },
						{ name: t('report.noShows'), values: report.months.map(({ figures }) => figures.noShows) },
					]}
				/>
				<CellTable caption={t('report.participationByMonth')} table={months} name="maanden" />
				{exports('maanden', 'report.exportMonths')}
			</section>
			<section aria-labelledby="opleidingen-kop">
				<h2 id="opleidingen-kop">{t('report.byCourse')}</h2>
				{courses.rows.length === 0 ? <p className="empty-state">{t('report.empty')}</p> : <CellTable caption={t('report.byCourse')} table={courses} name="opleidingen" />}
				{courses.rows.length > 0 ? exports('opleidingen', 'report.exportCourses') : null}
			</section>
			<section aria-labelledby="budget-kop">
				<h2 id="budget-kop">{t('report.budgetTitle', { year: report.budget.year })}</h2>
				<p>{t('report.budgetIntro', { people: report.budget.people })}</p>
				<BarChart
					id="budget"
					title={t('report.budgetTitle', { year: report.budget.year })}
					description={t('report.budgetChartDesc', { year: report.budget.year })}
					categories={[String(report.budget.year)]}
					series={[
						{ name: t('report.budget'), values: [report.budget.budgetCents] },
						{ name: t('report.committed'), values: [Math.max(0, report.budget.committedCents)] },
						{ name: t('report.spent'), values: [Math.max(0, report.budget.spentCents)] },
					]}
					formatValue={(cents) => formatPrice(cents, language)}
				/>
				<CellTable caption={t('report.budgetTitle', { year: report.budget.year })} table={budget} name="budget" />
				{exports('budget', 'report.exportBudget')}
			</section>
			<p className="field__hint">{t('report.definitions', { days: report.freeCancellationDays })}</p>
		</>
	)
}
