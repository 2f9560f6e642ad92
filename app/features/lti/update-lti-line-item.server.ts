import { getLineItem, updateLineItem, withToolContext } from '@leerplein/db'
import { isUuid } from '@leerplein/domain'
import type { LineItemInput } from '@leerplein/moodle'
import type { ToolAccess } from './service-auth.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'

/** AGS PUT: the tool changes its line item; the link it hangs on cannot be moved (AGS 2.0 §3.2.8). */
export async function updateLtiLineItem(context: LeerpleinContext, { access, lineItemId, input }: { access: ToolAccess; lineItemId: string; input: LineItemInput }) {
	if (!isUuid(lineItemId)) return null
	return withToolContext(context.db, { tenantId: access.tenantId, toolId: access.toolId }, async (tx) => {
		if (!(await getLineItem(tx, { courseId: access.courseId, lineItemId }))) return null
		return updateLineItem(tx, {
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
	})
}
