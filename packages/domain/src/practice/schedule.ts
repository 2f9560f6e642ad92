import { fsrs, generatorParameters, Rating, State, type Card } from 'ts-fsrs'

/**
 * Spaced repetition of a deck's questions (issue 21, item 2; ADR 047), scheduled by FSRS through
 * `ts-fsrs` with its default parameters, except that fuzz is off: the same answers at the same
 * moments give the same next date, which the tests (and a learner comparing two cards) can rely
 * on. A right answer is rated Good, a wrong one Again (ADR 047 says why). Pure: the caller passes
 * `now` and stores the card state and the review log.
 */

const scheduler = fsrs(generatorParameters({ enable_fuzz: false }))

/** What is stored of a card between reviews: exactly the fields FSRS needs. `state` is FSRS's State (0 new, 1 learning, 2 review, 3 relearning). */
export type PracticeCardState = {
	due: Date
	stability: number
	difficulty: number
	elapsedDays: number
	scheduledDays: number
	learningSteps: number
	reps: number
	lapses: number
	state: number
	lastReview: Date | null
}

/** One answer as the review log keeps it: the rating, the state before, the card's new schedule, and the recall FSRS predicted before the answer (null for a new card), for a log-loss figure later. */
export type PracticeReviewLog = {
	rating: number
	stateBefore: number
	elapsedDays: number
	scheduledDays: number
	stability: number
	difficulty: number
	due: Date
	predictedRecall: number | null
}

/** Most due questions one practice session shows. */
export const PRACTICE_SESSION_SIZE = 5

function toFsrs(card: PracticeCardState): Card {
	return {
		due: card.due,
		stability: card.stability,
		difficulty: card.difficulty,
		elapsed_days: card.elapsedDays,
		scheduled_days: card.scheduledDays,
		learning_steps: card.learningSteps,
		reps: card.reps,
		lapses: card.lapses,
		state: card.state as State,
		...(card.lastReview ? { last_review: card.lastReview } : {}),
	}
}

function fromFsrs(card: Card): PracticeCardState {
	return {
		due: card.due,
		stability: card.stability,
		difficulty: card.difficulty,
		elapsedDays: card.elapsed_days,
		scheduledDays: card.scheduled_days,
		learningSteps: card.learning_steps,
		reps: card.reps,
		lapses: card.lapses,
		state: card.state,
		lastReview: card.last_review ?? null,
	}
}

/** A new card made at `now` (a completion): due at once, never reviewed — FSRS's empty card. */
export function newPracticeCard(now: Date): PracticeCardState {
	return { due: now, stability: 0, difficulty: 0, elapsedDays: 0, scheduledDays: 0, learningSteps: 0, reps: 0, lapses: 0, state: State.New, lastReview: null }
}

/** The FSRS rating of an answer: right is Good, wrong is Again. */
export function practiceRating(correct: boolean): Rating.Good | Rating.Again {
	return correct ? Rating.Good : Rating.Again
}

/** Whether a card is to be practised at `now`. */
export function practiceCardIsDue(card: Pick<PracticeCardState, 'due'>, now: Date): boolean {
	return card.due.getTime() <= now.getTime()
}

/** The chance FSRS gives that the learner still knows the answer at `now`; null for a card never reviewed. */
export function practiceRecall(card: PracticeCardState, now: Date): number | null {
	if (card.state === State.New || !card.lastReview) return null
	return scheduler.get_retrievability(toFsrs(card), now, false)
}

/** The card after an answer at `now`, and the log row of that answer. */
export function reviewPracticeCard(card: PracticeCardState, correct: boolean, now: Date): { card: PracticeCardState; log: PracticeReviewLog } {
	const predictedRecall = practiceRecall(card, now)
	const next = scheduler.next(toFsrs(card), now, practiceRating(correct))
	return {
		card: fromFsrs(next.card),
		log: {
			rating: next.log.rating,
			stateBefore: next.log.state,
			elapsedDays: next.log.elapsed_days,
			scheduledDays: next.card.scheduled_days,
			stability: next.card.stability,
			difficulty: next.card.difficulty,
			due: next.card.due,
			predictedRecall,
		},
	}
}

/**
 * A course's estimated retention for a learner: the mean FSRS recall of the cards they have
 * practised, as a whole percentage; null when none is practised yet.
 */
export function courseRetention(cards: readonly PracticeCardState[], now: Date): number | null {
	const recalls = cards.map((card) => practiceRecall(card, now)).filter((recall): recall is number => recall !== null)
	if (recalls.length === 0) return null
	return Math.round((100 * recalls.reduce((sum, recall) => sum + recall, 0)) / recalls.length)
}
