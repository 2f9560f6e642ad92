import { sql } from 'drizzle-orm'
import { selectRows, type Database } from '../client.ts'
import { auditLog } from '../schema/audit.ts'

export type AuditEntry = typeof auditLog.$inferInsert

/** Appends to the audit log. Callers pass ids and outcomes, never a token or secret. */
export async function writeAudit(db: Database, entry: AuditEntry): Promise<void> {
	await db.insert(auditLog).values(entry)
}

export type DenialEntry = {
	/** What makes two refusals the same one: the caller's kind, tool and reason. */
	key: string
	windowSeconds: number
	/** When, by the service's clock. */
	at: Date
	tenantId: string | null
	actorUserId: string | null
	action: string
	objectType: string
	objectId: string | null
	origin: string | null
	requestId: string | null
	after: Record<string, unknown>
}

/**
 * A refusal in the audit log: the first of its key within the window opens a row, the others
 * raise its count and last-seen time (audit_record_denial, migration 0031). Returns the count.
 */
export async function recordDenial(db: Database, entry: DenialEntry): Promise<number> {
	const [row] = await selectRows<{ occurrences: number }>(
		db,
		sql`select audit_record_denial(${entry.key}, ${entry.windowSeconds}::integer, ${entry.at.toISOString()}::timestamptz, ${entry.tenantId}::uuid,
			${entry.actorUserId}::uuid, ${entry.action}, ${entry.objectType}, ${entry.objectId}, ${entry.origin}, ${entry.requestId}, ${JSON.stringify(entry.after)}::jsonb) as occurrences`,
	)
	return Number(row?.occurrences ?? 0)
}

/** What the audit trail filters on (ADR 049); every one optional, null is "any". */
export type AuditTrailFilters = {
	/** One unit's rows (the concern's reader only; a coordinator sees their own unit anyway). */
	tenantId: string | null
	/** Part of the actor's name or e-mail address. */
	who: string | null
	/** An action (`session.cancel`) or its group (`session`). */
	action: string | null
	/** Amsterdam days, both included, as `YYYY-MM-DD`. */
	from: string | null
	to: string | null
	objectType: string | null
	objectId: string | null
	result: 'success' | 'denied' | 'failed' | null
}

/** Where the previous page ended: its last row's time (to the microsecond, as `at_key` gives it) and id. */
export type AuditTrailCursor = { at: string; id: number }

export type AuditTrailRow = {
	id: number
	at: Date
	/** `at` to the microsecond: the cursor of the next page when this is the last row. */
	atKey: string
	tenantId: string | null
	tenantName: string | null
	actorUserId: string | null
	actorName: string | null
	actorEmail: string | null
	action: string
	objectType: string
	objectId: string | null
	result: 'success' | 'denied' | 'failed'
	origin: string | null
	requestId: string | null
	before: unknown
	after: unknown
	occurrences: number
	firstSeenAt: Date | null
	lastSeenAt: Date | null
}

/**
 * Up to `limit` rows of the audit trail, newest first, after `cursor`: for a concern
 * administrator every unit's, for a coordinator their own unit's, for anyone else none
 * (audit_trail_page, SECURITY DEFINER, migration 0063, decides; ADR 049).
 */
export async function listAuditTrail(db: Database, { filters, cursor, limit }: { filters: AuditTrailFilters; cursor: AuditTrailCursor | null; limit: number }): Promise<AuditTrailRow[]> {
	const f = filters
	const rows = await selectRows<Record<string, unknown>>(
		db,
		sql`select *, before::text as before_json, after::text as after_json from audit_trail_page(${f.tenantId}::uuid, ${f.who}::text, ${f.action}::text, ${f.from}::date, ${f.to}::date, ${f.objectType}::text,
			${f.objectId}::text, ${f.result}::text, ${cursor?.at ?? null}::timestamptz, ${cursor?.id ?? null}::bigint, ${limit}::int)`,
	)
	const date = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string | Date))
	return rows.map((row) => ({
		id: Number(row.id),
		at: date(row.at)!,
		atKey: String(row.at_key),
		tenantId: (row.tenant_id as string | null) ?? null,
		tenantName: (row.tenant_name as string | null) ?? null,
		actorUserId: (row.actor_user_id as string | null) ?? null,
		actorName: (row.actor_name as string | null) ?? null,
		actorEmail: (row.actor_email as string | null) ?? null,
		action: String(row.action),
		objectType: String(row.object_type),
		objectId: (row.object_id as string | null) ?? null,
		result: row.result as AuditTrailRow['result'],
		origin: (row.origin as string | null) ?? null,
		requestId: (row.request_id as string | null) ?? null,
		before: parseJson(row.before_json),
		after: parseJson(row.after_json),
		occurrences: Number(row.occurrences),
		firstSeenAt: date(row.first_seen_at),
		lastSeenAt: date(row.last_seen_at),
	}))
}

/** jsonb read as text, so both drivers hand back the same value (a stored JSON string stays a string). */
function parseJson(text: unknown): unknown {
	return typeof text === 'string' ? JSON.parse(text) : null
}
