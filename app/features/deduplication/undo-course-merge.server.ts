import { undoCourseMerge as undo, withTenantContext, writeAudit } from '@leerplein/db'
import type { LeerpleinContext } from '../../load-context.ts'
import { queueDuplicateScan } from './request-duplicate-scan.server.ts'

/** Undoes one merge exactly (sessions, offerings and status back), records it in the audit log, and queues a new duplicate scan. */
export async function undoCourseMerge(
	context: Pick<LeerpleinContext, 'db' | 'clientIp' | 'requestId'>,
	{ tenantId, userId, mergeId, now }: { tenantId: string; userId: string; mergeId: string; now: Date },
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
		await queueDuplicateScan(tx, { tenantId, userId, now, trigger: 'undo', origin: context.clientIp, requestId: context.requestId })
	})
}
