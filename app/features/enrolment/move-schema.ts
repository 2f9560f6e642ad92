import { isUuid } from '@leerplein/domain'
import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

/** Moving a participant of a session to another session of the same course (the session page). */
export const moveSchema = z.object({
	intent: z.literal('move'),
	enrolmentId: z.string({ error: 'ENROLMENT_NOT_FOUND' satisfies ErrorCode }).refine(isUuid, { error: 'ENROLMENT_NOT_FOUND' satisfies ErrorCode }),
	toSessionId: z.string({ error: 'MOVE_TARGET_INVALID' satisfies ErrorCode }).refine(isUuid, { error: 'MOVE_TARGET_INVALID' satisfies ErrorCode }),
})
