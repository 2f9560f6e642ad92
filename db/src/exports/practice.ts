// @leerplein/db/practice — question decks and spaced repetition (ADR 047): a course's deck in its providing unit, a learner's FSRS cards, review log and settings in theirs, the digest scan's look-ups and its once-a-day mark, the provider's counts per question.
export {
	countQuestionOutcomes,
	getPracticeCardForAnswer,
	getPracticeSettings,
	insertDeckQuestions,
	listCourseTitles,
	listDeckQuestions,
	listDueCountsForDigest,
	listPracticeCards,
	listPracticeDigestsDue,
	recordPracticeDigest,
	recordPracticeReview,
	removeDeckQuestion,
	setPracticeCourseOptOut,
	setPracticeSettings,
	updateDeckQuestion,
} from '../queries/practice.ts'
export type { DeckQuestion, PracticeCard, PracticeSettings } from '../queries/practice.ts'
