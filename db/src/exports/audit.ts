// @leerplein/db/audit — the audit log.
export { writeAudit } from '../queries/audit.ts'
export type { AuditEntry } from '../queries/audit.ts'
