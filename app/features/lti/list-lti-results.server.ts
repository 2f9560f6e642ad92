import { getLineItem, listResults } from '@leerplein/db/lti'
import { isUuid } from '@leerplein/domain'
import { refusal, refuse, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { inToolContext, type ToolAccess } from './tool-context.server.ts'

type Results = Awaited<ReturnType<typeof listResults>>

/** AGS results of one of the tool's line items, one page, optionally for one person. */
export async function listLtiResults(
	ctx: ServiceContext,
	{ actor, lineItemId, userId, page, pageSize }: { actor: ToolAccess; lineItemId: string; userId: string | null; page: number; pageSize: number },
): Promise<ServiceResult<Results>> {
	if (!isUuid(lineItemId)) return refuse('not_found', 'LTI_LINE_ITEM_NOT_FOUND')
	return inToolContext(ctx, actor, async (tx): Promise<Results> => {
		if (!(await getLineItem(tx, { courseId: actor.courseId, lineItemId }))) throw refusal('not_found', 'LTI_LINE_ITEM_NOT_FOUND')
		if (userId !== null && !isUuid(userId)) return { results: [], hasNext: false }
		return listResults(tx, { lineItemId, userId, page, pageSize })
	})
}
