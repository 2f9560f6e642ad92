/**
 * A `Link` header (RFC 8288) for a paged LTI service answer. Moodle reads the next page from a
 * header named exactly `Link`, and keeps any filter (`rlid`) in the URL it is given.
 */
export function linkHeader(pageUrl: URL, { page, pageSize, hasNext }: { page: number; pageSize: number; hasNext: boolean }): string {
	const at = (target: number) => {
		const url = new URL(pageUrl)
		url.searchParams.set('page', String(target))
		url.searchParams.set('limit', String(pageSize))
		return url.toString()
	}
	const links = [`<${at(1)}>; rel="first"`]
	if (page > 1) links.push(`<${at(page - 1)}>; rel="prev"`)
	if (hasNext) links.push(`<${at(page + 1)}>; rel="next"`)
	return links.join(', ')
}

/** `page` (1-based) and `limit` from a service URL, bounded so no caller can ask for everything at once. */
export function pageParams(url: URL, { defaultSize, maxSize }: { defaultSize: number; maxSize: number }): { page: number; pageSize: number } {
	const page = Number.parseInt(url.searchParams.get('page') ?? '1', 10)
	const limit = Number.parseInt(url.searchParams.get('limit') ?? String(defaultSize), 10)
	return {
		page: Number.isFinite(page) && page >= 1 ? page : 1,
		pageSize: Number.isFinite(limit) && limit >= 1 ? Math.min(limit, maxSize) : defaultSize,
	}
}
