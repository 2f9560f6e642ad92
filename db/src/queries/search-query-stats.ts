import { sql } from 'drizzle-orm'
import { selectRows, type Database } from '../client.ts'

/**
 * Counts one search of a normalised query on a Dutch day ('YYYY-MM-DD'), with how many results it
 * found and whether only some of its words matched. Through `record_search_query()` (ADR 037):
 * anyone who searches may count, nobody may write the table directly. Nothing personal is passed.
 */
export async function recordSearchQuery(
	db: Database,
	{ day, query, resultCount, partialMatch }: { day: string; query: string; resultCount: number; partialMatch: boolean },
): Promise<void> {
	await db.execute(sql`select record_search_query(${day}::date, ${query}, ${resultCount}::integer, ${partialMatch})`)
}

/** Which list: every asked query, or those that found nothing, only some words, or few results. */
export type SearchQueryList = 'asked' | 'unfound'
export type SearchQuerySort = 'searches' | 'zero' | 'query'
export const SEARCH_QUERY_SORTS: readonly SearchQuerySort[] = ['searches', 'zero', 'query']
/** A query whose last search found at most this many courses counts as "few results". */
export const FEW_RESULTS = 3

export type SearchQueryStat = { query: string; searches: number; zeroResults: number; partialMatches: number; lastResultCount: number }

/**
 * The queries asked from `fromDay` on (inclusive), summed over the days, one page of them, and how
 * many there are. Row-level security shows the rows to a concern administrator only.
 */
export async function listSearchQueryStats(
	db: Database,
	{ fromDay, list, sort, limit, offset }: { fromDay: string; list: SearchQueryList; sort: SearchQuerySort; limit: number; offset: number },
): Promise<{ total: number; rows: SearchQueryStat[] }> {
	const having =
		list === 'unfound'
			? sql`having sum(zero_results) > 0 or sum(partial_matches) > 0 or (array_agg(last_result_count order by day desc))[1] <= ${FEW_RESULTS}`
			: sql``
	const order = {
		searches: sql`searches desc, query`,
		zero: sql`zero_results desc, searches desc, query`,
		query: sql`query`,
	}[sort]
	const rows = await selectRows<{ query: string; searches: number; zero_results: number; partial_matches: number; last_result_count: number; total: number }>(
		db,
		sql`select query, sum(searches)::integer as searches, sum(zero_results)::integer as zero_results,
				sum(partial_matches)::integer as partial_matches,
				(array_agg(last_result_count order by day desc))[1] as last_result_count,
				(count(*) over ())::integer as total
			from search_query_stats
			where day >= ${fromDay}::date
			group by query
			${having}
			order by ${order}
			limit ${limit} offset ${offset}`,
	)
	const total = rows[0]?.total ?? (offset > 0 ? await countAll(db, { fromDay, list, sort, limit: 1, offset: 0 }) : 0)
	return {
		total,
		rows: rows.map((r) => ({ query: r.query, searches: r.searches, zeroResults: r.zero_results, partialMatches: r.partial_matches, lastResultCount: r.last_result_count })),
	}
}

/** A page past the end has no rows to carry the total: ask for the first row's. */
async function countAll(db: Database, input: Parameters<typeof listSearchQueryStats>[1]): Promise<number> {
	return (await listSearchQueryStats(db, input)).total
}
