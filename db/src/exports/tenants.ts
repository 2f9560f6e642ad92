// @leerplein/db/tenants — the nine units, and their P&O overrides.
export { getTenantBySlug, listTenants, updateTenantOverrides } from '../queries/tenants.ts'
export type { TenantSummary } from '../queries/tenants.ts'
