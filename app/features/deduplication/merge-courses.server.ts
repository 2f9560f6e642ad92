import { mergeCourse, withTenantContext, writeAudit } from '@leerplein/db'
import type { LeerpleinContext } from '../../load-context.ts'
import { queueDuplicateScan } from './request-duplicate-scan.server.ts'

/**
 * Merges courses into one canonical course, in one transaction: each merged course's sessions
 * (with their enrolments) and offerings move over, its provider becomes an offering unit, and
 * its old URL redirects. The database function checks the concern administrator itself. The
 * duplicate report is outdated by it: a new scan is queued in the same transaction.
 */
export async function mergeCourses(
	context: Pick<LeerpleinContext, 'db' | 'clientIp' | 'requestId'>,
	{ tenantId, userId, canonicalId, mergedIds, now }: { tenantId: string; userId: string; canonicalId: string; mergedIds: string[]; now: Date },
): Promise<string[]> {
	return withTenantContext(context.db, { tenantId, userId }, async (tx) => {
		const mergeIds: string[] = []
		for (const mergedId of mergedIds) {
			const mergeId = await mergeCourse(tx, { canonicalId, mergedId })
			// A concern-level act: no unit's own trail (tenant null), like the concern administrator's role itself.
			await writeAudit(tx, {
				tenantId: null,
				actorUserId: userId,
				action: 'course.merge',
				objectType: 'course',
				objectId: mergedId,
				result: 'success',
				origin: context.clientIp,
				requestId: context.requestId,
				after: { mergeId, canonicalCourseId: canonicalId },
			})
			mergeIds.push(mergeId)
		}
		await queueDuplicateScan(tx, { tenantId, userId, now, trigger: 'merge', origin: context.clientIp, requestId: context.requestId })
		return mergeIds
	})
}
