import { parseXapiVersion, type XapiVersion } from '@leerplein/domain'

// How the learning record store answers (ADR 039): xAPI's own protocol, for machines. Errors are
// JSON `{ error, message }` in English with the status the specification names; every answer
// carries `X-Experience-API-Version`.

export type XapiStatus = 400 | 401 | 403 | 404 | 405 | 409 | 412 | 413 | 415 | 429

/** A refusal from an xAPI service: the status the specification asks for and why. */
export type XapiFailure = { ok: false; status: XapiStatus; message: string }
export type XapiResult<T> = { ok: true; value: T } | XapiFailure

export const xapiRefuse = (status: XapiStatus, message: string): XapiFailure => ({ ok: false, status, message })

/**
 * The version the LRS answers with: the one asked for, else the newest. A request that reaches a
 * resource has named a version the store speaks (`requireXapiClient`), which names the store's own
 * version itself when it refuses one that did not.
 */
export function answeredVersion(request: Request): XapiVersion {
	return parseXapiVersion(request.headers.get('x-experience-api-version')) ?? '2.0.0'
}

export function xapiHeaders(request: Request, extra: HeadersInit = {}): Headers {
	const headers = new Headers(extra)
	if (!headers.has('X-Experience-API-Version')) headers.set('X-Experience-API-Version', answeredVersion(request))
	headers.set('Cache-Control', 'no-store')
	// Every answer of the statements resource says how far its reads are consistent, refusals too.
	if (new URL(request.url).pathname.endsWith('/statements') && !headers.has('X-Experience-API-Consistent-Through'))
		headers.set('X-Experience-API-Consistent-Through', new Date().toISOString())
	return headers
}

export function xapiError(request: Request, status: XapiStatus, message: string, extra: HeadersInit = {}): Response {
	return Response.json({ error: status, message }, { status, headers: xapiHeaders(request, extra) })
}

export function xapiFailed(request: Request, failure: XapiFailure): Response {
	return xapiError(request, failure.status, failure.message)
}

export function xapiJson(request: Request, body: unknown, { status = 200, headers = {} }: { status?: number; headers?: HeadersInit } = {}): Response {
	const all = xapiHeaders(request, headers)
	all.set('Content-Type', 'application/json; charset=utf-8')
	return new Response(JSON.stringify(body), { status, headers: all })
}

export function xapiNoContent(request: Request, headers: HeadersInit = {}): Response {
	return new Response(null, { status: 204, headers: xapiHeaders(request, headers) })
}

export function methodNotAllowed(request: Request, allowed: readonly string[]): Response {
	return xapiError(request, 405, `use ${allowed.join(', ')}`, { Allow: allowed.join(', ') })
}

/** The query's parameters, refusing any the resource does not know and any given twice (400). */
export function readParameters(request: Request, known: readonly string[]): XapiResult<Map<string, string>> {
	const url = new URL(request.url)
	const found = new Map<string, string>()
	for (const [name, value] of url.searchParams) {
		if (!known.includes(name)) return xapiRefuse(400, `unknown parameter: ${name}`)
		if (found.has(name)) return xapiRefuse(400, `parameter given twice: ${name}`)
		found.set(name, value)
	}
	return { ok: true, value: found }
}

export const mediaTypeOf = (request: Request) => (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()

/** Form fields of the alternate request syntax that stand for headers (xAPI 1.0.3 Communication 1.3). */
const HEADER_FIELDS = ['authorization', 'x-experience-api-version', 'content-type', 'content-length', 'if-match', 'if-none-match']
const ALTERNATE_METHODS = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE']

/**
 * The request a client meant when it used xAPI 1.0.3's alternate request syntax (Communication
 * 1.3, for browsers that cannot send other methods or headers across origins): a form-encoded POST
 * with `?method=` as the only query parameter; the form's header fields are headers, `content` is
 * the body (JSON unless the form names another Content-Type), every other field a query
 * parameter. xAPI 2.0 dropped the syntax: a request that speaks 2.0 (or no version) is taken as it
 * came, so its `method` parameter is refused as unknown. Any other request is returned as it is.
 */
export async function alternateRequest(request: Request): Promise<XapiResult<Request>> {
	const url = new URL(request.url)
	if (request.method !== 'POST' || !url.searchParams.has('method')) return { ok: true, value: request }
	const form = mediaTypeOf(request) === 'application/x-www-form-urlencoded' ? new URLSearchParams(await request.clone().text()) : new URLSearchParams()
	const field = (name: string) => [...form].find(([key]) => key.toLowerCase() === name)?.[1]
	const version = parseXapiVersion(field('x-experience-api-version') ?? request.headers.get('x-experience-api-version'))
	if (version !== '1.0.3') return { ok: true, value: request }
	if ([...url.searchParams.keys()].some((name) => name !== 'method')) return xapiRefuse(400, 'the alternate request syntax takes method as its only query parameter')
	const method = url.searchParams.get('method') ?? ''
	if (!ALTERNATE_METHODS.includes(method)) return xapiRefuse(400, `method must be one of ${ALTERNATE_METHODS.join(', ')}`)
	if (mediaTypeOf(request) !== 'application/x-www-form-urlencoded') return xapiRefuse(400, 'the alternate request syntax is sent as application/x-www-form-urlencoded')
	const headers = new Headers(request.headers)
	headers.delete('content-length')
	headers.set('content-type', 'application/json')
	const query = new URLSearchParams()
	let content: string | null = null
	for (const [name, value] of form) {
		const lower = name.toLowerCase()
		if (lower === 'content') content = value
		else if (lower === 'content-length') continue
		else if (HEADER_FIELDS.includes(lower)) headers.set(lower, value)
		else query.append(name, value)
	}
	const meant = new URL(url.pathname, url)
	meant.search = query.toString()
	const body = method === 'GET' || method === 'HEAD' || content === null ? null : content
	return { ok: true, value: new Request(meant, { method, headers, body }) }
}
