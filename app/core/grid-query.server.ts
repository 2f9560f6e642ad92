import { amsterdamInstant, isUuid, parsePage } from '@leerplein/domain'
import { z } from 'zod'
import { invariantResponse } from './http.server.ts'

// A grid's state lives in the query string (issue 14), so a filtered, sorted page is a link and
// works without JavaScript: `q` and the grid's filters, `sorteer` (`date`, or `-date` for
// descending) and `pagina`. A filter value that makes no sense is dropped (the grid shows
// everything for it, and the form shows it empty); a page that is not a number, or a sort the
// grid does not know, is a 400 (a broken link, not a choice someone made in the form).

/** The last value of each parameter: a sort button's value comes after the form's hidden current sort. */
function lastValues(params: URLSearchParams): Record<string, string> {
	const values: Record<string, string> = {}
	for (const [key, value] of params) values[key] = value
	return values
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

export const gridField = {
	/** Free text: trimmed, at most 100 characters, empty is absent. */
	text: z
		.string()
		.transform((value) => value.trim().slice(0, 100))
		.transform((value) => value || undefined)
		.optional()
		.catch(undefined),
	/** A calendar day, YYYY-MM-DD, that exists, between 1900 and 2999. */
	day: z
		.string()
		.refine((value) => DAY.test(value) && value >= '1900' && value < '3000' && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value))
		.optional()
		.catch(undefined),
	id: z.string().refine(isUuid).optional().catch(undefined),
	choice: <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values).optional().catch(undefined),
	/** A whole number from 0 to 3650 (days). */
	days: z.coerce.number().int().min(0).max(3650).optional().catch(undefined),
}

export type GridSort<S extends string> = { id: S; desc: boolean }

/** The instant a day begins in the Netherlands, and the instant the day after begins (for "up to and including"). */
export function startOfDay(day: string): Date {
	return amsterdamInstant(day, '00:00')
}
export function endOfDay(day: string): Date {
	const next = new Date(`${day}T00:00:00Z`)
	next.setUTCDate(next.getUTCDate() + 1)
	return amsterdamInstant(next.toISOString().slice(0, 10), '00:00')
}

/**
 * Reads a grid's query string: its filters (a zod shape whose fields fall back to absent), its
 * sort among `sorts` (else `fallback`) and its page (a 400 when it is no page number).
 */
export function readGridQuery<Shape extends z.ZodRawShape, S extends string>(
	request: Request,
	{ filters: shape, sorts, fallback }: { filters: Shape; sorts: readonly S[]; fallback: GridSort<S> },
): { filters: z.infer<z.ZodObject<Shape>>; sort: GridSort<S>; page: number; query: string } {
	const url = new URL(request.url)
	const values = lastValues(url.searchParams)
	const page = parsePage(values.pagina)
	invariantResponse(page.ok, 400, page.ok ? 'PAGE_NOT_A_NUMBER' : page.code)
	const raw = values.sorteer ?? ''
	const id = raw.replace(/^-/, '')
	invariantResponse(raw === '' || (sorts as readonly string[]).includes(id), 400, 'SORT_UNKNOWN')
	const sort = raw === '' ? fallback : { id: id as S, desc: raw.startsWith('-') }
	const filters = z.object(shape).parse(values)
	// The query without page and sort: what "select all that match" and the filter form carry.
	const query = new URLSearchParams(Object.entries(filters).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]]))).toString()
	return { filters, sort, page: page.value, query }
}

/** The same filters read back from a query string a form carried (select all that match). */
export function readGridFilters<Shape extends z.ZodRawShape>(query: string, filters: Shape): z.infer<z.ZodObject<Shape>> {
	return z.object(filters).parse(lastValues(new URLSearchParams(query)))
}
