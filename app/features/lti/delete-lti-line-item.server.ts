import { deleteLineItem, getLineItem } from '@leerplein/db/lti'
import { isUuid } from '@leerplein/domain'
import { audit, refusal, refuse, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { inToolContext, type ToolAccess } from './tool-context.server.ts'

/** AGS DELETE: the tool removes its line item and the results on it; completions already recorded on enrolments stay. */
export async function deleteLtiLineItem(ctx: ServiceContext, { actor, lineItemId }: { actor: ToolAccess; lineItemId: string }): Promise<ServiceResult<null>> {
	if (!isUuid(lineItemId)) return refuse('not_found', 'LTI_LINE_ITEM_NOT_FOUND')
	return inToolContext(ctx, actor, async (tx) => {
		const item = await getLineItem(tx, { courseId: actor.courseId, lineItemId })
		if (!item) throw refusal('not_found', 'LTI_LINE_ITEM_NOT_FOUND')
		await deleteLineItem(tx, { lineItemId })
		await audit(ctx, tx, {
			actor,
			action: 'lti.line_item_deleted',
			objectType: 'lti_line_item',
			objectId: lineItemId,
			before: { label: item.label, toolId: actor.toolId, courseId: actor.courseId },
		})
		return null
	})
}
