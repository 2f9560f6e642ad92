import { createHash } from 'node:crypto'
import { deleteXapiDocuments, getXapiDocument, listXapiDocumentIds, putXapiDocument, type XapiDocumentKey, type XapiDocumentKind, type XapiDocumentRow } from '@leerplein/db/xapi'
import { agentKeyOfParameter, isUuid } from '@leerplein/domain'
import { inTenant, type ServiceContext } from '../../core/service.server.ts'
import type { XapiClient } from './client-auth.server.ts'
import { xapiRefuse, type XapiFailure, type XapiResult } from './protocol.server.ts'

// The document resources (ADR 039): state, activity profile and agent profile, kept under the
// client's unit, with an ETag (SHA-1 of the content, as the specification's examples) for
// concurrency: If-Match and If-None-Match, 412 when they fail, 409 when a profile is replaced
// without either.

type Resource = { kind: XapiDocumentKind; idParameter: 'stateId' | 'profileId'; parameters: readonly string[] }

export const DOCUMENT_RESOURCES = {
	state: { kind: 'state', idParameter: 'stateId', parameters: ['activityId', 'agent', 'registration', 'stateId', 'since'] },
	activityProfile: { kind: 'activity_profile', idParameter: 'profileId', parameters: ['activityId', 'profileId', 'since'] },
	agentProfile: { kind: 'agent_profile', idParameter: 'profileId', parameters: ['agent', 'profileId', 'since'] },
} as const satisfies Record<string, Resource>

export type DocumentRequest = {
	client: XapiClient
	resource: Resource
	parameters: Map<string, string>
	method: string
	ifMatch: string | null
	ifNoneMatch: string | null
	contentType: string
	body: Uint8Array
}

export type DocumentAnswer =
	| { kind: 'document'; document: XapiDocumentRow }
	| { kind: 'ids'; ids: string[] }
	| { kind: 'stored' }

class Refused extends Error {
	constructor(readonly failure: XapiFailure) {
		super(failure.message)
	}
}

const etagOf = (content: Uint8Array) => `"${createHash('sha1').update(content).digest('hex')}"`

function keyOf({ resource, parameters }: Pick<DocumentRequest, 'resource' | 'parameters'>): XapiResult<XapiDocumentKey> {
	let agentKey = ''
	let activityId = ''
	let registration = ''
	if (resource.parameters.includes('activityId')) {
		const given = parameters.get('activityId')
		if (!given) return xapiRefuse(400, 'activityId is required')
		if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(given)) return xapiRefuse(400, 'activityId must be an IRI')
		activityId = given
	}
	if (resource.parameters.includes('agent')) {
		const given = parameters.get('agent')
		if (given === undefined) return xapiRefuse(400, 'agent is required')
		const key = agentKeyOfParameter(given)
		if (!key) return xapiRefuse(400, 'agent must be an agent as JSON, with one identifier')
		agentKey = key
	}
	if (resource.parameters.includes('registration') && parameters.has('registration')) {
		const given = parameters.get('registration')!
		if (!isUuid(given)) return xapiRefuse(400, 'registration is a UUID')
		registration = given.toLowerCase()
	}
	return { ok: true, value: { kind: resource.kind, activityId, agentKey, registration } }
}

/** GET, PUT, POST and DELETE of a document or (GET, and DELETE for state, without an id) of all under the key. */
export async function handleXapiDocument(ctx: ServiceContext, request: DocumentRequest): Promise<XapiResult<DocumentAnswer>> {
	const { client, resource, parameters, method } = request
	if (!client.scopes.includes('state')) return xapiRefuse(403, 'this client may not keep documents')
	const key = keyOf(request)
	if (!key.ok) return key
	const documentId = parameters.get(resource.idParameter) ?? null
	let since: Date | null = null
	if (parameters.has('since')) {
		if (documentId !== null) return xapiRefuse(400, `since goes with a list, not with ${resource.idParameter}`)
		since = new Date(parameters.get('since')!)
		if (Number.isNaN(since.getTime())) return xapiRefuse(400, 'since must be a timestamp')
	}
	if (documentId === null && (method === 'PUT' || method === 'POST')) return xapiRefuse(400, `${resource.idParameter} is required`)
	if (documentId === null && method === 'DELETE' && resource.kind !== 'state') return xapiRefuse(400, `${resource.idParameter} is required`)
	const now = ctx.clock.now()
	const work = async (tx: Parameters<Parameters<typeof inTenant>[2]>[0]): Promise<DocumentAnswer> => {
		if (documentId === null) {
			if (method === 'DELETE') {
				await deleteXapiDocuments(tx, { ...key.value, documentId: null })
				return { kind: 'stored' }
			}
			return { kind: 'ids', ids: await listXapiDocumentIds(tx, { ...key.value, since }) }
		}
		const existing = await getXapiDocument(tx, { ...key.value, documentId })
		if (method === 'GET' || method === 'HEAD') {
			if (!existing) throw new Refused(xapiRefuse(404, 'no such document'))
			return { kind: 'document', document: existing }
		}
		const preconditioned = checkPreconditions(request, existing)
		if (preconditioned) throw new Refused(preconditioned)
		if (method === 'DELETE') {
			await deleteXapiDocuments(tx, { ...key.value, documentId })
			return { kind: 'stored' }
		}
		let content = request.body
		let contentType = request.contentType || 'application/octet-stream'
		if (method === 'POST') {
			const incoming = jsonObject(request.body, request.contentType)
			if (!incoming) throw new Refused(xapiRefuse(400, 'POST merges a JSON object; send application/json'))
			if (existing) {
				const current = jsonObject(existing.content, existing.contentType)
				if (!current) throw new Refused(xapiRefuse(400, 'the stored document is not a JSON object, so it cannot be merged'))
				content = new TextEncoder().encode(JSON.stringify({ ...current, ...incoming }))
				contentType = 'application/json'
			}
		}
		await putXapiDocument(tx, { ...key.value, tenantId: client.tenantId, documentId, contentType, content, etag: etagOf(content), updatedAt: now })
		return { kind: 'stored' }
	}
	const done = await inTenant(ctx, client, work, { readOnly: method === 'GET' || method === 'HEAD' }).catch((error: unknown) => {
		if (error instanceof Refused) return error.failure
		throw error
	})
	if (!done.ok) return 'status' in done ? done : xapiRefuse(403, 'refused')
	return { ok: true, value: done.value }
}

function checkPreconditions({ method, ifMatch, ifNoneMatch, resource, client }: DocumentRequest, existing: XapiDocumentRow | null): XapiFailure | null {
	if (ifMatch !== null) {
		const tags = ifMatch.split(',').map((tag) => tag.trim())
		if (!existing || !(tags.includes('*') || tags.includes(existing.etag))) return xapiRefuse(412, 'the document has changed (If-Match)')
	}
	if (ifNoneMatch !== null) {
		const tags = ifNoneMatch.split(',').map((tag) => tag.trim())
		if (existing && (tags.includes('*') || tags.includes(existing.etag))) return xapiRefuse(412, 'the document exists (If-None-Match)')
	}
	// Replacing a profile (and, from 2.0, any document) needs a precondition when one exists.
	const needsPrecondition = method === 'PUT' && (resource.kind !== 'state' || client.version === '2.0.0')
	if (needsPrecondition && ifMatch === null && ifNoneMatch === null) {
		if (existing) return xapiRefuse(409, 'the document exists: send If-Match with its ETag, or If-None-Match: *')
		// xAPI 1.0.3 asks a profile's PUT for a precondition even when nothing is stored yet.
		if (client.version === '1.0.3') return xapiRefuse(400, 'send If-None-Match: * to create a profile, or If-Match with its ETag to replace it')
	}
	return null
}

function jsonObject(content: Uint8Array, contentType: string): Record<string, unknown> | null {
	if (!contentType.toLowerCase().startsWith('application/json')) return null
	try {
		const value: unknown = JSON.parse(new TextDecoder().decode(content))
		return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null
	} catch {
		return null
	}
}
