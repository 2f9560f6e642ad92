import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

/** Cancelling a session: the reason every participant and waiting person is told. */
export const cancelSessionSchema = z.object({
	intent: z.literal('cancel'),
	reason: z
		.string({ error: 'CANCEL_REASON_REQUIRED' satisfies ErrorCode })
		.trim()
		.min(3, { error: 'CANCEL_REASON_REQUIRED' satisfies ErrorCode })
		.max(500, { error: 'CANCEL_REASON_REQUIRED' satisfies ErrorCode }),
})
