import { listLineItems, withToolContext } from '@leerplein/db'
import type { ToolAccess } from './service-auth.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'

/** AGS line-items container: one page of the tool's items in the course, filtered as Moodle asks. */
export async function listLtiLineItems(
	context: LeerpleinContext,
	{ access, filter, page, pageSize }: { access: ToolAccess; filter: { resourceLinkId: string | null; resourceId: string | null; tag: string | null }; page: number; pageSize: number },
) {
	return withToolContext(context.db, { tenantId: access.tenantId, toolId: access.toolId }, (tx) =>
		listLineItems(tx, { filter: { courseId: access.courseId, ...filter }, page, pageSize }),
	)
}
