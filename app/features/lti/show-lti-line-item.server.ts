import { getLineItem, withToolContext } from '@leerplein/db'
import { isUuid } from '@leerplein/domain'
import type { ToolAccess } from './service-auth.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'

/** AGS: one of the tool's line items in the course, or null. */
export async function showLtiLineItem(context: LeerpleinContext, { access, lineItemId }: { access: ToolAccess; lineItemId: string }) {
	if (!isUuid(lineItemId)) return null
	return withToolContext(context.db, { tenantId: access.tenantId, toolId: access.toolId }, (tx) => getLineItem(tx, { courseId: access.courseId, lineItemId }))
}
