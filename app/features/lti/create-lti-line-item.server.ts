import { insertLineItem, listCourseOnlineParts, withToolContext } from '@leerplein/db'
import { fail, isUuid, ok, type Result } from '@leerplein/domain'
import type { LineItemInput } from '@leerplein/moodle'
import type { LtiLineItem } from '@leerplein/db'
import type { ToolAccess } from './service-auth.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'

/** AGS: a tool adds a line item to the course; a resourceLinkId must be one of its own online parts there. */
export async function createLtiLineItem(
	context: LeerpleinContext,
	{ access, input }: { access: ToolAccess; input: LineItemInput },
): Promise<Result<LtiLineItem, 'UNKNOWN_RESOURCE_LINK'>> {
	return withToolContext(context.db, { tenantId: access.tenantId, toolId: access.toolId }, async (tx) => {
		if (input.resourceLinkId) {
			const parts = await listCourseOnlineParts(tx, { courseId: access.courseId })
			if (!isUuid(input.resourceLinkId) || !parts.some(({ link }) => link.id === input.resourceLinkId)) return fail('UNKNOWN_RESOURCE_LINK')
		}
		return ok(
			await insertLineItem(tx, {
				tenantId: access.tenantId,
				courseId: access.courseId,
				toolId: access.toolId,
				resourceLinkId: input.resourceLinkId ?? null,
				label: input.label,
				scoreMaximum: input.scoreMaximum,
				resourceId: input.resourceId ?? null,
				tag: input.tag ?? null,
				startDateTime: input.startDateTime,
				endDateTime: input.endDateTime,
			}),
		)
	})
}
