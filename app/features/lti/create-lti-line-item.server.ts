import { insertLineItem, listCourseOnlineParts, type LtiLineItem } from '@leerplein/db/lti'
import { isUuid } from '@leerplein/domain'
import type { LineItemInput } from '@leerplein/moodle'
import { refusal, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { inToolContext, type ToolAccess } from './tool-context.server.ts'

/** AGS: a tool adds a line item to the course; a resourceLinkId must be one of its own online parts there. */
export async function createLtiLineItem(ctx: ServiceContext, { actor, input }: { actor: ToolAccess; input: LineItemInput }): Promise<ServiceResult<LtiLineItem>> {
	return inToolContext(ctx, actor, async (tx) => {
		if (input.resourceLinkId) {
			const parts = await listCourseOnlineParts(tx, { courseId: actor.courseId })
			if (!isUuid(input.resourceLinkId) || !parts.some(({ link }) => link.id === input.resourceLinkId)) throw refusal('invalid', 'LTI_RESOURCE_LINK_UNKNOWN')
		}
		return insertLineItem(tx, {
			tenantId: actor.tenantId,
			courseId: actor.courseId,
			toolId: actor.toolId,
			resourceLinkId: input.resourceLinkId ?? null,
			label: input.label,
			scoreMaximum: input.scoreMaximum,
			resourceId: input.resourceId ?? null,
			tag: input.tag ?? null,
			startDateTime: input.startDateTime,
			endDateTime: input.endDateTime,
		})
	})
}
