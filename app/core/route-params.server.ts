import type { LoaderFunctionArgs } from '@remix-run/node'
import { isUuid } from '@leerplein/domain'
import type { ErrorCode } from './error-codes.ts'
import { invariantResponse } from './http.server.ts'

// The one way a page's route reads its URL parameters (issue 12). An id that is no UUID, or a
// unit slug that is no slug, cannot name a row: it is the page's own 404 ("course not found"),
// answered before any query, so nothing malformed reaches a uuid column and becomes a 500.
// Tool-facing LTI routes answer in their protocol's terms instead (features/lti/service-auth.server.ts).

type Params = LoaderFunctionArgs['params']

/** A unit's slug as it appears in a URL. */
const SLUG = /^[a-z0-9-]{1,64}$/

export function isSlug(raw: string | null | undefined): raw is string {
	return typeof raw === 'string' && SLUG.test(raw)
}

/** The route's id parameter `name` (a UUID, ADR 004), or a 404 with `notFound` as its message. */
export function idParam(params: Params, name: string, notFound: ErrorCode): string {
	const value = params[name]
	invariantResponse(isUuid(value), 404, notFound)
	return value
}

/** The route's unit slug parameter `name`, or a 404 with `notFound` as its message. */
export function slugParam(params: Params, name: string, notFound: ErrorCode): string {
	const value = params[name]
	invariantResponse(isSlug(value), 404, notFound)
	return value
}

/**
 * The row a query parameter names (`?bewerk=<id>`, `?deactiveer=<id>`) among the rows the page may
 * act on: null when the parameter is absent, a 404 with `notFound` when it names none of them, so
 * another unit's id (or any other) is never confirmed to exist.
 */
export function rowFromQuery<Row extends { id: string }>(url: URL, name: string, rows: readonly Row[], notFound: ErrorCode): Row | null {
	const id = url.searchParams.get(name)
	if (id === null) return null
	const found = rows.find((row) => row.id === id)
	invariantResponse(found, 404, notFound)
	return found
}

/** A count the page reports after a change (`?toegevoegd=3`); anything else reports none. */
export function countFromQuery(url: URL, name: string): number | null {
	const value = url.searchParams.get(name)
	return value !== null && /^\d{1,6}$/.test(value) ? Number(value) : null
}
