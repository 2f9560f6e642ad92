import { getOwnCourse } from '@leerplein/db/catalogue'
import { listEvaluationAnswers } from '@leerplein/db/effect'
import { can, DEFAULT_EVALUATION, summariseEvaluations, type CourseStatus, type EvaluationForm, type EvaluationSummary } from '@leerplein/domain'
import { inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

export type EvaluationResults = { course: { id: string; title: string; status: CourseStatus }; form: EvaluationForm; summary: EvaluationSummary }

/**
 * The evaluation of one of the unit's own courses, for its coordinators (ADR 041): the number of
 * responses, and only from five on what they say (`summariseEvaluations`). Another unit's course
 * is not found; the responses are read under the providing unit's row-level security.
 */
export async function showEvaluationResults(ctx: ServiceContext, { actor, courseId }: { actor: Actor; courseId: string }): Promise<ServiceResult<EvaluationResults>> {
	return inTenant(
		ctx,
		actor,
		async (tx) => {
			const course = await getOwnCourse(tx, { tenantId: actor.tenantId, courseId })
			if (!course || !can(actor, 'update', { kind: 'course', providerTenantId: actor.tenantId })) throw refusal('not_found', 'COURSE_NOT_FOUND')
			const answers = await listEvaluationAnswers(tx, { tenantId: actor.tenantId, courseId, formVersion: DEFAULT_EVALUATION.version })
			return { course: { id: course.id, title: course.title, status: course.status }, form: DEFAULT_EVALUATION, summary: summariseEvaluations(DEFAULT_EVALUATION, answers) }
		},
		{ readOnly: true },
	)
}
