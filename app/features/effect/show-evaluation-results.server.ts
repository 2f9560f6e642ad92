import { getOwnCourse } from '@leerplein/db/catalogue'
import { countSelfCardOutcomes, getCourseFollowUpWeeks, listEvaluationAnswers, listEvaluationResponseRates } from '@leerplein/db/effect'
import {
	anonymousAnswerRows,
	can,
	evaluationFormOf,
	FOLLOW_UP_EVALUATION,
	DEFAULT_EVALUATION,
	MANAGER_EVALUATION,
	summariseEvaluations,
	summariseSelfCardOutcomes,
	type CourseStatus,
	type EvaluationForm,
	type EvaluationKind,
	type EvaluationSummary,
	type SelfCardOutcomeSummary,
} from '@leerplein/domain'
import type { Database } from '@leerplein/db'
import { inTenant, refuse, refusal, succeed, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/** Responses / invitations due, of one questionnaire of a course, across the participants' units (ADR 045). */
export type ResponseRate = { invited: number; answered: number }

export type QuestionnaireResults = { form: EvaluationForm; summary: EvaluationSummary; rate: ResponseRate }

export type EvaluationResults = {
	course: { id: string; title: string; status: CourseStatus; followUpWeeks: number; managerQuestionnaire: boolean }
	form: EvaluationForm
	summary: EvaluationSummary
	rate: ResponseRate
	followUp: QuestionnaireResults
	/** The managers' questionnaire at the follow-up (shown when the course asks for it, or once there are answers). */
	manager: QuestionnaireResults
	selfCards: SelfCardOutcomeSummary
}

async function ownCourseOrRefuse(tx: Database, actor: Actor, courseId: string) {
	const course = await getOwnCourse(tx, { tenantId: actor.tenantId, courseId })
	if (!course || !can(actor, 'update', { kind: 'course', providerTenantId: actor.tenantId })) throw refusal('not_found', 'COURSE_NOT_FOUND')
	return course
}

/**
 * The evaluation of one of the unit's own courses, for its coordinators (ADR 041): the number of
 * responses, and only from five on what they say (`summariseEvaluations`); beside it the follow-up
 * the course's weeks later (ADR 045), shown the same way, and for each the response rate (answered
 * of the invitations whose time has come, counted across the participants' units). Another unit's
 * course is not found; the responses are read under the providing unit's row-level security. Then
 * the look back on the course's cards to self (ADR 042): only counts, and only from five reviewed cards.
 */
export async function showEvaluationResults(ctx: ServiceContext, { actor, courseId }: { actor: Actor; courseId: string }): Promise<ServiceResult<EvaluationResults>> {
	return inTenant(
		ctx,
		actor,
		async (tx) => {
			const course = await ownCourseOrRefuse(tx, actor, courseId)
			const [answers, followUpAnswers, managerAnswers, rates, settings, outcomes] = await Promise.all([
				listEvaluationAnswers(tx, { tenantId: actor.tenantId, courseId, formVersion: DEFAULT_EVALUATION.version }),
				listEvaluationAnswers(tx, { tenantId: actor.tenantId, courseId, formVersion: FOLLOW_UP_EVALUATION.version }),
				listEvaluationAnswers(tx, { tenantId: actor.tenantId, courseId, formVersion: MANAGER_EVALUATION.version }),
				listEvaluationResponseRates(tx, { courseId }),
				getCourseFollowUpWeeks(tx, { tenantId: actor.tenantId, courseId }),
				countSelfCardOutcomes(tx, { courseId }),
			])
			const rateOf = (kind: EvaluationKind): ResponseRate => {
				const row = rates.find((rate) => rate.kind === kind)
				return { invited: row?.invited ?? 0, answered: row?.answered ?? 0 }
			}
			return {
				course: { id: course.id, title: course.title, status: course.status, followUpWeeks: settings!.weeks, managerQuestionnaire: settings!.managerQuestionnaire },
				form: DEFAULT_EVALUATION,
				summary: summariseEvaluations(DEFAULT_EVALUATION, answers),
				rate: rateOf('evaluation'),
				followUp: { form: FOLLOW_UP_EVALUATION, summary: summariseEvaluations(FOLLOW_UP_EVALUATION, followUpAnswers), rate: rateOf('follow_up') },
				manager: { form: MANAGER_EVALUATION, summary: summariseEvaluations(MANAGER_EVALUATION, managerAnswers), rate: rateOf('manager') },
				selfCards: summariseSelfCardOutcomes(outcomes ?? { reviewedCards: 0, done: 0, partly: 0, notDone: 0 }),
			}
		},
		{ readOnly: true },
	)
}

export type EvaluationAnswerExport = { course: { id: string; title: string }; kind: EvaluationKind; form: EvaluationForm; rows: (number | string | null)[][] }

/**
 * The anonymous responses to one questionnaire (the evaluation, ADR 041, the follow-up or the managers', ADR 045)
 * of one of the unit's own courses as rows, for a spreadsheet: the answers only, sorted by content
 * (`anonymousAnswerRows`); refused below five responses, as the page shows nothing of them then.
 */
export async function exportEvaluationAnswers(
	ctx: ServiceContext,
	{ actor, courseId, kind = 'evaluation' }: { actor: Actor; courseId: string; kind?: EvaluationKind },
): Promise<ServiceResult<EvaluationAnswerExport>> {
	const form = evaluationFormOf(kind)
	const read = await inTenant(
		ctx,
		actor,
		async (tx) => {
			const course = await ownCourseOrRefuse(tx, actor, courseId)
			return { course: { id: course.id, title: course.title }, answers: await listEvaluationAnswers(tx, { tenantId: actor.tenantId, courseId, formVersion: form.version }) }
		},
		{ readOnly: true },
	)
	if (!read.ok) return read
	const rows = anonymousAnswerRows(form, read.value.answers)
	if (!rows) return refuse('invalid', 'EVALUATION_TOO_FEW')
	return succeed({ course: read.value.course, kind, form, rows })
}
