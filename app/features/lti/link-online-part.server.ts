import { getLtiTool, insertOnlinePart } from '@leerplein/db/lti'
import { audit, inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { courseToManage } from './course-to-manage.server.ts'
import type { OnlinePartInput } from './online-part-schema.ts'
import { forgetToolAccess } from './service-auth.server.ts'

/** A coordinator links a course's online part to a resource in a tool by hand (Moodle: the published resource's launch URL and UUID). Audited. */
export async function linkOnlinePart(
	ctx: ServiceContext,
	{ actor, courseId, input }: { actor: Actor; courseId: string; input: OnlinePartInput },
): Promise<ServiceResult<{ id: string }>> {
	return inTenant(ctx, actor, async (tx) => {
		const course = await courseToManage(tx, { actor, courseId })
		const tool = await getLtiTool(tx, { toolId: input.toolId })
		// The list offered only active tools: another one is a choice to make again.
		if (!tool || !tool.active) throw refusal('invalid', 'ONLINE_PART_TOOL_REQUIRED', { field: 'toolId' })
		const part = await insertOnlinePart(tx, {
			tenantId: course.providerTenantId,
			courseId,
			toolId: tool.id,
			deploymentId: tool.deploymentIds[0]!,
			title: input.title,
			targetLinkUri: input.targetLinkUri,
			custom: input.customId ? { id: input.customId } : {},
			passMarkPercent: input.passMarkPercent,
			moodleCourseId: input.moodleCourseId,
			moodleActivityId: input.moodleActivityId,
			createdBy: actor.userId,
		})
		await audit(ctx, tx, {
			actor,
			tenantId: course.providerTenantId,
			action: 'lti.online_part_linked',
			objectType: 'lti_resource_link',
			objectId: part.id,
			after: { courseId, toolId: tool.id, title: input.title, targetLinkUri: input.targetLinkUri, passMarkPercent: input.passMarkPercent, moodleActivityId: input.moodleActivityId },
		})
		return { id: part.id }
	}).finally(forgetToolAccess)
}
