import type { Database } from '../client.ts'
import { auditLog } from '../schema/audit.ts'

export type AuditEntry = typeof auditLog.$inferInsert

/** Appends to the audit log. Callers pass ids and outcomes, never a token or secret. */
export async function writeAudit(db: Database, entry: AuditEntry): Promise<void> {
	await db.insert(auditLog).values(entry)
}
