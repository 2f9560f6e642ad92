import { undoCourseMerge as undo, withTenantContext, writeAudit } from '@leerplein/db'
import type { LeerpleinContext } from '../load-context.ts'

/** Undoes one merge exactly (sessions, offerings and status back) and records it in the audit log. */
export async function undoCourseMerge(
	context: Pick<LeerpleinContext, 'db' | 'clientIp' | 'requestId'>,
	{ tenantId, userId, mergeId }: { tenantId: string; userId: string; mergeId: string },
): Promise<void> {
	await withTenantContext(context.db, { tenantId, userId }, async (tx) => {
		await undo(tx, { mergeId })
		await writeAudit(tx, {
			tenantId: null,
			actorUserId: userId,
			action: 'course.merge_undo',
			objectType: 'course_merge',
			objectId: mergeId,
			result: 'success',
			origin: context.clientIp,
			requestId: context.requestId,
		})
	})
}
