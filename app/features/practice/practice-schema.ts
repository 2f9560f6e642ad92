import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

/** One tap: the card and the option chosen (its index). */
export const answerSchema = z.object({
	cardId: z.uuid({ error: 'PRACTICE_CARD_NOT_FOUND' satisfies ErrorCode }),
	chosen: z.coerce.number({ error: 'PRACTICE_ANSWER_REQUIRED' satisfies ErrorCode }).int({ error: 'PRACTICE_ANSWER_REQUIRED' satisfies ErrorCode }).min(0, { error: 'PRACTICE_ANSWER_REQUIRED' satisfies ErrorCode }),
})

/** The digest's hour, 0–23 (Europe/Amsterdam). */
export const digestHourSchema = z.object({
	hour: z.coerce.number({ error: 'PRACTICE_HOUR_INVALID' satisfies ErrorCode }).int({ error: 'PRACTICE_HOUR_INVALID' satisfies ErrorCode }).min(0, { error: 'PRACTICE_HOUR_INVALID' satisfies ErrorCode }).max(23, { error: 'PRACTICE_HOUR_INVALID' satisfies ErrorCode }),
})

/** Opting out (`uit`) or back in (`aan`), altogether or of one course. */
export const optOutSchema = z.object({
	courseId: z.uuid({ error: 'PRACTICE_COURSE_NOT_FOUND' satisfies ErrorCode }).optional(),
	oefenen: z.enum(['aan', 'uit'], { error: 'FORM_INVALID' satisfies ErrorCode }),
})
