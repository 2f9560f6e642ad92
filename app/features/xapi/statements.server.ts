import { randomUUID, verify, X509Certificate } from 'node:crypto'
import {
	getXapiStatements,
	insertXapiStatements,
	queueXapiRuleEvaluation,
	queryXapiStatements,
	recordXapiClientUse,
	voidXapiStatements,
	type NewXapiStatement,
	type XapiStatementRow,
} from '@leerplein/db/xapi'
import { agentKeyOfParameter, checkSignature, checkStatement, completeStatement, formatStatement, indexStatement, isUuid, isVoiding, normalizeStatement, sameStatement, XAPI_SIGNATURE, type XapiVersion } from '@leerplein/domain'
import { inTenant, type ServiceContext } from '../../core/service.server.ts'
import type { XapiClient } from './client-auth.server.ts'
import { withdrawEvidenceOfVoided } from './evidence-rules.server.ts'
import { weighXapiRulesSoon } from './rule-backlog.server.ts'
import { withXapiPeople } from './people.server.ts'
import { xapiRefuse, type XapiFailure, type XapiResult } from './protocol.server.ts'

// The statements resource (ADR 039): stored under the client's unit, immutable, voided only by a
// voiding statement of the same unit. Each call is one transaction in the client's tenant context.

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

class Refused extends Error {
	constructor(readonly failure: XapiFailure) {
		super(failure.message)
	}
}

/** The authority of everything a client stores: the client itself, as an account of the portal. */
export function authorityOf(client: XapiClient, publicOrigin: string): Json {
	return { objectType: 'Agent', name: client.name, account: { homePage: `${publicOrigin}/xapi/clients`, name: client.key } }
}

export type Attachment = { sha2: string; contentType: string; content: Uint8Array }

/**
 * Stores statements (POST: one or an array; PUT: one, with its id from the query). A statement
 * whose id is already stored is accepted when it is the same statement and refused (409) when not.
 * Answers the ids in the order sent.
 */
export async function storeXapiStatements(
	ctx: ServiceContext & { config: { publicOrigin: string } },
	{ client, statements, statementId = null, attachments = [] }: { client: XapiClient; statements: unknown; statementId?: string | null; attachments?: Attachment[] },
): Promise<XapiResult<string[]>> {
	if (!client.scopes.includes('statements/write')) return xapiRefuse(403, 'this client may not write statements')
	const list = Array.isArray(statements) ? statements : [statements]
	if (list.length === 0) return xapiRefuse(400, 'send at least one statement')
	if (statementId !== null && (Array.isArray(statements) || !isObject(statements))) return xapiRefuse(400, 'PUT takes one statement')
	const now = ctx.clock.now()
	const authority = authorityOf(client, ctx.config.publicOrigin)
	const declared = new Set(list.flatMap((statement) => (isObject(statement) ? [...hashesOf(statement)] : [])))
	const undeclared = attachments.find((attachment) => !declared.has(attachment.sha2))
	if (undeclared) return xapiRefuse(400, `attachment ${undeclared.sha2} is sent but no statement declares it`)
	const prepared: { row: NewXapiStatement; sent: Json; voids: string | null }[] = []
	const seen = new Set<string>()
	for (const raw of list) {
		if (!isObject(raw)) return xapiRefuse(400, 'a statement must be a JSON object')
		const statement = normalizeStatement(raw)
		const checked = checkStatement(statement, client.version)
		if (!checked.ok) return xapiRefuse(400, checked.message)
		if (statementId !== null) {
			if (statement.id !== undefined && String(statement.id).toLowerCase() !== statementId.toLowerCase()) return xapiRefuse(400, 'the statement id differs from the statementId parameter')
		}
		const id = (typeof statement.id === 'string' ? statement.id : (statementId ?? randomUUID())).toLowerCase()
		if (seen.has(id)) return xapiRefuse(400, `statement id ${id} is sent twice`)
		seen.add(id)
		const attachmentsOk = checkAttachments(statement, attachments)
		if (!attachmentsOk.ok) return attachmentsOk
		const signed = checkSignatures(statement, attachments)
		if (!signed.ok) return signed
		const complete = completeStatement({ ...statement }, { id, stored: now, authority, version: client.version })
		const index = indexStatement(complete)
		const mine = hashesOf(complete)
		prepared.push({
			sent: statement,
			voids: isVoiding(complete) ? index.targetId : null,
			row: {
				tenantId: client.tenantId,
				id,
				clientId: client.clientId,
				statement: complete,
				...index,
				stored: now,
				timestamp: new Date(String(complete.timestamp)),
				authority,
				attachments: attachments.filter((attachment) => mine.has(attachment.sha2)).map((attachment) => ({ sha2: attachment.sha2, contentType: attachment.contentType, base64: Buffer.from(attachment.content).toString('base64') })),
			},
		})
	}
	const result = await inTenant(ctx, client, async (tx) => {
		const existing = new Map((await getXapiStatements(tx, { ids: prepared.map((entry) => entry.row.id) })).map((row) => [row.id, row]))
		const fresh = prepared.filter((entry) => {
			const stored = existing.get(entry.row.id)
			if (!stored) return true
			if (!sameStatement(stored.statement, entry.sent)) throw new Refused(xapiRefuse(409, `statement ${entry.row.id} is already stored, and differs`))
			return false
		})
		// A voiding statement may not target a voiding statement (one stored, or one in this batch).
		const targets = fresh.flatMap((entry) => (entry.voids ? [entry.voids] : []))
		const targetRows = await getXapiStatements(tx, { ids: targets })
		const voidingIds = new Set([...targetRows.filter((row) => row.verbId === 'http://adlnet.gov/expapi/verbs/voided').map((row) => row.id), ...prepared.filter((entry) => entry.voids).map((entry) => entry.row.id)])
		if (targets.some((target) => voidingIds.has(target))) throw new Refused(xapiRefuse(400, 'a voiding statement cannot void another voiding statement'))
		// Each with the employee its actor names, when known (people.server.ts; one look-up per batch).
		const rows = await withXapiPeople(tx, client, fresh.map((entry) => entry.row))
		await insertXapiStatements(tx, rows)
		await voidXapiStatements(tx, { ids: targets })
		// Evidence that rested on a voided statement is weighed again without it (ADR 039).
		await withdrawEvidenceOfVoided(tx, { tenantId: client.tenantId, voidedIds: targets, now })
		// Statements that count: the batch's people go on the unit's backlog with the statements, and
		// are weighed by the unit's active rules right after the answer (rule-backlog.server.ts).
		const queued = await queueXapiRuleEvaluation(tx, { tenantId: client.tenantId, personIds: [...new Set(rows.flatMap((row) => (row.personId ? [row.personId] : [])))], now })
		await recordXapiClientUse(tx, { clientId: client.clientId, statements: fresh.length, now })
		return { ids: prepared.map((entry) => entry.row.id), queued }
	})
		.catch((error: unknown) => {
			if (error instanceof Refused) return error.failure
			throw error
		})
	if (!result.ok) return 'status' in result ? result : xapiRefuse(403, 'refused')
	if (result.value.queued > 0) void weighXapiRulesSoon(ctx, { tenantId: client.tenantId })
	return { ok: true, value: result.value.ids }
}

function hashesOf(statement: Json): Set<string> {
	const list = Array.isArray(statement.attachments) ? statement.attachments : []
	return new Set(list.flatMap((attachment) => (isObject(attachment) && typeof attachment.sha2 === 'string' ? [attachment.sha2] : [])))
}

/** Every attachment declared without a fileUrl must come in the request's parts, by its hash. */
function checkAttachments(statement: Json, attachments: Attachment[]): XapiResult<null> {
	const declared = Array.isArray(statement.attachments) ? statement.attachments.filter(isObject) : []
	const sent = new Set(attachments.map((attachment) => attachment.sha2))
	for (const attachment of declared) {
		if (typeof attachment.fileUrl === 'string') continue
		if (!sent.has(String(attachment.sha2))) return xapiRefuse(400, `attachment ${String(attachment.sha2)} is declared but not sent`)
	}
	return { ok: true, value: null }
}

/** Each signature attachment must hold a JWS of the statement (xAPI Data 2.6). */
function checkSignatures(statement: Json, attachments: Attachment[]): XapiResult<null> {
	const declared = Array.isArray(statement.attachments) ? statement.attachments.filter(isObject) : []
	for (const attachment of declared.filter((candidate) => candidate.usageType === XAPI_SIGNATURE)) {
		if (attachment.contentType !== 'application/octet-stream') return xapiRefuse(400, 'a signature attachment is application/octet-stream')
		const content = attachments.find((candidate) => candidate.sha2 === String(attachment.sha2).toLowerCase())
		if (!content) return xapiRefuse(400, 'the signature is declared but not sent')
		const jws = Buffer.from(content.content).toString('utf8').trim()
		const checked = checkSignature(statement, jws, (part) => Buffer.from(part, 'base64url').toString('utf8'))
		if (!checked.ok) return xapiRefuse(400, checked.message)
		const verified = verifyWithCertificate(jws)
		if (!verified.ok) return verified
	}
	return { ok: true, value: null }
}

/**
 * A JWS whose header carries a certificate (`x5c`) must verify against that certificate's key
 * (xAPI Data 2.6: "If the JWS header includes an X.509 certificate, validate the signature
 * against that certificate as defined in JWS"): a forged or altered signature is refused. Whether
 * the signer is to be trusted (the chain up to an authority) is the reader's to decide; without a
 * certificate there is no key to verify with, and only the form is checked.
 */
function verifyWithCertificate(jws: string): XapiResult<null> {
	const [header, payload, signature] = jws.split('.') as [string, string, string]
	const { alg, x5c } = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg: string; x5c?: unknown }
	if (x5c === undefined) return { ok: true, value: null }
	if (!Array.isArray(x5c) || typeof x5c[0] !== 'string') return xapiRefuse(400, 'x5c must be an array of base64 certificates')
	let certificate: X509Certificate
	try {
		certificate = new X509Certificate(Buffer.from(x5c[0], 'base64'))
	} catch {
		return xapiRefuse(400, 'the first certificate of x5c is not an X.509 certificate')
	}
	const hash = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' }[alg]!
	let valid = false
	try {
		valid = verify(hash, Buffer.from(`${header}.${payload}`), certificate.publicKey, Buffer.from(signature, 'base64url'))
	} catch {
		// A key that cannot make an RS signature (an EC certificate with alg RS256) verifies nothing.
	}
	return valid ? { ok: true, value: null } : xapiRefuse(400, 'the signature does not verify against the certificate in its x5c header')
}

export const STATEMENT_PARAMETERS = [
	'statementId',
	'voidedStatementId',
	'agent',
	'verb',
	'activity',
	'registration',
	'related_activities',
	'related_agents',
	'since',
	'until',
	'limit',
	'format',
	'attachments',
	'ascending',
	'cursor',
] as const

const PAGE_LIMIT = 100

export type StatementAnswer =
	| { kind: 'one'; statement: Json; stored: Date; attachments: XapiStatementRow['attachments'] }
	| { kind: 'list'; statements: Json[]; more: string; attachments: XapiStatementRow['attachments'] }

const flag = (value: string | undefined): XapiResult<boolean> =>
	value === undefined || value === 'false' ? { ok: true, value: false } : value === 'true' ? { ok: true, value: true } : xapiRefuse(400, 'a flag is true or false')

function moment(value: string | undefined, name: string): XapiResult<Date | null> {
	if (value === undefined) return { ok: true, value: null }
	const date = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value) ? new Date(value) : new Date(Number.NaN)
	return Number.isNaN(date.getTime()) ? xapiRefuse(400, `${name} must be an ISO 8601 timestamp with a time zone`) : { ok: true, value: date }
}

/** GET /statements: one by id (or voided id), or a filtered page with `more`. */
export async function readXapiStatements(
	ctx: ServiceContext,
	{ client, parameters, path, languages }: { client: XapiClient; parameters: Map<string, string>; path: string; languages: string[] },
): Promise<XapiResult<StatementAnswer>> {
	const readsAll = client.scopes.includes('statements/read')
	if (!readsAll && !client.scopes.includes('statements/read/mine')) return xapiRefuse(403, 'this client may not read statements')
	const ownOnly = readsAll ? null : client.clientId
	const get = (name: (typeof STATEMENT_PARAMETERS)[number]) => parameters.get(name)
	const format = get('format') ?? 'exact'
	if (format !== 'exact' && format !== 'ids' && format !== 'canonical') return xapiRefuse(400, 'format is ids, exact or canonical')
	const withAttachments = flag(get('attachments'))
	if (!withAttachments.ok) return withAttachments
	const single = get('statementId') ?? get('voidedStatementId')
	if (single !== undefined) {
		const others = [...parameters.keys()].filter((name) => !['statementId', 'voidedStatementId', 'format', 'attachments'].includes(name))
		if (others.length > 0 || (get('statementId') !== undefined && get('voidedStatementId') !== undefined)) return xapiRefuse(400, 'statementId and voidedStatementId take no other filters')
		if (!isUuid(single)) return xapiRefuse(400, 'a statement id is a UUID')
		const wantsVoided = get('voidedStatementId') !== undefined
		const found = await inTenant(ctx, client, (tx) => getXapiStatements(tx, { ids: [single.toLowerCase()] }), { readOnly: true })
		if (!found.ok) return xapiRefuse(404, 'no such statement')
		const row = found.value[0]
		if (!row || row.voided !== wantsVoided || (ownOnly && row.clientId !== ownOnly)) return xapiRefuse(404, 'no such statement')
		return { ok: true, value: { kind: 'one', statement: formatStatement(row.statement, format, languages), stored: row.stored, attachments: withAttachments.value ? row.attachments : [] } }
	}
	const relatedAgents = flag(get('related_agents'))
	const relatedActivities = flag(get('related_activities'))
	const ascending = flag(get('ascending'))
	const since = moment(get('since'), 'since')
	const until = moment(get('until'), 'until')
	for (const checked of [relatedAgents, relatedActivities, ascending, since, until]) if (!checked.ok) return checked
	let agent: string | null = null
	if (get('agent') !== undefined) {
		agent = agentKeyOfParameter(get('agent')!)
		if (!agent) return xapiRefuse(400, 'agent must be an agent or identified group as JSON')
	}
	const registration = get('registration')
	if (registration !== undefined && !isUuid(registration)) return xapiRefuse(400, 'registration is a UUID')
	const limitText = get('limit') ?? '0'
	if (!/^\d+$/.test(limitText)) return xapiRefuse(400, 'limit is a whole number')
	const limit = Number(limitText) === 0 ? PAGE_LIMIT : Math.min(Number(limitText), PAGE_LIMIT)
	let after: { stored: Date; id: string } | null = null
	const cursor = get('cursor')
	if (cursor !== undefined) {
		const [storedText, id] = cursor.split('_')
		const stored = new Date(storedText ?? '')
		if (!id || !isUuid(id) || Number.isNaN(stored.getTime())) return xapiRefuse(400, 'cursor is not one this store gave')
		after = { stored, id }
	}
	const filter = {
		clientId: ownOnly,
		agentKey: agent,
		relatedAgents: (relatedAgents as { value: boolean }).value,
		verbId: get('verb') ?? null,
		activityId: get('activity') ?? null,
		relatedActivities: (relatedActivities as { value: boolean }).value,
		registration: registration?.toLowerCase() ?? null,
		since: (since as { value: Date | null }).value,
		until: (until as { value: Date | null }).value,
		ascending: (ascending as { value: boolean }).value,
		limit,
		after,
	}
	const found = await inTenant(ctx, client, (tx) => queryXapiStatements(tx, filter), { readOnly: true })
	if (!found.ok) return xapiRefuse(400, 'the statements could not be read')
	const page = found.value.slice(0, limit)
	let more = ''
	if (found.value.length > limit) {
		const last = page.at(-1)!
		const next = new URLSearchParams([...parameters].filter(([name]) => name !== 'cursor'))
		next.set('cursor', `${last.stored.toISOString()}_${last.id}`)
		more = `${path}?${next}`
	}
	return {
		ok: true,
		value: {
			kind: 'list',
			statements: page.map((row) => formatStatement(row.statement, format, languages)),
			more,
			attachments: withAttachments.value ? page.flatMap((row) => row.attachments) : [],
		},
	}
}

export type { XapiVersion }
