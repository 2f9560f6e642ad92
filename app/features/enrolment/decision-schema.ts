import { isUuid } from '@leerplein/domain'
import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

// The approvals inbox: the ticked requests (`ids`, from every page of the table), or every request
// matching the grid's filters (`alles` with the grid's `filter` query), approved or declined at
// once. First the preview (`preview-approve`, `preview-decline`: nothing changes, the page shows
// what would), then the decision (`approve`, `decline`) on the ids the preview named. Declining
// needs a reason, which the employee reads in their mail.

/** At most this many requests in one decision: a batch of a few hundred is the job; more is a filter away. */
export const MAX_BATCH = 1000

/**
 * Up to this many requests are decided inside the request (about a second); more go to a
 * background job with a page that shows the progress (ADR 038).
 */
export const BULK_JOB_THRESHOLD = 25

const ids = z
	.array(z.string(), { error: 'NOTHING_SELECTED' satisfies ErrorCode })
	.min(1, { error: 'NOTHING_SELECTED' satisfies ErrorCode })
	.max(MAX_BATCH, { error: 'BATCH_TOO_LARGE' satisfies ErrorCode })
	.refine((values) => values.every(isUuid), { error: 'ENROLMENT_NOT_FOUND' satisfies ErrorCode })

const reason = z
	.string({ error: 'DECLINE_REASON_REQUIRED' satisfies ErrorCode })
	.trim()
	.min(3, { error: 'DECLINE_REASON_REQUIRED' satisfies ErrorCode })
	.max(500, { error: 'DECLINE_REASON_REQUIRED' satisfies ErrorCode })

const approve = z.object({ intent: z.literal('approve'), ids, reason: z.string().optional() })
const decline = z.object({ intent: z.literal('decline'), ids, reason })

export const decisionSchema = z.discriminatedUnion('intent', [approve, decline])

/** Ticked ids, or all that match (`alles=ja`): then the ids are not needed. */
const selection = {
	ids: z
		.array(z.string())
		.max(MAX_BATCH, { error: 'BATCH_TOO_LARGE' satisfies ErrorCode })
		.refine((values) => values.every(isUuid), { error: 'ENROLMENT_NOT_FOUND' satisfies ErrorCode })
		.optional(),
	alles: z.literal('ja').optional(),
	/** The grid's filter query when "all that match" was ticked. */
	filter: z.string().max(2000).optional(),
}

const somethingSelected = (value: { ids?: string[] | undefined; alles?: 'ja' | undefined }) => value.alles === 'ja' || (value.ids?.length ?? 0) > 0

/** The inbox form: a preview of either decision, or (from the preview) the decision itself. */
export const bulkDecisionSchema = z
	.discriminatedUnion('intent', [
		z.object({ intent: z.literal('preview-approve'), ...selection, reason: z.string().optional() }),
		z.object({ intent: z.literal('preview-decline'), ...selection, reason }),
		approve,
		decline,
	])
	.superRefine((value, context) => {
		if ((value.intent === 'preview-approve' || value.intent === 'preview-decline') && !somethingSelected(value)) {
			context.addIssue({ code: 'custom', path: ['ids'], message: 'NOTHING_SELECTED' satisfies ErrorCode })
		}
	})

export type BulkDecision = z.infer<typeof bulkDecisionSchema>
