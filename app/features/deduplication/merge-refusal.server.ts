import { errorCode } from '@leerplein/db'
import type { ErrorCode } from '../../core/error-codes.ts'
import { refusal, type ServiceError } from '../../core/service.server.ts'

/**
 * The database's merge functions (migration 0019) check the merge themselves and raise: not a
 * concern administrator (insufficient_privilege), a course not found or an undo of nothing
 * (no_data_found), or a merge the catalogue no longer allows (check_violation). Those are
 * refusals; anything else is a fault and stays one.
 */
export function mergeRefusal(error: unknown, code: ErrorCode): ServiceError | null {
	switch (errorCode(error)) {
		case '42501':
			return refusal('forbidden', 'FORBIDDEN')
		case 'P0002':
		case '23514':
			return refusal('invalid', code)
		default:
			return null
	}
}
