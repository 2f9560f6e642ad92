// @leerplein/db/privacy — a person's own data through privacy_export() and the personal-data register (ADR 053);
// erasure requests and the register-driven erasure (ADR 054).
export { exportPersonalData } from '../queries/privacy.ts'
export type { PersonalData } from '../queries/privacy.ts'
export {
	declineErasureRequest,
	eraseByRequest,
	findPersonByEmployeeNumber,
	getOwnOpenErasureRequest,
	insertErasureRequest,
	listErasureRequests,
	previewErasure,
} from '../queries/erasure.ts'
export type { ErasureCounts, ErasureLine, ErasureRequestRow } from '../queries/erasure.ts'
