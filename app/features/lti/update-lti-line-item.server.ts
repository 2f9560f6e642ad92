import { getLineItem, updateLineItem, type LtiLineItem } from '@leerplein/db/lti'
import { isUuid } from '@leerplein/domain'
import type { LineItemInput } from '@leerplein/moodle'
import { refusal, refuse, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { inToolContext, type ToolAccess } from './tool-context.server.ts'

/** AGS PUT: the tool changes its line item; the link it hangs on cannot be moved (AGS 2.0 §3.2.8). */
export async function updateLtiLineItem(
	ctx: ServiceContext,
	{ actor, lineItemId, input }: { actor: ToolAccess; lineItemId: string; input: LineItemInput },
): Promise<ServiceResult<LtiLineItem>> {
	if (!isUuid(lineItemId)) return refuse('not_found', 'LTI_LINE_ITEM_NOT_FOUND')
	return inToolContext(ctx, actor, async (tx) => {
		const changed = (await getLineItem(tx, { courseId: actor.courseId, lineItemId }))
			? await updateLineItem(tx, {
					lineItemId,
					changes: {
						label: input.label,
						scoreMaximum: input.scoreMaximum,
						resourceId: input.resourceId ?? null,
						tag: input.tag ?? null,
						startDateTime: input.startDateTime,
						endDateTime: input.endDateTime,
					},
				})
			: null
		if (!changed) throw refusal('not_found', 'LTI_LINE_ITEM_NOT_FOUND')
		return changed
	})
}
