import { FEW_RESULTS, listSearchQueryStats, type SearchQueryStat } from '@leerplein/db/catalogue'
import { can, dutchDayOf } from '@leerplein/domain'
import { inTenant, refuse, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import type { SearchQueryPeriod } from './search-query-period.ts'

/** Each list shows at most this many queries (the page sorts and pages them); the rare tail is left off. */
export const SEARCH_QUERY_LIST_LIMIT = 500

export type SearchQueriesView = { fromDay: string; few: number; asked: SearchQueryStat[]; unfound: SearchQueryStat[] }

/**
 * What people searched for over the last `period` days (today included, Dutch days), summed per
 * query: the most asked, and those that found nothing, only some words or few courses (ADR 037).
 * For the concern administrator, who keeps the synonyms they lead to; the table's row-level
 * security shows its rows to nobody else.
 */
export async function listSearchQueries(
	ctx: ServiceContext,
	{ actor, period }: { actor: Actor; period: SearchQueryPeriod },
): Promise<ServiceResult<SearchQueriesView>> {
	if (!can(actor, 'read', { kind: 'search_synonyms' })) return refuse('forbidden', 'FORBIDDEN')
	const fromDay = dutchDayOf(new Date(ctx.clock.now().getTime() - (period - 1) * 24 * 60 * 60_000))
	const page = { limit: SEARCH_QUERY_LIST_LIMIT, offset: 0 }
	return inTenant(ctx, actor, async (tx) => {
		const asked = await listSearchQueryStats(tx, { fromDay, list: 'asked', sort: 'searches', ...page })
		const unfound = await listSearchQueryStats(tx, { fromDay, list: 'unfound', sort: 'zero', ...page })
		return { fromDay, few: FEW_RESULTS, asked: asked.rows, unfound: unfound.rows }
	})
}
