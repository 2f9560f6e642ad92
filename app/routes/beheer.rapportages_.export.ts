import type { LoaderFunctionArgs } from '@remix-run/node'
import { invariantResponse, valueOrThrow } from '../core/http.server.ts'
import { TABLE_FORMATS, tableFile, type TableFormat } from '../core/table-files.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { ownUnitReport } from '../features/reports/own-unit-report.ts'
import { REPORT_TABLES, reportTable, type ReportTableName } from '../features/reports/report-tables.ts'
import { reportFiltersOf } from '../features/reports/report-filters.ts'
import { showUnitReport } from '../features/reports/show-unit-report.server.ts'
import { i18next } from '../i18n/i18next.server.ts'

/** One table of the unit's report (/beheer/rapportages) for the same filters, as CSV, XLSX or ODS: the cells the page shows (ADR 043). */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownUnitReport)
	const search = new URL(request.url).searchParams
	const format = search.get('formaat') ?? 'csv'
	const table = search.get('tabel') ?? 'maanden'
	invariantResponse((TABLE_FORMATS as readonly string[]).includes(format) && (REPORT_TABLES as readonly string[]).includes(table), 400, 'REPORT_FORMAT_UNKNOWN')
	const report = valueOrThrow(await showUnitReport(context, { actor, filters: reportFiltersOf(search) }))
	const [t, language] = await Promise.all([i18next.getFixedT(request), i18next.getLocale(request)])
	const cells = reportTable(report, table as ReportTableName, t, language)
	const name = `rapportage-${table}-${report.period.fromMonth}-${report.period.toMonth}`
	return tableFile(cells, format as TableFormat, { name, sheet: table })
}
