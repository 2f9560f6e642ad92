import { addMonths, amsterdamDate, type CalendarDate } from '../passport/calendar.ts'
import { MIN_RESPONSES_SHOWN } from './evaluation.ts'

/**
 * The card to self (issue 18, item 2; ADR 042): at the end of a course a participant writes the
 * actions they intend; Leerplein mails the card back on its return day and asks what became of
 * each. Pure: the caller passes `now` and stores the card.
 */

export const MAX_SELF_CARD_ACTIONS = 5
export const MAX_SELF_CARD_TEXT = 500
/** The card comes back this many months after it was written, unless its person moves the day. */
export const SELF_CARD_RETURN_MONTHS = 3
/** The furthest a person may move the return day: twelve months after today. */
export const SELF_CARD_LATEST_MONTHS = 12

export type SelfCardError = 'too_long' | 'no_actions' | 'too_many'

/**
 * Checks the actions as the form sends them (one field per row, `action1`…`action5`): each
 * trimmed, a blank row ignored, at most `MAX_SELF_CARD_TEXT` characters, at least one written.
 * Errors are per field (`form` for the whole). The kept actions are in the order of their rows.
 */
export function checkSelfCardActions(submitted: readonly (string | undefined)[]): { ok: true; value: string[] } | { ok: false; errors: Record<string, SelfCardError> } {
	if (submitted.length > MAX_SELF_CARD_ACTIONS) return { ok: false, errors: { form: 'too_many' } }
	const actions: string[] = []
	const errors: Record<string, SelfCardError> = {}
	submitted.forEach((raw, index) => {
		const text = raw?.trim() ?? ''
		if (text === '') return
		if (text.length > MAX_SELF_CARD_TEXT) errors[`action${index + 1}`] = 'too_long'
		else actions.push(text)
	})
	if (Object.keys(errors).length > 0) return { ok: false, errors }
	if (actions.length === 0) return { ok: false, errors: { form: 'no_actions' } }
	return { ok: true, value: actions }
}

/** The day a card written at `now` comes back: three calendar months on, as Dutch clocks count days. */
export function defaultSelfCardReturnDate(now: Date): CalendarDate {
	return addMonths(amsterdamDate(now), SELF_CARD_RETURN_MONTHS)
}

export type ReturnDateError = 'not_a_date' | 'in_the_past' | 'too_far'

/**
 * A return day the person chose: a real calendar day, not before today (in Amsterdam) and at most
 * twelve months after it.
 */
export function checkSelfCardReturnDate(raw: string, now: Date): { ok: true; value: CalendarDate } | { ok: false; code: ReturnDateError } {
	const text = raw.trim()
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
	if (!match) return { ok: false, code: 'not_a_date' }
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
	const probe = new Date(Date.UTC(year, month - 1, day))
	if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return { ok: false, code: 'not_a_date' }
	const today = amsterdamDate(now)
	if (text < today) return { ok: false, code: 'in_the_past' }
	if (text > addMonths(today, SELF_CARD_LATEST_MONTHS)) return { ok: false, code: 'too_far' }
	return { ok: true, value: text }
}

/** Whether the card is back: from its return day on (or once it was mailed), its person says what became of each action. */
export function selfCardIsDue({ returnOn, mailed }: { returnOn: CalendarDate; mailed: boolean }, now: Date): boolean {
	return mailed || returnOn <= amsterdamDate(now)
}

export const SELF_CARD_OUTCOMES = ['done', 'partly', 'not_done'] as const
export type SelfCardOutcome = (typeof SELF_CARD_OUTCOMES)[number]
export type SelfCardReview = { position: number; outcome: SelfCardOutcome; note: string | null }[]
export type OutcomeError = 'outcome_required' | 'note_too_long'

/**
 * Checks the look back: every action of the card (by position) has an outcome (`outcome1`…), its
 * note (`note1`…) is optional, trimmed and at most `MAX_SELF_CARD_TEXT` characters.
 */
export function checkSelfCardOutcomes(
	positions: readonly number[],
	submitted: Readonly<Record<string, string | undefined>>,
): { ok: true; value: SelfCardReview } | { ok: false; errors: Record<string, OutcomeError> } {
	const review: SelfCardReview = []
	const errors: Record<string, OutcomeError> = {}
	for (const position of positions) {
		const outcome = submitted[`outcome${position}`]?.trim() ?? ''
		const note = submitted[`note${position}`]?.trim() ?? ''
		if (!(SELF_CARD_OUTCOMES as readonly string[]).includes(outcome)) errors[`outcome${position}`] = 'outcome_required'
		if (note.length > MAX_SELF_CARD_TEXT) errors[`note${position}`] = 'note_too_long'
		if (errors[`outcome${position}`] || errors[`note${position}`]) continue
		review.push({ position, outcome: outcome as SelfCardOutcome, note: note === '' ? null : note })
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors }
	return { ok: true, value: review }
}

export type SelfCardOutcomeCounts = { reviewedCards: number; done: number; partly: number; notDone: number }

export type SelfCardOutcomeSummary = { shown: false; reviewedCards: number; needed: number } | ({ shown: true } & SelfCardOutcomeCounts)

/** What the providing unit sees of its course's cards: the number of reviewed cards, and only from `MIN_RESPONSES_SHOWN` on the actions per outcome. */
export function summariseSelfCardOutcomes(counts: SelfCardOutcomeCounts): SelfCardOutcomeSummary {
	if (counts.reviewedCards < MIN_RESPONSES_SHOWN) return { shown: false, reviewedCards: counts.reviewedCards, needed: MIN_RESPONSES_SHOWN }
	return { shown: true, ...counts }
}
