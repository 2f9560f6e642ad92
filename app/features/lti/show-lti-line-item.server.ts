import { getLineItem, type LtiLineItem } from '@leerplein/db/lti'
import { isUuid } from '@leerplein/domain'
import { refusal, refuse, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { inToolContext, type ToolAccess } from './tool-context.server.ts'

/** AGS: one of the tool's line items in the course. */
export async function showLtiLineItem(ctx: ServiceContext, { actor, lineItemId }: { actor: ToolAccess; lineItemId: string }): Promise<ServiceResult<LtiLineItem>> {
	if (!isUuid(lineItemId)) return refuse('not_found', 'LTI_LINE_ITEM_NOT_FOUND')
	return inToolContext(ctx, actor, async (tx) => {
		const item = await getLineItem(tx, { courseId: actor.courseId, lineItemId })
		if (!item) throw refusal('not_found', 'LTI_LINE_ITEM_NOT_FOUND')
		return item
	})
}
