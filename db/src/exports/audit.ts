// @leerplein/db/audit — the audit log.
export { recordDenial, writeAudit } from '../queries/audit.ts'
export type { AuditEntry, DenialEntry } from '../queries/audit.ts'
