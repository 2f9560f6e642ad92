import { isUuid } from '@leerplein/domain'
import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

// The approvals inbox: the ticked requests (`ids`, from every page of the table) approved or
// declined at once; declining needs a reason, which the employee reads in their mail.

const ids = z
	.array(z.string(), { error: 'NOTHING_SELECTED' satisfies ErrorCode })
	.min(1, { error: 'NOTHING_SELECTED' satisfies ErrorCode })
	.refine((values) => values.every(isUuid), { error: 'ENROLMENT_NOT_FOUND' satisfies ErrorCode })

export const decisionSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('approve'), ids, reason: z.string().optional() }),
	z.object({
		intent: z.literal('decline'),
		ids,
		reason: z
			.string({ error: 'DECLINE_REASON_REQUIRED' satisfies ErrorCode })
			.trim()
			.min(3, { error: 'DECLINE_REASON_REQUIRED' satisfies ErrorCode })
			.max(500, { error: 'DECLINE_REASON_REQUIRED' satisfies ErrorCode }),
	}),
])
