import { getCourseCompletionMinParts, listCourseLearnersIn, listCourseOnlineParts, setCourseCompletionMinParts } from '@leerplein/db/lti'
import { checkCompletionRule, completionRuleOf, ENROLMENT_STATUSES_A_RULE_COMPLETES, minPartsOf, partCountOf } from '@leerplein/domain'
import { audit, inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { settleBlendedCompletion } from '../enrolment/settle-blended-completion.server.ts'
import { courseToManage } from './course-to-manage.server.ts'

/**
 * A blended programme's completion rule (ADR 033): every part, or at least n of its parts (the
 * classroom part and each online part), 1 ≤ n ≤ the parts it has now. Those who manage the course;
 * audited with the rule before and after. The change is retroactive: in the same transaction every
 * open enrolment of the course is settled under the new rule (a lower n completes those who now meet
 * it), each as a result arriving would; returns how many it completed.
 */
export async function setCompletionRule(
	ctx: ServiceContext,
	{ actor, courseId, minParts }: { actor: Actor; courseId: string; minParts: number | null },
): Promise<ServiceResult<{ completed: number }>> {
	return inTenant(ctx, actor, async (tx) => {
		const course = await courseToManage(tx, { actor, courseId })
		const partCount = partCountOf((await listCourseOnlineParts(tx, { courseId })).length)
		const checked = checkCompletionRule(completionRuleOf(minParts), partCount)
		if (!checked.ok) throw refusal('invalid', checked.code, { field: 'minParts', values: { parts: partCount } })
		const before = await getCourseCompletionMinParts(tx, { courseId })
		if (before === minPartsOf(checked.value)) return { completed: 0 }
		if (!(await setCourseCompletionMinParts(tx, { courseId, minParts: minPartsOf(checked.value), now: ctx.clock.now() }))) throw refusal('not_found', 'COURSE_NOT_FOUND')
		await audit(ctx, tx, {
			actor,
			tenantId: course.providerTenantId,
			action: 'course.completion_rule_set',
			objectType: 'course',
			objectId: courseId,
			before: { minParts: before },
			after: { minParts: minPartsOf(checked.value) },
		})
		let completed = 0
		for (const userId of await listCourseLearnersIn(tx, { courseId, statuses: ENROLMENT_STATUSES_A_RULE_COMPLETES })) {
			completed += await settleBlendedCompletion(ctx, tx, { courseId, userId })
		}
		return { completed }
	})
}
