import { isUuid } from '@leerplein/domain'
import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

/** Adding an employee to a session on their behalf: who. Their own cost centre is used, as the preview assumes. */
export const addParticipantSchema = z.object({
	intent: z.literal('add'),
	employeeId: z.string({ error: 'PARTICIPANT_CHOICE_REQUIRED' satisfies ErrorCode }).refine(isUuid, { error: 'PARTICIPANT_CHOICE_REQUIRED' satisfies ErrorCode }),
})
