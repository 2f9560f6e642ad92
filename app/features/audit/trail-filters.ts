// The audit trail's filters as the URL names them (ADR 049): a GET form, so a view of the trail is a
// link one can share with a colleague who may read the same rows. Shared by the page, its export
// and the service.

export type TrailFilters = {
	/** A unit's id (the concern administrator's choice). */
	onderdeel: string | null
	/** Part of the actor's name or e-mail address. */
	wie: string | null
	/** An action or its group (`session`). */
	actie: string | null
	/** Days, `YYYY-MM-DD`, both included. */
	van: string | null
	tot: string | null
	objecttype: string | null
	object: string | null
	resultaat: string | null
}

export const TRAIL_FILTER_NAMES = ['onderdeel', 'wie', 'actie', 'van', 'tot', 'objecttype', 'object', 'resultaat'] as const satisfies readonly (keyof TrailFilters)[]

/** An export holds at most this many rows; the file's last line says so when the filters match more. */
export const TRAIL_EXPORT_CAP = 10_000

export const AUDIT_RESULTS = ['success', 'denied', 'failed'] as const

export function trailFiltersOf(search: URLSearchParams): TrailFilters {
	const value = (name: keyof TrailFilters) => search.get(name)?.trim() || null
	return Object.fromEntries(TRAIL_FILTER_NAMES.map((name) => [name, value(name)])) as TrailFilters
}

/** The filters (and a page's cursor) as a query string, for the paging and export links. */
export function trailQuery(filters: TrailFilters, extra: Record<string, string> = {}): string {
	const entries = Object.entries(filters).filter((entry): entry is [string, string] => entry[1] !== null)
	return new URLSearchParams([...entries, ...Object.entries(extra)]).toString()
}
