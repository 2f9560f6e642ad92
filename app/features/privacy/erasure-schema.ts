import { getZodConstraint } from '@conform-to/zod/v4'
import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

// The forms of /beheer/privacy (ADR 054), on the server and in the browser.

const employeeNumberRequired = 'ERASURE_EMPLOYEE_NUMBER_REQUIRED' satisfies ErrorCode
const reasonRequired = 'ERASURE_REASON_REQUIRED' satisfies ErrorCode
export const ERASURE_REASON_MAX = 500

/** A request on a person's behalf: their unit and employee number. */
export const erasureOnBehalfSchema = z.object({
	unitId: z.uuid({ error: 'UNIT_UNKNOWN' satisfies ErrorCode }),
	employeeNumber: z.string({ error: employeeNumberRequired }).trim().min(1, { error: employeeNumberRequired }).max(40, { error: 'ERASURE_PERSON_NOT_FOUND' satisfies ErrorCode }),
})
export const erasureOnBehalfConstraint = getZodConstraint(erasureOnBehalfSchema)

/** Declining a request: why, for the person and the trail. */
export const erasureDeclineSchema = z.object({
	reason: z.string({ error: reasonRequired }).trim().min(1, { error: reasonRequired }).max(ERASURE_REASON_MAX, { error: 'ERASURE_REASON_TOO_LONG' satisfies ErrorCode }),
})
export const erasureDeclineConstraint = getZodConstraint(erasureDeclineSchema)
