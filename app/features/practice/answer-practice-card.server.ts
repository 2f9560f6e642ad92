import { getPracticeCardForAnswer, getPracticeSettings, recordPracticeReview } from '@leerplein/db/practice'
import { practiceCardIsDue, reviewPracticeCard, type QuestionKind } from '@leerplein/domain'
import { inTenant, refuse, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

export type PracticeAnswer = { cardId: string; courseTitle: string; kind: QuestionKind; prompt: string; options: string[]; chosenOption: number; correctOption: number; correct: boolean; explanation: string; due: Date }

/**
 * The signed-in person answers one of their own due cards (ADR 047): right is FSRS Good, wrong is
 * Again; the card's new schedule and a review log row (with the recall FSRS predicted) are stored
 * in one transaction, and the answer comes back with the correct option and the explanation.
 * Someone else's card is not found; a card not due, of a course opted out of, or answered twice at
 * once is refused, and changes nothing.
 */
export async function answerPracticeCard(ctx: ServiceContext, { actor, cardId, chosen }: { actor: Actor; cardId: string; chosen: number }): Promise<ServiceResult<PracticeAnswer>> {
	if (!Number.isInteger(chosen) || chosen < 0) return refuse('invalid', 'PRACTICE_ANSWER_REQUIRED', { field: 'chosen' })
	const now = ctx.clock.now()
	return inTenant(ctx, actor, async (tx) => {
		const card = await getPracticeCardForAnswer(tx, { tenantId: actor.tenantId, userId: actor.userId, cardId })
		if (!card) throw refusal('not_found', 'PRACTICE_CARD_NOT_FOUND')
		const settings = await getPracticeSettings(tx, { tenantId: actor.tenantId, userId: actor.userId })
		if (settings.optedOut || settings.courseOptOuts.includes(card.courseId)) throw refusal('conflict', 'PRACTICE_OPTED_OUT')
		if (!practiceCardIsDue(card, now)) throw refusal('conflict', 'PRACTICE_CARD_NOT_DUE')
		if (chosen >= card.options.length) throw refusal('invalid', 'PRACTICE_ANSWER_REQUIRED', { field: 'chosen' })
		const correct = chosen === card.correctOption
		const reviewed = reviewPracticeCard(card, correct, now)
		const stored = await recordPracticeReview(tx, { tenantId: actor.tenantId, userId: actor.userId, card, before: card, next: reviewed.card, log: reviewed.log, chosenOption: chosen, correct, now })
		if (!stored) throw refusal('conflict', 'PRACTICE_CARD_NOT_DUE')
		return {
			cardId: card.id,
			courseTitle: card.courseTitle,
			kind: card.kind,
			prompt: card.prompt,
			options: card.options,
			chosenOption: chosen,
			correctOption: card.correctOption,
			correct,
			explanation: card.explanation,
			due: reviewed.card.due,
		}
	})
}
