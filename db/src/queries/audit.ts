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
