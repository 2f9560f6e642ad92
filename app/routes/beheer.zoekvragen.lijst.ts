import type { LoaderFunctionArgs } from '@remix-run/node'
import { valueOrThrow } from '../core/http.server.ts'
import { CSV_TYPE, fileResponse, tableCsv } from '../core/table-files.server.ts'
import { listSearchQueries } from '../features/catalogue/list-search-queries.server.ts'
import { parseSearchQueryPeriod } from '../features/catalogue/search-query-period.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { i18next } from '../i18n/i18next.server.ts'

/** `?tabel=` names the table of /beheer/zoekvragen to download. */
const TABLES = { gezocht: 'asked', weinig: 'unfound' } as const

/** One table of the search queries page as CSV, for the same period (ADR 037: no personal data in it). */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', { kind: 'search_synonyms' })
	const url = new URL(request.url)
	const table = url.searchParams.get('tabel') ?? ''
	const t = await i18next.getFixedT(request)
	// A file route has no page to show an error on: the message itself, as text.
	if (table !== 'gezocht' && table !== 'weinig') {
		return new Response(t('errors.SEARCH_QUERY_TABLE_UNKNOWN'), { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
	}
	const { period } = parseSearchQueryPeriod(url.searchParams.get('periode'))
	const view = valueOrThrow(await listSearchQueries(context, { actor, period }))
	const header = [t('searchQueries.query'), t('searchQueries.searches'), t('searchQueries.zeroResults'), t('searchQueries.partialMatches'), t('searchQueries.lastResultCount')]
	const rows = view[TABLES[table]].map((row) => [row.query, String(row.searches), String(row.zeroResults), String(row.partialMatches), String(row.lastResultCount)])
	return fileResponse(tableCsv({ header, rows }), CSV_TYPE, `zoekvragen-${table}-${period}-dagen-vanaf-${view.fromDay}.csv`)
}
