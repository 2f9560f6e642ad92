import { getOwnCourse } from '@leerplein/db/catalogue'
import { countSelfCardOutcomes, listEvaluationAnswers } from '@leerplein/db/effect'
import { can, DEFAULT_EVALUATION, summariseEvaluations, summariseSelfCardOutcomes, type CourseStatus, type EvaluationForm, type EvaluationSummary, type SelfCardOutcomeSummary } from '@leerplein/domain'
import { inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

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
