import { acceptedLanguages } from '@leerplein/domain'
import type { LeerpleinContext } from '../../load-context.ts'
import type { XapiClient } from './client-auth.server.ts'
import { DOCUMENT_RESOURCES, handleXapiDocument } from './documents.server.ts'
import { readMultipartStatements, writeMultipart } from './multipart.server.ts'
import { mediaTypeOf, readParameters, xapiError, xapiFailed, xapiHeaders, xapiJson, xapiNoContent } from './protocol.server.ts'
import { readXapiStatements, storeXapiStatements, STATEMENT_PARAMETERS, type Attachment } from './statements.server.ts'

// The xAPI routes' one step after the guard: read the request, call the service, answer in the
// protocol (ADR 039). Routes stay thin: guard, then one of these.

async function readStatementsBody(request: Request): Promise<{ ok: true; statements: unknown; attachments: Attachment[] } | { ok: false; answer: Response }> {
	const type = mediaTypeOf(request)
	const body = Buffer.from(await request.arrayBuffer())
	if (type === 'multipart/mixed') {
		const read = readMultipartStatements(body, request.headers.get('content-type') ?? '')
		return read.ok ? { ok: true, ...read.value } : { ok: false, answer: xapiFailed(request, read) }
	}
	if (type !== 'application/json') return { ok: false, answer: xapiError(request, 400, 'send statements as application/json or multipart/mixed') }
	try {
		return { ok: true, statements: JSON.parse(body.toString('utf8')), attachments: [] }
	} catch {
		return { ok: false, answer: xapiError(request, 400, 'the body is not JSON') }
	}
}

export async function answerStatements(request: Request, context: LeerpleinContext, client: XapiClient): Promise<Response> {
	const parameters = readParameters(request, request.method === 'PUT' ? ['statementId'] : request.method === 'POST' ? [] : STATEMENT_PARAMETERS)
	if (!parameters.ok) return xapiFailed(request, parameters)
	if (request.method === 'PUT' || request.method === 'POST') {
		const statementId = request.method === 'PUT' ? (parameters.value.get('statementId') ?? null) : null
		if (request.method === 'PUT' && statementId === null) return xapiError(request, 400, 'PUT needs the statementId parameter')
		const body = await readStatementsBody(request)
		if (!body.ok) return body.answer
		const stored = await storeXapiStatements(context, { client, statements: body.statements, statementId, attachments: body.attachments })
		if (!stored.ok) return xapiFailed(request, stored)
		return request.method === 'PUT' ? xapiNoContent(request) : xapiJson(request, stored.value)
	}
	const path = new URL(request.url).pathname
	const read = await readXapiStatements(context, { client, parameters: parameters.value, path, languages: acceptedLanguages(request.headers.get('accept-language')) })
	if (!read.ok) return xapiFailed(request, read)
	const consistent = { 'X-Experience-API-Consistent-Through': context.clock.now().toISOString() }
	const answer = read.value
	const json = answer.kind === 'one' ? answer.statement : { statements: answer.statements, more: answer.more }
	const lastModified: Record<string, string> = answer.kind === 'one' ? { 'Last-Modified': answer.stored.toUTCString() } : {}
	if (parameters.value.get('attachments') === 'true') {
		const multipart = writeMultipart(json, answer.attachments)
		return new Response(new Uint8Array(multipart.body), { headers: xapiHeaders(request, { ...consistent, ...lastModified, 'Content-Type': multipart.contentType }) })
	}
	return xapiJson(request, json, { headers: { ...consistent, ...lastModified } })
}

export async function answerDocument(request: Request, context: LeerpleinContext, client: XapiClient, which: keyof typeof DOCUMENT_RESOURCES): Promise<Response> {
	const resource = DOCUMENT_RESOURCES[which]
	const parameters = readParameters(request, resource.parameters)
	if (!parameters.ok) return xapiFailed(request, parameters)
	const body = request.method === 'PUT' || request.method === 'POST' ? new Uint8Array(await request.arrayBuffer()) : new Uint8Array()
	const done = await handleXapiDocument(context, {
		client,
		resource,
		parameters: parameters.value,
		method: request.method,
		ifMatch: request.headers.get('if-match'),
		ifNoneMatch: request.headers.get('if-none-match'),
		contentType: request.headers.get('content-type') ?? '',
		body,
	})
	if (!done.ok) return xapiFailed(request, done)
	const answer = done.value
	if (answer.kind === 'stored') return xapiNoContent(request)
	if (answer.kind === 'ids') return xapiJson(request, answer.ids)
	const { document } = answer
	return new Response(new Uint8Array(document.content), {
		headers: xapiHeaders(request, { 'Content-Type': document.contentType, ETag: document.etag, 'Last-Modified': document.updatedAt.toUTCString() }),
	})
}
