import { dismissDuplicatePair, withTenantContext, writeAudit } from '@leerplein/db'
import type { LeerpleinContext } from '../../load-context.ts'
import { queueDuplicateScan } from './request-duplicate-scan.server.ts'

/** Remembers that these courses are not duplicates of each other: no pair of them is suggested again, and a new scan is queued. */
export async function dismissDuplicates(
	context: Pick<LeerpleinContext, 'db' | 'clientIp' | 'requestId'>,
	{ tenantId, userId, courseIds, now }: { tenantId: string; userId: string; courseIds: string[]; now: Date },
): Promise<void> {
	await withTenantContext(context.db, { tenantId, userId }, async (tx) => {
		for (const [index, a] of courseIds.entries()) {
			for (const b of courseIds.slice(index + 1)) await dismissDuplicatePair(tx, { courseIds: [a, b], userId })
		}
		await writeAudit(tx, {
			tenantId: null,
			actorUserId: userId,
			action: 'course.not_duplicate',
			objectType: 'course',
			objectId: courseIds.join(','),
			result: 'success',
			origin: context.clientIp,
			requestId: context.requestId,
		})
		await queueDuplicateScan(tx, { tenantId, userId, now, trigger: 'not_duplicate', origin: context.clientIp, requestId: context.requestId })
	})
}
