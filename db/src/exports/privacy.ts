// @leerplein/db/privacy — a person's own data through privacy_export() and the personal-data register (ADR 053).
export { exportPersonalData } from '../queries/privacy.ts'
export type { PersonalData } from '../queries/privacy.ts'
