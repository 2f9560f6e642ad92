import { isUuid } from '@leerplein/domain'
import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

/** The enrolment form on a course page: a session of the course and, optionally, a cost centre other than one's own. */
export const enrolSchema = z.object({
	intent: z.literal('enrol'),
	sessionId: z.string({ error: 'SESSION_CHOICE_REQUIRED' satisfies ErrorCode }).refine(isUuid, { error: 'SESSION_CHOICE_REQUIRED' satisfies ErrorCode }),
	costCentre: z
		.string()
		.trim()
		.max(20, { error: 'COST_CENTRE_INVALID' satisfies ErrorCode })
		.regex(/^[\p{L}\d-]*$/u, { error: 'COST_CENTRE_INVALID' satisfies ErrorCode })
		.optional()
		.transform((value) => value || null),
})
