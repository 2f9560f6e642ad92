import { getOwnCourse, setCourseStatus } from '@leerplein/db/catalogue'
import { can, decideCourseStatusChange, type CourseStatusChange } from '@leerplein/domain'
import { audit, inTenant, orRefuse, refuse, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { ownCourses } from './own-courses.ts'

/**
 * Publishes or archives one of the unit's own courses, the coordinator's explicit step (a course
 * is a draft until then), audit-logged as `course.publish` or `course.archive`. The domain decides
 * which change is allowed (a merged course changes no more; an incomplete one is not published).
 * Another unit's course is not found; a course whose status changed meanwhile is a conflict.
 */
export async function changeCourseStatus(
	ctx: ServiceContext,
	{ actor, courseId, change }: { actor: Actor; courseId: string; change: CourseStatusChange },
): Promise<ServiceResult<{ status: 'published' | 'archived' }>> {
	if (!can(actor, 'update', ownCourses(actor))) return refuse('forbidden', 'FORBIDDEN')
	const { tenantId } = actor
	return inTenant(ctx, actor, async (tx) => {
		const course = await getOwnCourse(tx, { tenantId, courseId })
		if (!course) throw refusal('not_found', 'COURSE_NOT_FOUND')
		const decided = decideCourseStatusChange(course, change)
		// An incomplete course is the coordinator's to finish; the other refusals mean the status moved on.
		const status = orRefuse(decided, !decided.ok && decided.code === 'COURSE_INCOMPLETE' ? 'invalid' : 'conflict')
		if (!(await setCourseStatus(tx, { tenantId, courseId, from: course.status, to: status }))) throw refusal('conflict', 'COURSE_STATUS_CHANGED')
		await audit(ctx, tx, { actor, action: `course.${change}`, objectType: 'course', objectId: courseId, before: { status: course.status }, after: { status } })
		return { status }
	})
}
