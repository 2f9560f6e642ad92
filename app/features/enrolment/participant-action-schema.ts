import { isUuid } from '@leerplein/domain'
import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'
import { MAX_BATCH } from './decision-schema.ts'

// The session page's participant list: the ticked people (`ids`), or all that match the list's
// filter (`alles=ja` with the filter's `filter` query, resolved on the server), then one action on
// all of them. Cancelling and moving first show a preview (`preview-cancel-selected`,
// `preview-move-selected`: nothing changes, the page says who and what), then the action itself on
// the ids the preview named. Mailing needs no preview: the form says to how many it goes, and a
// mail is not undone by one.

const ids = z
	.array(z.string(), { error: 'PARTICIPANTS_NOT_SELECTED' satisfies ErrorCode })
	.min(1, { error: 'PARTICIPANTS_NOT_SELECTED' satisfies ErrorCode })
	.max(MAX_BATCH, { error: 'PARTICIPANTS_NOT_SELECTED' satisfies ErrorCode })
	.refine((values) => values.every(isUuid), { error: 'ENROLMENT_NOT_FOUND' satisfies ErrorCode })

const reason = z
	.string({ error: 'ENROLMENT_CANCEL_REASON_REQUIRED' satisfies ErrorCode })
	.trim()
	.min(3, { error: 'ENROLMENT_CANCEL_REASON_REQUIRED' satisfies ErrorCode })
	.max(500, { error: 'ENROLMENT_CANCEL_REASON_REQUIRED' satisfies ErrorCode })

const toSessionId = z.string({ error: 'MOVE_TARGET_INVALID' satisfies ErrorCode }).refine(isUuid, { error: 'MOVE_TARGET_INVALID' satisfies ErrorCode })

/** Ticked ids, or all that match (`alles=ja`): then the ids are not needed. */
const selection = {
	ids: z
		.array(z.string())
		.max(MAX_BATCH, { error: 'PARTICIPANTS_NOT_SELECTED' satisfies ErrorCode })
		.refine((values) => values.every(isUuid), { error: 'ENROLMENT_NOT_FOUND' satisfies ErrorCode })
		.optional(),
	alles: z.literal('ja').optional(),
	/** The list's filter query when "all that match" was ticked. */
	filter: z.string().max(2000).optional(),
}

/** The longest subject and message a coordinator may send (a mail, not a newsletter). */
export const MESSAGE_LIMITS = { subject: 150, message: 5000 } as const

const subject = z
	.string({ error: 'MESSAGE_SUBJECT_REQUIRED' satisfies ErrorCode })
	.trim()
	.min(3, { error: 'MESSAGE_SUBJECT_REQUIRED' satisfies ErrorCode })
	.max(MESSAGE_LIMITS.subject, { error: 'MESSAGE_SUBJECT_REQUIRED' satisfies ErrorCode })

const message = z
	.string({ error: 'MESSAGE_BODY_REQUIRED' satisfies ErrorCode })
	.trim()
	.min(3, { error: 'MESSAGE_BODY_REQUIRED' satisfies ErrorCode })
	.max(MESSAGE_LIMITS.message, { error: 'MESSAGE_BODY_REQUIRED' satisfies ErrorCode })

/** The intents of the participant list's form, as the route's `requireIntent` takes them. */
export const PARTICIPANT_INTENTS = ['preview-cancel-selected', 'cancel-selected', 'preview-move-selected', 'move-selected', 'mail-selected'] as const

/** The actions the list's own form takes (previews and mail) may go to all that match; a confirmed action goes to the ids its preview named. */
export const participantActionSchema = z
	.discriminatedUnion('intent', [
		z.object({ intent: z.literal('preview-cancel-selected'), ...selection, reason }),
		z.object({ intent: z.literal('cancel-selected'), ids, reason }),
		z.object({ intent: z.literal('preview-move-selected'), ...selection, toSessionId }),
		z.object({ intent: z.literal('move-selected'), ids, toSessionId }),
		z.object({ intent: z.literal('mail-selected'), ...selection, subject, message }),
	])
	.superRefine((value, context) => {
		const own = value.intent === 'preview-cancel-selected' || value.intent === 'preview-move-selected' || value.intent === 'mail-selected'
		if (own && value.alles !== 'ja' && (value.ids?.length ?? 0) === 0) {
			context.addIssue({ code: 'custom', path: ['ids'], message: 'PARTICIPANTS_NOT_SELECTED' satisfies ErrorCode })
		}
	})

export type ParticipantAction = z.infer<typeof participantActionSchema>
