import { dismissDuplicatePair } from '@leerplein/db/deduplication'
import { can } from '@leerplein/domain'
import { audit, inTenant, refuse, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { queueDuplicateScan } from './request-duplicate-scan.server.ts'

/** Remembers that these courses are not duplicates of each other: no pair of them is suggested again, and a new scan is queued. */
export async function dismissDuplicates(ctx: ServiceContext, { actor, courseIds }: { actor: Actor; courseIds: string[] }): Promise<ServiceResult<void>> {
	if (!can(actor, 'update', { kind: 'duplicates' })) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(ctx, actor, async (tx) => {
		for (const [index, a] of courseIds.entries()) {
			for (const b of courseIds.slice(index + 1)) await dismissDuplicatePair(tx, { courseIds: [a, b], userId: actor.userId })
		}
		await audit(ctx, tx, { actor, tenantId: null, action: 'course.not_duplicate', objectType: 'course', objectId: courseIds.join(',') })
		await queueDuplicateScan(ctx, tx, { actor, trigger: 'not_duplicate' })
	})
}
