import { deleteLineItem, getLineItem, withToolContext, writeAudit } from '@leerplein/db'
import { isUuid } from '@leerplein/domain'
import type { ToolAccess } from './service-auth.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'

/** AGS DELETE: the tool removes its line item and the results on it; completions already recorded on enrolments stay. */
export async function deleteLtiLineItem(context: LeerpleinContext, { access, lineItemId }: { access: ToolAccess; lineItemId: string }): Promise<boolean> {
	if (!isUuid(lineItemId)) return false
	return withToolContext(context.db, { tenantId: access.tenantId, toolId: access.toolId }, async (tx) => {
		const item = await getLineItem(tx, { courseId: access.courseId, lineItemId })
		if (!item) return false
		await deleteLineItem(tx, { lineItemId })
		await writeAudit(tx, {
			tenantId: access.tenantId,
			action: 'lti.line_item_deleted',
			objectType: 'lti_line_item',
			objectId: lineItemId,
			result: 'success',
			origin: context.clientIp,
			requestId: context.requestId,
			before: { label: item.label, toolId: access.toolId, courseId: access.courseId },
		})
		return true
	})
}
