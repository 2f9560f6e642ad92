// @leerplein/db/branding — a unit's own logo and accent colour (ADR 052).
export { getUnitBranding, getUnitLogo, removeUnitBranding, saveUnitBranding } from '../queries/branding.ts'
export type { UnitBranding, UnitLogo } from '../queries/branding.ts'
