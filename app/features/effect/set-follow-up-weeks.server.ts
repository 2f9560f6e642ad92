import { getCourseFollowUpWeeks, setCourseFollowUpWeeks } from '@leerplein/db/effect'
import { can, checkFollowUpWeeks } from '@leerplein/domain'
import { audit, inTenant, refuse, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { FOLLOW_UP_WEEKS_ERRORS } from './evaluation-schema.ts'

/**
 * A coordinator of the providing unit sets the follow-up of one of the unit's own courses (ADR
 * 045): the weeks from completion (`checkFollowUpWeeks`: 4–52) and whether the participant's
 * manager gets a questionnaire then. Applies to completions from now on (the trigger makes each
 * follow-up at completion). Another unit's course is not found; the change is audited with before
 * and after.
 */
export async function setFollowUpWeeks(
	ctx: ServiceContext,
	{ actor, courseId, weeks, managerQuestionnaire = false }: { actor: Actor; courseId: string; weeks: string; managerQuestionnaire?: boolean },
): Promise<ServiceResult<{ weeks: number; managerQuestionnaire: boolean }>> {
	const checked = checkFollowUpWeeks(weeks)
	if (!checked.ok) return refuse('invalid', FOLLOW_UP_WEEKS_ERRORS[checked.error], { field: 'weeks' })
	return inTenant(ctx, actor, async (tx) => {
		const before = await getCourseFollowUpWeeks(tx, { tenantId: actor.tenantId, courseId })
		if (before === null || !can(actor, 'update', { kind: 'course', providerTenantId: actor.tenantId })) throw refusal('not_found', 'COURSE_NOT_FOUND')
		if (!(await setCourseFollowUpWeeks(tx, { tenantId: actor.tenantId, courseId, weeks: checked.value, managerQuestionnaire }))) throw refusal('not_found', 'COURSE_NOT_FOUND')
		await audit(ctx, tx, {
			actor,
			action: 'course.follow_up_weeks',
			objectType: 'course',
			objectId: courseId,
			before: { followUpWeeks: before.weeks, managerQuestionnaire: before.managerQuestionnaire },
			after: { followUpWeeks: checked.value, managerQuestionnaire },
		})
		return { weeks: checked.value, managerQuestionnaire }
	})
}
