import { getDuplicateCourses, joinCourse as insertOffering, withTenantContext, writeAudit } from '@leerplein/db'
import type { LeerpleinContext } from '../../load-context.ts'

/**
 * The unit joins a shared course instead of creating a double: from now on it offers sessions
 * of that course. Returns false when the course is not visible to the unit (or not published),
 * or is the unit's own.
 */
export async function joinSharedCourse(
	context: Pick<LeerpleinContext, 'db' | 'clientIp' | 'requestId'>,
	{ tenantId, userId, courseId }: { tenantId: string; userId: string; courseId: string },
): Promise<boolean> {
	return withTenantContext(context.db, { tenantId, userId }, async (tx) => {
		const [course] = await getDuplicateCourses(tx, { courseIds: [courseId] })
		if (!course || course.status !== 'published' || course.providerTenantId === tenantId) return false
		const joined = await insertOffering(tx, { tenantId, courseId, userId })
		await writeAudit(tx, {
			tenantId,
			actorUserId: userId,
			action: 'course.join',
			objectType: 'course',
			objectId: courseId,
			result: 'success',
			origin: context.clientIp,
			requestId: context.requestId,
			after: { joined, providerTenantId: course.providerTenantId },
		})
		return true
	})
}
