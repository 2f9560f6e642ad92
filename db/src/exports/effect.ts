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
// Interventions and their measure (ADR 044): the unit's list, one by id, its trained teams (managers), the measure replaced as a whole, and a count from the unit's xAPI statements.
export {
	countXapiMeasure,
	getIntervention,
	insertIntervention,
	listInterventionCourses,
	listInterventions,
	listMeasureValues,
	listTrainedTeams,
	listUnitTeams,
	replaceMeasureValues,
	replaceTrainedTeams,
	updateIntervention,
} from '../queries/interventions.ts'
export type { Intervention, InterventionCourse, InterventionFields, InterventionListRow, MeasureSource, MeasureValue, UnitTeam } from '../queries/interventions.ts'
