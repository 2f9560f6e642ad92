// @leerplein/db/audit — the audit log.
export { listAuditTrail, recordDenial, writeAudit } from '../queries/audit.ts'
export type { AuditEntry, AuditTrailCursor, AuditTrailFilters, AuditTrailRow, DenialEntry } from '../queries/audit.ts'
