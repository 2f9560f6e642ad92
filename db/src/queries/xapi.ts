import type { EnrolmentStatus } from '@leerplein/domain'
import { and, asc, desc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm'
import { selectRows, type Database } from '../client.ts'
import { courses } from '../schema/catalogue.ts'
import { enrolments, sessions } from '../schema/logistics.ts'
import { xapiClients, xapiDocuments, xapiStatements } from '../schema/xapi.ts'
import { signClaimFor } from '../tenancy.ts'

// The learning record store (ADR 039). Everything but the key look-up runs in the client's
// unit's tenant context: row-level security keeps each unit to its own statements and documents.

export type XapiClientRow = typeof xapiClients.$inferSelect
export type XapiStatementRow = typeof xapiStatements.$inferSelect
export type NewXapiStatement = typeof xapiStatements.$inferInsert
export type XapiDocumentRow = typeof xapiDocuments.$inferSelect
export type XapiDocumentKind = XapiDocumentRow['kind']

export type XapiCredential = {
	id: string
	tenantId: string
	name: string
	secretHash: string
	scopes: string[]
	active: boolean
	xapiVersion: string | null
	/** The secret before the last new one, which still opens the store until `previousSecretUntil`. */
	previousSecretHash: string | null
	previousSecretUntil: Date | null
}

/** A client by its public key, across units (signed, `xapi_client_by_key`); the caller compares the secret. */
export async function findXapiClientByKey(db: Database, { key }: { key: string }): Promise<XapiCredential | null> {
	const claim = await signClaimFor(db, ['xapi-client', key])
	const [row] = await selectRows<{ id: string; tenant_id: string; name: string; secret_hash: string; scopes: string[] | string; active: boolean; xapi_version: string | null; previous_secret_hash: string | null; previous_secret_until: Date | string | null }>(
		db,
		sql`select id, tenant_id, name, secret_hash, scopes, active, xapi_version, previous_secret_hash, previous_secret_until from xapi_client_by_key(${key}, ${claim.expiresMs}::bigint, ${claim.mac})`,
	)
	if (!row) return null
	// postgres.js under a raw select may hand an array over as its text form.
	const scopes = Array.isArray(row.scopes) ? row.scopes : row.scopes.replace(/^\{|\}$/g, '').split(',').filter(Boolean)
	return {
		id: row.id,
		tenantId: row.tenant_id,
		name: row.name,
		secretHash: row.secret_hash,
		scopes,
		active: row.active,
		xapiVersion: row.xapi_version,
		previousSecretHash: row.previous_secret_hash,
		previousSecretUntil: row.previous_secret_until === null ? null : new Date(row.previous_secret_until),
	}
}

export async function insertXapiClient(db: Database, client: typeof xapiClients.$inferInsert): Promise<XapiClientRow> {
	const [row] = await db.insert(xapiClients).values(client).returning()
	return row!
}

/** The unit's clients, newest first, with last use and volume. */
export async function listXapiClients(db: Database): Promise<XapiClientRow[]> {
	return db.select().from(xapiClients).orderBy(desc(xapiClients.createdAt))
}

/** A client was used now, and stored `statements` more. */
export async function recordXapiClientUse(db: Database, { clientId, statements, now }: { clientId: string; statements: number; now: Date }): Promise<void> {
	await db
		.update(xapiClients)
		.set({ lastUsedAt: now, statementCount: sql`${xapiClients.statementCount} + ${statements}` })
		.where(eq(xapiClients.id, clientId))
}

/** Changes a client's name, scopes, active state or version (ADR 039); the row as it was and is, or null when the unit has no such client. */
export async function updateXapiClient(
	db: Database,
	{ clientId, fields }: { clientId: string; fields: Partial<Pick<XapiClientRow, 'name' | 'scopes' | 'active' | 'xapiVersion'>> },
): Promise<{ before: XapiClientRow; after: XapiClientRow } | null> {
	const [before] = await db.select().from(xapiClients).where(eq(xapiClients.id, clientId)).for('update')
	if (!before) return null
	const [after] = await db.update(xapiClients).set(fields).where(eq(xapiClients.id, clientId)).returning()
	return { before, after: after! }
}

/** Gives a client a new secret's hash; the one it had becomes the previous, valid until `previousUntil`. Null when the unit has no such client. */
export async function renewXapiClientSecretHash(db: Database, { clientId, secretHash, previousUntil }: { clientId: string; secretHash: string; previousUntil: Date }): Promise<XapiClientRow | null> {
	const [row] = await db
		.update(xapiClients)
		.set({ previousSecretHash: sql`${xapiClients.secretHash}`, secretHash, previousSecretUntil: previousUntil })
		.where(eq(xapiClients.id, clientId))
		.returning()
	return row ?? null
}

export async function getXapiStatements(db: Database, { ids }: { ids: string[] }): Promise<XapiStatementRow[]> {
	if (ids.length === 0) return []
	return db.select().from(xapiStatements).where(inArray(xapiStatements.id, ids))
}

export async function insertXapiStatements(db: Database, rows: NewXapiStatement[]): Promise<void> {
	if (rows.length > 0) await db.insert(xapiStatements).values(rows)
}

export async function voidXapiStatements(db: Database, { ids }: { ids: string[] }): Promise<void> {
	if (ids.length > 0) await db.update(xapiStatements).set({ voided: true }).where(inArray(xapiStatements.id, ids))
}

export type XapiStatementFilter = {
	/** Only this client's statements (a client that may read only its own). */
	clientId: string | null
	agentKey: string | null
	relatedAgents: boolean
	verbId: string | null
	activityId: string | null
	relatedActivities: boolean
	registration: string | null
	since: Date | null
	until: Date | null
	ascending: boolean
	limit: number
	/** Keyset paging: after this (stored, id) in the order asked for. */
	after: { stored: Date; id: string } | null
}

/**
 * The statements matching a filter (voided ones left out), one page plus one to tell whether there
 * is more. The filters other than time and order also match a statement whose StatementRef targets
 * a matching statement, voided or not, and so on down the chain (xAPI Communication 2.1.3, "Filter
 * Conditions for StatementRefs"); since, until and the cursor apply to the statement returned.
 */
export async function queryXapiStatements(db: Database, filter: XapiStatementFilter): Promise<XapiStatementRow[]> {
	const s = xapiStatements
	const matching: SQL[] = []
	if (filter.agentKey)
		matching.push(filter.relatedAgents ? sql`${s.agentKeys} @> array[${filter.agentKey}]::text[]` : sql`(${s.actorKey} = ${filter.agentKey} or ${s.objectAgentKey} = ${filter.agentKey})`)
	if (filter.verbId) matching.push(sql`${s.verbId} = ${filter.verbId}`)
	if (filter.activityId) matching.push(filter.relatedActivities ? sql`${s.activityIds} @> array[${filter.activityId}]::text[]` : sql`${s.activityId} = ${filter.activityId}`)
	if (filter.registration) matching.push(sql`${s.registration} = ${filter.registration}`)
	const conditions: (SQL | undefined)[] = [eq(s.voided, false)]
	if (filter.clientId) conditions.push(eq(s.clientId, filter.clientId))
	// The chain is followed inside the unit (row-level security) by the (tenant, target) index.
	if (matching.length > 0)
		conditions.push(sql`${s.id} in (
			with recursive matched(id) as (
				select ${s.id} from ${s} where ${sql.join(matching, sql` and `)}
				union
				select referring.id from ${s} referring join matched on referring.target_id = matched.id
			)
			select id from matched)`)
	if (filter.since) conditions.push(gt(s.stored, filter.since))
	if (filter.until) conditions.push(sql`${s.stored} <= ${filter.until.toISOString()}::timestamptz`)
	if (filter.after) {
		const at = sql`${filter.after.stored.toISOString()}::timestamptz`
		conditions.push(filter.ascending ? sql`(${s.stored}, ${s.id}) > (${at}, ${filter.after.id}::uuid)` : sql`(${s.stored}, ${s.id}) < (${at}, ${filter.after.id}::uuid)`)
	}
	const order = filter.ascending ? [asc(s.stored), asc(s.id)] : [desc(s.stored), desc(s.id)]
	return db
		.select()
		.from(s)
		.where(and(...conditions))
		.orderBy(...order)
		.limit(filter.limit + 1)
}

export type XapiDocumentKey = { kind: XapiDocumentKind; activityId: string; agentKey: string; registration: string }

const documentScope = (key: XapiDocumentKey) =>
	and(eq(xapiDocuments.kind, key.kind), eq(xapiDocuments.activityId, key.activityId), eq(xapiDocuments.agentKey, key.agentKey), eq(xapiDocuments.registration, key.registration))

export async function getXapiDocument(db: Database, key: XapiDocumentKey & { documentId: string }): Promise<XapiDocumentRow | null> {
	const [row] = await db
		.select()
		.from(xapiDocuments)
		.where(and(documentScope(key), eq(xapiDocuments.documentId, key.documentId)))
	return row ?? null
}

/** The ids of the documents under a key, changed after `since` when given. */
export async function listXapiDocumentIds(db: Database, key: XapiDocumentKey & { since: Date | null }): Promise<string[]> {
	const rows = await db
		.select({ documentId: xapiDocuments.documentId })
		.from(xapiDocuments)
		.where(and(documentScope(key), key.since ? gt(xapiDocuments.updatedAt, key.since) : undefined))
		.orderBy(asc(xapiDocuments.documentId))
	return rows.map((row) => row.documentId)
}

export async function putXapiDocument(
	db: Database,
	document: XapiDocumentKey & { tenantId: string; documentId: string; contentType: string; content: Uint8Array; etag: string; updatedAt: Date },
): Promise<void> {
	await db
		.insert(xapiDocuments)
		.values(document)
		.onConflictDoUpdate({
			target: [xapiDocuments.tenantId, xapiDocuments.kind, xapiDocuments.activityId, xapiDocuments.agentKey, xapiDocuments.registration, xapiDocuments.documentId],
			set: { contentType: document.contentType, content: document.content, etag: document.etag, updatedAt: document.updatedAt },
		})
}

/** Deletes one document, or (without an id) every document under the key, as state's DELETE does. */
export async function deleteXapiDocuments(db: Database, key: XapiDocumentKey & { documentId: string | null }): Promise<void> {
	await db.delete(xapiDocuments).where(and(documentScope(key), key.documentId === null ? undefined : eq(xapiDocuments.documentId, key.documentId)))
}



/**
 * Every definition the unit's statements gave an activity (as object, sub-statement object or
 * context activity), each once, oldest first: the caller merges them into the canonical one.
 */
export async function xapiActivityDefinitions(db: Database, { activityId }: { activityId: string }): Promise<unknown[]> {
	const rows = await selectRows<{ definition: unknown }>(
		db,
		sql`select activity -> 'definition' as definition
			from xapi_statements s,
				lateral (
					select s.statement -> 'object' as activity
					union all select s.statement -> 'object' -> 'object'
					union all select jsonb_array_elements(list) from jsonb_each(coalesce(s.statement -> 'context' -> 'contextActivities', '{}')) as context(name, list) where jsonb_typeof(list) = 'array'
					union all select jsonb_array_elements(list) from jsonb_each(coalesce(s.statement -> 'object' -> 'context' -> 'contextActivities', '{}')) as context(name, list) where jsonb_typeof(list) = 'array'
				) as activities
			where s.activity_ids @> array[${activityId}]::text[] and activity ->> 'id' = ${activityId} and jsonb_typeof(activity -> 'definition') = 'object'
			group by activity -> 'definition'
			order by max(s.stored), min(s.id::text)`,
	)
	return rows.map((row) => (typeof row.definition === 'string' ? (JSON.parse(row.definition) as unknown) : row.definition))
}

/** The key of a unit's "Leerplein" client: the portal itself, the client of the statements it writes about its own events. */
export const leerpleinXapiClientKey = (tenantId: string) => `leerplein-${tenantId}`

/**
 * The unit's "Leerplein" client, created when first needed: inactive, no scopes, and a secret hash
 * no secret has (SHA-256 in hex is 64 characters, this is not), so basic authentication refuses it
 * even if a coordinator activates it. Runs in the unit's tenant context; a concurrent creation waits
 * and then finds the other's row.
 */
export async function ensureLeerpleinXapiClient(db: Database, { tenantId }: { tenantId: string }): Promise<{ id: string; key: string; name: string }> {
	const key = leerpleinXapiClientKey(tenantId)
	await db.insert(xapiClients).values({ tenantId, name: 'Leerplein', key, secretHash: 'none', scopes: [], active: false }).onConflictDoNothing({ target: xapiClients.key })
	const [row] = await db.select({ id: xapiClients.id, key: xapiClients.key, name: xapiClients.name }).from(xapiClients).where(eq(xapiClients.key, key))
	return row!
}

/** Stores a statement unless its id is already stored in the unit: answers whether it was new. */
export async function insertXapiStatementOnce(db: Database, row: NewXapiStatement): Promise<boolean> {
	const inserted = await db.insert(xapiStatements).values(row).onConflictDoNothing().returning({ id: xapiStatements.id })
	return inserted.length > 0
}

export type OwnEventFacts = { enrolmentId: string; tenantId: string; userId: string; sessionId: string; sessionStartsAt: Date; courseId: string; courseTitle: string }

/** What a statement about an enrolment's event names: the person, their unit, the session and its course. Read in the caller's context. */
export async function getOwnEventFacts(db: Database, { enrolmentId }: { enrolmentId: string }): Promise<OwnEventFacts | null> {
	const [row] = await db
		.select({
			enrolmentId: enrolments.id,
			tenantId: enrolments.tenantId,
			userId: enrolments.userId,
			sessionId: sessions.id,
			sessionStartsAt: sessions.startsAt,
			courseId: courses.id,
			courseTitle: courses.title,
		})
		.from(enrolments)
		.innerJoin(sessions, eq(sessions.id, enrolments.sessionId))
		.innerJoin(courses, eq(courses.id, sessions.courseId))
		.where(eq(enrolments.id, enrolmentId))
	return row ?? null
}

export type OwnCourseEnrolment = { id: string; status: EnrolmentStatus; completedNow: boolean }

/**
 * In the person's unit: their enrolments in the course's sessions, each with whether this
 * transaction completed it (`updated_at = now()`, the transaction's start, which the completing
 * update sets) — the enrolments a tool's score or completion just closed. Ordered as the LTI score
 * evidence picks the participation a score belongs to (migration 0041): the run begun most
 * recently at `at`, else the next one; declined and cancelled enrolments last.
 */
export async function listOwnCourseEnrolments(db: Database, { courseId, userId, at }: { courseId: string; userId: string; at: Date }): Promise<OwnCourseEnrolment[]> {
	const rows = await selectRows<{ id: string; status: EnrolmentStatus; completed_now: boolean }>(
		db,
		sql`select e.id, e.status, (e.status = 'completed' and e.updated_at = now()) as completed_now
			from enrolments e join sessions s on s.id = e.session_id
			where s.course_id = ${courseId}::uuid and e.user_id = ${userId}::uuid
			order by e.status in ('declined', 'cancelled'), s.starts_at <= ${at.toISOString()}::timestamptz desc, abs(extract(epoch from s.starts_at - ${at.toISOString()}::timestamptz)), e.id`,
	)
	return rows.map((row) => ({ id: row.id, status: row.status, completedNow: row.completed_now }))
}
