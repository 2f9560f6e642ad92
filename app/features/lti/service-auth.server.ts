import { getToolAccess, type LtiTool } from '@leerplein/db'
import { isUuid, scopesCover, type LtiScope } from '@leerplein/domain'
import { readAccessToken } from '@leerplein/moodle'
import { decodeProtectedHeader } from 'jose'
import type { LeerpleinContext } from '../../load-context.ts'
import { platformIssuer, platformPublicKeys } from './platform.server.ts'

/** A tool allowed to act on one course: its registration and the unit providing the course. */
export type ToolAccess = { tool: LtiTool; toolId: string; tenantId: string; courseId: string; scopes: string[]; issuer: string }

/** An LTI service error, as JSON with an OAuth-style code; thrown Responses leave resource routes as they are. */
export function serviceError(status: 400 | 401 | 403 | 404 | 405 | 415 | 422, error: string, description: string, headers: HeadersInit = {}): Response {
	return Response.json({ error, error_description: description }, { status, headers: { 'Cache-Control': 'no-store', ...headers } })
}

const bearerChallenge = (error: string) => ({ 'WWW-Authenticate': `Bearer error="${error}"` })

/**
 * The guard of every LTI service endpoint: a bearer token Leerplein issued, still valid, with one
 * of the scopes the endpoint accepts, of an active tool that serves this course (it has a resource
 * linked there). Another tool's course answers 404, so course ids cannot be probed.
 */
export async function requireToolAccess(
	request: Request,
	context: LeerpleinContext,
	{ courseId, anyOf }: { courseId: string | undefined; anyOf: readonly LtiScope[] },
	now = new Date(),
): Promise<ToolAccess> {
	const header = request.headers.get('authorization') ?? ''
	const match = /^Bearer\s+(\S+)$/i.exec(header)
	if (!match) throw serviceError(401, 'invalid_token', 'a bearer access token from the token endpoint is required', bearerChallenge('invalid_token'))
	const token = match[1]!
	const issuer = platformIssuer(context, request)
	let keys = await platformPublicKeys(context.db)
	// A key rotated in by another process since our last read: read the keys once more.
	if (!keys.some((key) => key.kid === kidOf(token))) keys = await platformPublicKeys(context.db, { refresh: true })
	const access = await readAccessToken(token, keys, { issuer, now })
	if (!access) throw serviceError(401, 'invalid_token', 'the access token is invalid or has expired', bearerChallenge('invalid_token'))
	if (!scopesCover(access.scopes, anyOf))
		throw serviceError(403, 'insufficient_scope', `this endpoint needs one of: ${anyOf.join(' ')}`, bearerChallenge('insufficient_scope'))
	const found = await toolAccessOf(context, { toolId: access.toolId, courseId: isUuid(courseId) ? courseId : null }, now)
	if (!found || !found.tool.active) throw serviceError(401, 'invalid_token', 'the tool of this token is no longer registered', bearerChallenge('invalid_token'))
	if (!isUuid(courseId)) throw serviceError(404, 'not_found', 'no such context')
	if (!found.providerTenantId) throw serviceError(404, 'not_found', 'no such context for this tool')
	return { tool: found.tool, toolId: found.tool.id, tenantId: found.providerTenantId, courseId, scopes: access.scopes, issuer }
}

/**
 * A tool's registration and the course's provider, remembered for a second: Moodle's sync sends a
 * course's scores in a burst with one token, and this look-up was a third of each score's
 * statements. A change to a tool (deactivation above all) reaches this process at once
 * (forgetToolAccess) and every other process within that second.
 */
const TOOL_ACCESS_MEMO_MS = 1000
const toolAccessMemo = new Map<string, { at: number; found: Promise<Awaited<ReturnType<typeof getToolAccess>>> }>()

function toolAccessOf(context: LeerpleinContext, key: { toolId: string; courseId: string | null }, now: Date) {
	const memoKey = `${key.toolId}|${key.courseId ?? ''}`
	const memo = toolAccessMemo.get(memoKey)
	if (memo && now.getTime() - memo.at < TOOL_ACCESS_MEMO_MS) return memo.found
	if (toolAccessMemo.size >= 1000) toolAccessMemo.clear()
	const found = getToolAccess(context.db, key)
	toolAccessMemo.set(memoKey, { at: now.getTime(), found })
	found.catch(() => toolAccessMemo.delete(memoKey))
	return found
}

/** After a tool or its online parts change in this process: the next call reads them again. */
export function forgetToolAccess(): void {
	toolAccessMemo.clear()
}

function kidOf(token: string): string | undefined {
	try {
		return decodeProtectedHeader(token).kid
	} catch {
		return undefined
	}
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
