import { getLineItem, listResults, withToolContext } from '@leerplein/db'
import { isUuid } from '@leerplein/domain'
import type { ToolAccess } from './service-auth.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'

/** AGS results of a line item, one page, optionally for one person; null when the item is not the tool's. */
export async function listLtiResults(
	context: LeerpleinContext,
	{ access, lineItemId, userId, page, pageSize }: { access: ToolAccess; lineItemId: string; userId: string | null; page: number; pageSize: number },
) {
	if (!isUuid(lineItemId)) return null
	return withToolContext(context.db, { tenantId: access.tenantId, toolId: access.toolId }, async (tx) => {
		if (!(await getLineItem(tx, { courseId: access.courseId, lineItemId }))) return null
		if (userId !== null && !isUuid(userId)) return { results: [], hasNext: false }
		return listResults(tx, { lineItemId, userId, page, pageSize })
	})
}
