// The report's filters as the URL names them (ADR 043), shared by the page and its service.

/** The filters as the URL names them (a GET form, so a report is a link one can share within the unit). */
export type ReportFilters = { van: string | null; tot: string | null; opleiding: string | null; thema: string | null }

export function reportFiltersOf(search: URLSearchParams): ReportFilters {
	const value = (name: string) => search.get(name)?.trim() || null
	return { van: value('van'), tot: value('tot'), opleiding: value('opleiding'), thema: value('thema') }
}

/** The same filters as a query string, for the export links. */
export function reportQuery(filters: ReportFilters): string {
	return new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => entry[1] !== null)).toString()
}
