import { parseXapiVersion, type XapiVersion } from '@leerplein/domain'

// How the learning record store answers (ADR 039): xAPI's own protocol, for machines. Errors are
// JSON `{ error, message }` in English with the status the specification names; every answer
// carries `X-Experience-API-Version`.

export type XapiStatus = 400 | 401 | 403 | 404 | 405 | 409 | 412 | 413 | 415 | 429

/** A refusal from an xAPI service: the status the specification asks for and why. */
export type XapiFailure = { ok: false; status: XapiStatus; message: string }
export type XapiResult<T> = { ok: true; value: T } | XapiFailure

export const xapiRefuse = (status: XapiStatus, message: string): XapiFailure => ({ ok: false, status, message })

/** The version the LRS answers with: the one asked for, else the newest. */
export function answeredVersion(request: Request): XapiVersion {
	return parseXapiVersion(request.headers.get('x-experience-api-version')) ?? '2.0.0'
}

export function xapiHeaders(request: Request, extra: HeadersInit = {}): Headers {
	const headers = new Headers(extra)
	headers.set('X-Experience-API-Version', answeredVersion(request))
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
