import { z } from 'zod'
import { checkSelfCardActions, MAX_SELF_CARD_ACTIONS, type OutcomeError, type ReturnDateError, type SelfCardError } from '@leerplein/domain'
import type { ErrorCode } from '../../core/error-codes.ts'

export const SELF_CARD_ERRORS: Record<SelfCardError, ErrorCode> = {
	too_long: 'SELF_CARD_TOO_LONG',
	no_actions: 'SELF_CARD_NO_ACTIONS',
	too_many: 'SELF_CARD_TOO_MANY',
}
export const RETURN_DATE_ERRORS: Record<ReturnDateError, ErrorCode> = {
	not_a_date: 'SELF_CARD_DATE_INVALID',
	in_the_past: 'SELF_CARD_DATE_PAST',
	too_far: 'SELF_CARD_DATE_TOO_FAR',
}
export const OUTCOME_ERRORS: Record<OutcomeError, ErrorCode> = {
	outcome_required: 'SELF_CARD_OUTCOME_REQUIRED',
	note_too_long: 'SELF_CARD_NOTE_TOO_LONG',
}

/** The action fields of the card form, `action1`…`action5`. */
export const SELF_CARD_ACTION_FIELDS = Array.from({ length: MAX_SELF_CARD_ACTIONS }, (_, index) => `action${index + 1}`)

/**
 * A card as the form sends it: five action rows and the return day. The domain's
 * `checkSelfCardActions` judges the rows, so the page refuses exactly what the service would,
 * beside the row it concerns; the return day needs today's date, so the service judges it.
 */
export const selfCardSchema = z
	.object({ ...Object.fromEntries(SELF_CARD_ACTION_FIELDS.map((name) => [name, z.string().optional()])), returnOn: z.string().optional() })
	.superRefine((submitted, issues) => {
		const checked = checkSelfCardActions(SELF_CARD_ACTION_FIELDS.map((name) => (submitted as Record<string, string | undefined>)[name]))
		if (checked.ok) return
		for (const [field, error] of Object.entries(checked.errors)) issues.addIssue({ code: 'custom', message: SELF_CARD_ERRORS[error], path: field === 'form' ? [] : [field] })
	})
	.transform((submitted) => {
		const fields = submitted as Record<string, string | undefined>
		return { actions: SELF_CARD_ACTION_FIELDS.map((name) => fields[name]), returnOn: fields.returnOn }
	})

/** Moving the return day: the service judges the day against today. */
export const returnDateSchema = z.object({ returnOn: z.string({ error: 'SELF_CARD_DATE_INVALID' satisfies ErrorCode }) })

/** The look back, `outcome1`…`outcome5` and `note1`…`note5`: the service judges them against the card's actions (`checkSelfCardOutcomes`) and refuses beside the field. */
export const selfCardReviewSchema = z.object(Object.fromEntries([1, 2, 3, 4, 5].flatMap((position) => [[`outcome${position}`, z.string().optional()], [`note${position}`, z.string().optional()]])))
