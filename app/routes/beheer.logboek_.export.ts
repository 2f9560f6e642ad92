import type { LoaderFunctionArgs } from '@remix-run/node'
import { invariantResponse, valueOrThrow } from '../core/http.server.ts'
import { tableFile } from '../core/table-files.server.ts'
import { showAuditTrail, TRAIL_EXPORT_CAP } from '../features/audit/show-audit-trail.server.ts'
import { trailFiltersOf } from '../features/audit/trail-filters.ts'
import { readableRows, trailTable } from '../features/audit/trail-rows.ts'
import { auditTrailOf } from '../features/audit/trail-scope.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { i18next } from '../i18n/i18next.server.ts'

const FORMATS = ['csv', 'xlsx'] as const

/**
 * The audit trail (/beheer/logboek) with the same filters as CSV or XLSX: the newest
 * TRAIL_EXPORT_CAP rows at most; when the filters match more, the file's last line says so.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', auditTrailOf)
	const search = new URL(request.url).searchParams
	const format = search.get('formaat') ?? 'csv'
	invariantResponse((FORMATS as readonly string[]).includes(format), 400, 'EXPORT_FORMAT_UNKNOWN')
	const trail = valueOrThrow(await showAuditTrail(context, { actor, filters: trailFiltersOf(search), limit: TRAIL_EXPORT_CAP }))
	const [t, language] = await Promise.all([i18next.getFixedT(request), i18next.getLocale(request)])
	const table = trailTable(readableRows(trail.rows, t, language), t)
	if (trail.next) table.rows.push([t('auditTrail.exportCapped', { cap: TRAIL_EXPORT_CAP })])
	const day = context.clock.now().toISOString().slice(0, 10)
	return tableFile(table, format as (typeof FORMATS)[number], { name: `logboek-${day}`, sheet: 'logboek' })
}
