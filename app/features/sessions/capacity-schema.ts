import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

/** A session's number of seats (the session page). */
export const capacitySchema = z.object({
	intent: z.literal('capacity'),
	capacity: z.coerce
		.number({ error: 'CAPACITY_INVALID' satisfies ErrorCode })
		.int({ error: 'CAPACITY_INVALID' satisfies ErrorCode })
		.min(1, { error: 'CAPACITY_INVALID' satisfies ErrorCode })
		.max(1000, { error: 'CAPACITY_INVALID' satisfies ErrorCode }),
})
