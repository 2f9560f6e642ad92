import { redirect } from '@remix-run/node'
import type { ErrorCode } from '../../core/error-codes.ts'
import { holdsControlCharacters } from '../../core/form.server.ts'
import type { Failure, ServiceContext } from '../../core/service.server.ts'
import type { LtiTool } from '@leerplein/db/lti'
import { auditToolDenial } from './tool-context.server.ts'
import type { z } from 'zod'

// How Leerplein answers a tool: LTI services speak OAuth-style JSON errors (`{ error,
// error_description }`, RFC 6749 §5.2 and RFC 6750 §3.1), not the portal's error page. A service's
// Failure becomes such an answer here, in one place; routes never pick a status themselves.

export type ProtocolStatus = 400 | 401 | 403 | 404 | 405 | 415 | 422 | 429

/** An LTI service error, as JSON with an OAuth-style code; thrown Responses leave resource routes as they are. */
export function serviceError(status: ProtocolStatus, error: string, description: string, headers: HeadersInit = {}): Response {
	return Response.json({ error, error_description: description }, { status, headers: { 'Cache-Control': 'no-store', ...headers } })
}

type Answer = { status: ProtocolStatus; error: string; description: string }

/** The protocol's answer to each code a tool-facing service refuses with. */
const ANSWERS: Partial<Record<ErrorCode, Answer>> = {
	LTI_LINE_ITEM_NOT_FOUND: { status: 404, error: 'not_found', description: 'no such line item' },
	// Moodle reads 422 as "this user cannot be graded here" and stops resending the score.
	LTI_NOT_A_PARTICIPANT: { status: 422, error: 'invalid_request', description: 'userId is not enrolled in this context' },
	LTI_RESOURCE_LINK_UNKNOWN: { status: 400, error: 'invalid_request', description: 'resourceLinkId is not a resource link of this tool in this context' },
	LTI_RESOURCE_LINK_NOT_FOUND: { status: 404, error: 'not_found', description: 'no such resource link in this context' },
	LTI_SCOPE_NOT_ALLOWED: { status: 400, error: 'invalid_scope', description: 'none of the requested scopes is allowed for this tool' },
	OUTBOUND_ADDRESS_REFUSED: { status: 400, error: 'invalid_client_metadata', description: 'jwks_uri must be a public https address' },
	LTI_REGISTRATION_TOKEN_INVALID: { status: 401, error: 'invalid_token', description: 'the registration token is invalid, used or expired' },
}

/** A tool-facing service's refusal as the protocol's answer; a code without its own answer is an invalid request named by its code. */
export function toolServiceError(failure: Failure): Response {
	const answer = ANSWERS[failure.code] ?? (failure.kind === 'not_found' ? { status: 404, error: 'not_found', description: failure.code } : { status: 400, error: 'invalid_request', description: failure.code })
	return serviceError(answer.status, answer.error, answer.description)
}

/** A tool-facing service's refusal, with its trail (a log line, a counted audit row), as the protocol's answer. */
export async function refusedToolCall(context: ServiceContext, { action, tool, failure }: { action: string; tool: Pick<LtiTool, 'id' | 'clientId'>; failure: Failure }): Promise<Response> {
	await auditToolDenial(context, { action, tool, reason: failure.code })
	return toolServiceError(failure)
}

/** Where a refused Deep Linking response sends the browser: a page that explains the code in the reader's language. */
export function deepLinkingRefused(code: ErrorCode, { seconds }: { seconds?: number } = {}): Response {
	return redirect(`/lti/deep-linking/mislukt?${new URLSearchParams({ reden: code, ...(seconds ? { seconden: String(seconds) } : {}) })}`, 303)
}

/** The methods an endpoint answers, as its 405 says them ("use GET, PUT or DELETE"). */
export function methodNotAllowed(allowed: readonly string[]): Response {
	const said = allowed.length === 1 ? allowed[0]! : `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)!}`
	return serviceError(405, 'invalid_request', `use ${said}`)
}

/** Reads a JSON body of the given media type (or plain JSON), refusing anything else with 415. */
export async function readJsonBody(request: Request, mediaType: string): Promise<unknown> {
	const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
	if (type !== mediaType && type !== 'application/json') throw serviceError(415, 'unsupported_media_type', `send ${mediaType}`)
	try {
		return await request.json()
	} catch {
		throw serviceError(400, 'invalid_request', 'the body is not valid JSON')
	}
}

/**
 * A known tool's JSON body (after its guard): read as the media type (readJsonBody) and parsed with
 * its protocol schema (parseToolInput); a refusal leaves the trail of every refused tool call first.
 */
export async function readToolJson<Schema extends z.ZodType>(
	request: Request,
	context: ServiceContext,
	{ action, tool, mediaType, schema }: { action: string; tool: Pick<LtiTool, 'id' | 'clientId'>; mediaType: string; schema: Schema },
): Promise<z.output<Schema>> {
	try {
		return parseToolInput(schema, await readJsonBody(request, mediaType))
	} catch (thrown) {
		if (thrown instanceof Response) {
			const answer = (await thrown.clone().json()) as { error: string; error_description: string }
			await auditToolDenial(context, { action, tool, reason: answer.error, detail: answer.error_description })
		}
		throw thrown
	}
}

/** A tool's JSON input parsed with its protocol schema, or a 400 naming every field that is wrong. */
export function parseToolInput<Schema extends z.ZodType>(schema: Schema, body: unknown, error = 'invalid_request'): z.output<Schema> {
	const parsed = readToolInput(schema, body)
	if (!parsed.ok) throw serviceError(400, error, parsed.description)
	return parsed.value
}

/** As parseToolInput, but the refusal is returned, for a caller that keeps it (Dynamic Registration). */
export function readToolInput<Schema extends z.ZodType>(schema: Schema, body: unknown): { ok: true; value: z.output<Schema> } | { ok: false; description: string } {
	// The same rule as every form (core/form.server.ts): NUL cannot be stored in a text column, and
	// no other control character belongs in a label, comment or name either (line breaks and tabs may).
	if (holdsControlCharacters(body)) return { ok: false, description: 'text must not contain control characters' }
	const parsed = schema.safeParse(body)
	if (!parsed.success) return { ok: false, description: describeIssues(parsed.error) }
	return { ok: true, value: parsed.data }
}

export function describeIssues(error: z.ZodError): string {
	return error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')
}

