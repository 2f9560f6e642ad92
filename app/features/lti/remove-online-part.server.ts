import { deleteOnlinePart } from '@leerplein/db/lti'
import { audit, inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { courseToManage } from './course-to-manage.server.ts'
import { forgetToolAccess } from './service-auth.server.ts'

/** Removes an online part (and, by cascade, its line items and results); completions already on enrolments stay. Audited. */
export async function removeOnlinePart(ctx: ServiceContext, { actor, courseId, resourceLinkId }: { actor: Actor; courseId: string; resourceLinkId: string }): Promise<ServiceResult<null>> {
	return inTenant(ctx, actor, async (tx) => {
		await courseToManage(tx, { actor, courseId })
		// Row-level security lets a unit delete only its own parts; the course id must match too.
		const removed = await deleteOnlinePart(tx, { courseId, resourceLinkId })
		if (!removed) throw refusal('not_found', 'ONLINE_PART_NOT_FOUND')
		await audit(ctx, tx, {
			actor,
			tenantId: removed.tenantId,
			action: 'lti.online_part_removed',
			objectType: 'lti_resource_link',
			objectId: removed.id,
			before: { courseId, toolId: removed.toolId, title: removed.title },
		})
		return null
	}).finally(forgetToolAccess)
}
