// @leerplein/db/tenants — the nine units, their P&O overrides, and finding a unit's people.
export { getTenantBySlug, getTenantName, listTenants, searchUnitPeople, updateTenantOverrides } from '../queries/tenants.ts'
export type { TenantSummary } from '../queries/tenants.ts'
