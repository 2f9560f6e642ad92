/** The periods the search-queries page offers, in days; 30 when none or an unknown one is asked. */
export const SEARCH_QUERY_PERIODS = [7, 30, 90] as const
export type SearchQueryPeriod = (typeof SEARCH_QUERY_PERIODS)[number]
export const DEFAULT_SEARCH_QUERY_PERIOD: SearchQueryPeriod = 30

/** Reads `?periode=`: a known period, or the default and `unknown` (the page says so; never a 500). */
export function parseSearchQueryPeriod(value: string | null): { period: SearchQueryPeriod; unknown: boolean } {
	if (value === null || value.trim() === '') return { period: DEFAULT_SEARCH_QUERY_PERIOD, unknown: false }
	const known = SEARCH_QUERY_PERIODS.find((days) => String(days) === value.trim())
	return known ? { period: known, unknown: false } : { period: DEFAULT_SEARCH_QUERY_PERIOD, unknown: true }
}
