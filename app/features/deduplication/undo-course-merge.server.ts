import { undoCourseMerge as undo } from '@leerplein/db/deduplication'
import { can } from '@leerplein/domain'
import { audit, inTenant, refuse, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { mergeRefusal } from './merge-refusal.server.ts'
import { queueDuplicateScan } from './request-duplicate-scan.server.ts'

/**
 * Undoes one merge exactly (sessions, offerings and status back), records it in the audit log,
 * and queues a new duplicate scan. A merge already undone, or whose canonical course was merged
 * itself since, is refused (MERGE_UNDO_NOT_ALLOWED).
 */
export async function undoCourseMerge(ctx: ServiceContext, { actor, mergeId }: { actor: Actor; mergeId: string }): Promise<ServiceResult<void>> {
	if (!can(actor, 'merge', { kind: 'duplicates' })) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(ctx, actor, async (tx) => {
		await undo(tx, { mergeId }).catch((error: unknown) => {
			ctx.logger.warn({ err: error, mergeId }, 'undo of a course merge refused')
			throw mergeRefusal(error, 'MERGE_UNDO_NOT_ALLOWED') ?? error
		})
		await audit(ctx, tx, { actor, tenantId: null, action: 'course.merge_undo', objectType: 'course_merge', objectId: mergeId })
		await queueDuplicateScan(ctx, tx, { actor, trigger: 'undo' })
	})
}
