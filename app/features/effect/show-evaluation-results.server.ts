import { getOwnCourse } from '@leerplein/db/catalogue'
import { countSelfCardOutcomes, listEvaluationAnswers } from '@leerplein/db/effect'
import { anonymousAnswerRows, can, DEFAULT_EVALUATION, summariseEvaluations, summariseSelfCardOutcomes, type CourseStatus, type EvaluationForm, type EvaluationSummary, type SelfCardOutcomeSummary } from '@leerplein/domain'
import { inTenant, refuse, refusal, succeed, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

export type EvaluationResults = { course: { id: string; title: string; status: CourseStatus }; form: EvaluationForm; summary: EvaluationSummary; selfCards: SelfCardOutcomeSummary }

/**
 * The evaluation of one of the unit's own courses, for its coordinators (ADR 041): the number of
 * responses, and only from five on what they say (`summariseEvaluations`). Another unit's course
 * is not found; the responses are read under the providing unit's row-level security. Beside it
 * the look back on the course's cards to self (ADR 042): only counts, and only from five reviewed cards.
 */
export async function showEvaluationResults(ctx: ServiceContext, { actor, courseId }: { actor: Actor; courseId: string }): Promise<ServiceResult<EvaluationResults>> {
	return inTenant(
		ctx,
		actor,
		async (tx) => {
			const course = await getOwnCourse(tx, { tenantId: actor.tenantId, courseId })
			if (!course || !can(actor, 'update', { kind: 'course', providerTenantId: actor.tenantId })) throw refusal('not_found', 'COURSE_NOT_FOUND')
			const answers = await listEvaluationAnswers(tx, { tenantId: actor.tenantId, courseId, formVersion: DEFAULT_EVALUATION.version })
			const outcomes = (await countSelfCardOutcomes(tx, { courseId })) ?? { reviewedCards: 0, done: 0, partly: 0, notDone: 0 }
			return {
				course: { id: course.id, title: course.title, status: course.status },
				form: DEFAULT_EVALUATION,
				summary: summariseEvaluations(DEFAULT_EVALUATION, answers),
				selfCards: summariseSelfCardOutcomes(outcomes),
			}
		},
		{ readOnly: true },
	)
}

export type EvaluationAnswerExport = { course: { id: string; title: string }; form: EvaluationForm; rows: (number | string | null)[][] }

/**
 * The anonymous responses of one of the unit's own courses as rows, for a spreadsheet (ADR 041):
 * the answers only, sorted by content (`anonymousAnswerRows`); refused below five responses, as
 * the page shows nothing of them then.
 */
export async function exportEvaluationAnswers(ctx: ServiceContext, { actor, courseId }: { actor: Actor; courseId: string }): Promise<ServiceResult<EvaluationAnswerExport>> {
	const read = await inTenant(
		ctx,
		actor,
		async (tx) => {
			const course = await getOwnCourse(tx, { tenantId: actor.tenantId, courseId })
			if (!course || !can(actor, 'update', { kind: 'course', providerTenantId: actor.tenantId })) throw refusal('not_found', 'COURSE_NOT_FOUND')
			return { course: { id: course.id, title: course.title }, answers: await listEvaluationAnswers(tx, { tenantId: actor.tenantId, courseId, formVersion: DEFAULT_EVALUATION.version }) }
		},
		{ readOnly: true },
	)
	if (!read.ok) return read
	const rows = anonymousAnswerRows(DEFAULT_EVALUATION, read.value.answers)
	if (!rows) return refuse('invalid', 'EVALUATION_TOO_FEW')
	return succeed({ course: read.value.course, form: DEFAULT_EVALUATION, rows })
}
