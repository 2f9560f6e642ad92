import { MIN_RESPONSES_SHOWN } from '../effect/evaluation.ts'

/** The database's anonymous count per question of a deck, across every learner's unit (`practice_question_outcomes`). */
export type QuestionOutcomeCount = { questionId: string; learners: number; answers: number; wrong: number; lapses: number }

/** What the coordinator sees of one question: below five learners only their number; from five, how often it is forgotten. */
export type QuestionOutcome =
	| { questionId: string; shown: false; learners: number; needed: number }
	| { questionId: string; shown: true; learners: number; answers: number; wrongPercent: number; lapses: number }

/**
 * How often a question is forgotten (ADR 047): the share of wrong answers and the number of
 * lapses (a card that was known and then answered wrong), only from `MIN_RESPONSES_SHOWN` (5)
 * learners, so nobody's answers can be told apart.
 */
export function summariseQuestionOutcome(count: QuestionOutcomeCount): QuestionOutcome {
	if (count.learners < MIN_RESPONSES_SHOWN) return { questionId: count.questionId, shown: false, learners: count.learners, needed: MIN_RESPONSES_SHOWN }
	return {
		questionId: count.questionId,
		shown: true,
		learners: count.learners,
		answers: count.answers,
		wrongPercent: count.answers === 0 ? 0 : Math.round((100 * count.wrong) / count.answers),
		lapses: count.lapses,
	}
}
