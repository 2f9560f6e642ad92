import { isUuid } from '@leerplein/domain'
import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

/** Cancelling one participant (or someone waiting) from the session page: who, and why. */
export const cancelParticipantSchema = z.object({
	intent: z.literal('cancel-enrolment'),
	enrolmentId: z.string({ error: 'ENROLMENT_NOT_FOUND' satisfies ErrorCode }).refine(isUuid, { error: 'ENROLMENT_NOT_FOUND' satisfies ErrorCode }),
	reason: z
		.string({ error: 'ENROLMENT_CANCEL_REASON_REQUIRED' satisfies ErrorCode })
		.trim()
		.min(3, { error: 'ENROLMENT_CANCEL_REASON_REQUIRED' satisfies ErrorCode })
		.max(500, { error: 'ENROLMENT_CANCEL_REASON_REQUIRED' satisfies ErrorCode }),
})
