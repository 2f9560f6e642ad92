import type { LoaderFunctionArgs } from '@remix-run/node'
import { invariantResponse, valueOrThrow } from '../core/http.server.ts'
import { TABLE_FORMATS, tableFile, type TableFormat } from '../core/table-files.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { reportFiltersOf } from '../features/reports/report-filters.ts'
import { concernTable } from '../features/reports/report-tables.ts'
import { showConcernReport } from '../features/reports/show-concern-report.server.ts'
import { i18next } from '../i18n/i18next.server.ts'

/** The concern's report (/beheer/rapportages/concern) for the same period as CSV, XLSX or ODS: the cells the page shows. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', { kind: 'report', tenantId: null })
	const search = new URL(request.url).searchParams
	const format = search.get('formaat') ?? 'csv'
	invariantResponse((TABLE_FORMATS as readonly string[]).includes(format), 400, 'REPORT_FORMAT_UNKNOWN')
	const { van, tot } = reportFiltersOf(search)
	const report = valueOrThrow(await showConcernReport(context, { actor, filters: { van, tot } }))
	const [t, language] = await Promise.all([i18next.getFixedT(request), i18next.getLocale(request)])
	const cells = concernTable(report, t, language)
	const name = `rapportage-concern-${report.period.fromMonth}-${report.period.toMonth}`
	return tableFile(cells, format as TableFormat, { name, sheet: 'onderdelen' })
}
