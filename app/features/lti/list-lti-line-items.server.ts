import { listLineItems, type LtiLineItem } from '@leerplein/db/lti'
import type { ServiceContext, ServiceResult } from '../../core/service.server.ts'
import { inToolContext, type ToolAccess } from './tool-context.server.ts'

export type LineItemFilter = { resourceLinkId: string | null; resourceId: string | null; tag: string | null }

/** AGS line-items container: one page of the tool's items in the course, filtered as Moodle asks. */
export async function listLtiLineItems(
	ctx: ServiceContext,
	{ actor, filter, page, pageSize }: { actor: ToolAccess; filter: LineItemFilter; page: number; pageSize: number },
): Promise<ServiceResult<{ items: LtiLineItem[]; hasNext: boolean }>> {
	return inToolContext(ctx, actor, (tx) => listLineItems(tx, { filter: { courseId: actor.courseId, ...filter }, page, pageSize }))
}
