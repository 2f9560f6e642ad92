import type { LoaderFunctionArgs } from '@remix-run/node'
import { invariantResponse, valueOrThrow } from '../core/http.server.ts'
import { CSV_TYPE, fileResponse, ODS_TYPE, tableCsv, tableOds, tableXlsx, XLSX_TYPE } from '../core/table-files.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { reportFiltersOf } from '../features/reports/report-filters.ts'
import { concernTable } from '../features/reports/report-tables.ts'
import { showConcernReport } from '../features/reports/show-concern-report.server.ts'
import { i18next } from '../i18n/i18next.server.ts'

const FORMATS = ['csv', 'xlsx', 'ods'] as const

/** The concern's report (/beheer/rapportages/concern) for the same period as CSV, XLSX or ODS: the cells the page shows. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', { kind: 'report', tenantId: null })
	const search = new URL(request.url).searchParams
	const format = search.get('formaat') ?? 'csv'
	invariantResponse((FORMATS as readonly string[]).includes(format), 400, 'REPORT_FORMAT_UNKNOWN')
	const { van, tot } = reportFiltersOf(search)
	const report = valueOrThrow(await showConcernReport(context, { actor, filters: { van, tot } }))
	const [t, language] = await Promise.all([i18next.getFixedT(request), i18next.getLocale(request)])
	const cells = concernTable(report, t, language)
	const name = `rapportage-concern-${report.period.fromMonth}-${report.period.toMonth}`
	if (format === 'xlsx') return fileResponse(new Uint8Array(await tableXlsx(cells, 'onderdelen')), XLSX_TYPE, `${name}.xlsx`)
	if (format === 'ods') return fileResponse(new Uint8Array(tableOds(cells, 'onderdelen')), ODS_TYPE, `${name}.ods`)
	return fileResponse(tableCsv(cells), CSV_TYPE, `${name}.csv`)
}
