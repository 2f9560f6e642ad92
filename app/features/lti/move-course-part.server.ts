import { getClassroomPartIndex, listCourseOnlineParts, setCoursePartOrder } from '@leerplein/db/lti'
import { movePart } from '@leerplein/domain'
import { audit, inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { courseToManage } from './course-to-manage.server.ts'

/**
 * Moves one part of a blended programme a place up or down (ADR 033): the classroom part or an
 * online part. Those who manage the course; the first part cannot go up nor the last down (refused,
 * nothing changes); audited with the order before and after.
 */
export async function moveCoursePart(
	ctx: ServiceContext,
	{ actor, courseId, part, direction }: { actor: Actor; courseId: string; part: 'classroom' | string; direction: 'up' | 'down' },
): Promise<ServiceResult<null>> {
	return inTenant(ctx, actor, async (tx) => {
		const course = await courseToManage(tx, { actor, courseId })
		const before = { classroomIndex: await getClassroomPartIndex(tx, { courseId }), online: (await listCourseOnlineParts(tx, { courseId })).map(({ link }) => link.id) }
		const moved = movePart(before, part, direction)
		if (!moved.ok) throw refusal(moved.code === 'ONLINE_PART_NOT_FOUND' ? 'not_found' : 'conflict', moved.code)
		await setCoursePartOrder(tx, { courseId, ...moved.value, now: ctx.clock.now() })
		await audit(ctx, tx, { actor, tenantId: course.providerTenantId, action: 'course.part_order_set', objectType: 'course', objectId: courseId, before, after: moved.value })
		return null
	})
}
