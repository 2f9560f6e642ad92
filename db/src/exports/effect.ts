// @leerplein/db/effect — course evaluations (ADR 041): invitations made by the enrolment trigger, anonymous responses stored by evaluation_submit, and the mail scan's look-ups.
export {
	getCourseFollowUpWeeks,
	getEvaluationForMail,
	getEvaluationInvitation,
	listCourseEvaluationAggregates,
	listEvaluationAnswers,
	listEvaluationResponseRates,
	listEvaluationsAwaitingMail,
	listOpenEvaluations,
	recordEvaluationMail,
	setCourseFollowUpWeeks,
	submitEvaluation,
} from '../queries/evaluations.ts'
export type { CourseEvaluationAggregate, EvaluationInvitation, EvaluationMailDue, EvaluationResponseRate } from '../queries/evaluations.ts'
// Cards to self (ADR 042): a person's card, its return day and look back, the daily scan's look-ups and its once-only mark, the providing unit's counts.
export {
	countSelfCardOutcomes,
	getEnrolmentForSelfCard,
	getSelfCard,
	getSelfCardForMail,
	insertSelfCard,
	listSelfCardsToMail,
	recordSelfCardMail,
	recordSelfCardOutcomes,
	setSelfCardReturnDate,
} from '../queries/self-cards.ts'
export type { SelfCard, SelfCardAction, SelfCardEnrolment } from '../queries/self-cards.ts'
