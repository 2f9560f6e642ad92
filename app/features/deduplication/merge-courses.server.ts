import { mergeCourse } from '@leerplein/db/deduplication'
import { can } from '@leerplein/domain'
import { audit, inTenant, refuse, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { mergeRefusal } from './merge-refusal.server.ts'
import { queueDuplicateScan } from './request-duplicate-scan.server.ts'

/**
 * Merges courses into one canonical course, in one transaction: each merged course's sessions
 * (with their enrolments) and offerings move over, its provider becomes an offering unit, and
 * its old URL redirects. The database function checks the concern administrator and the courses
 * itself (a course no longer published is refused: MERGE_NOT_ALLOWED). The duplicate report is
 * outdated by it: a new scan is queued in the same transaction. Returns the merges' ids.
 */
export async function mergeCourses(
	ctx: ServiceContext,
	{ actor, canonicalId, mergedIds }: { actor: Actor; canonicalId: string; mergedIds: string[] },
): Promise<ServiceResult<string[]>> {
	if (!can(actor, 'merge', { kind: 'duplicates' })) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(ctx, actor, async (tx) => {
		const mergeIds: string[] = []
		for (const mergedId of mergedIds) {
			const mergeId = await mergeCourse(tx, { canonicalId, mergedId }).catch((error: unknown) => {
				ctx.logger.warn({ err: error, canonicalId, mergedId }, 'course merge refused')
				throw mergeRefusal(error, 'MERGE_NOT_ALLOWED') ?? error
			})
			// A concern-level act: no unit's own trail (tenant null), like the concern administrator's role itself.
			await audit(ctx, tx, { actor, tenantId: null, action: 'course.merge', objectType: 'course', objectId: mergedId, after: { mergeId, canonicalCourseId: canonicalId } })
			mergeIds.push(mergeId)
		}
		await queueDuplicateScan(ctx, tx, { actor, trigger: 'merge' })
		return mergeIds
	})
}
