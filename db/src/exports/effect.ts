// @leerplein/db/effect — course evaluations (ADR 041): invitations made by the enrolment trigger, anonymous responses stored by evaluation_submit, and the mail scan's look-ups.
export {
	getEvaluationForMail,
	getEvaluationInvitation,
	listCourseEvaluationAggregates,
	listEvaluationAnswers,
	listEvaluationsAwaitingMail,
	listOpenEvaluations,
	recordEvaluationMail,
	submitEvaluation,
} from '../queries/evaluations.ts'
export type { CourseEvaluationAggregate, EvaluationInvitation, EvaluationMailDue } from '../queries/evaluations.ts'
