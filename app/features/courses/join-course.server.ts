import { getDuplicateCourses, joinCourse as insertOffering } from '@leerplein/db/deduplication'
import { can } from '@leerplein/domain'
import { audit, inTenant, refuse, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/**
 * The asker's unit joins a shared course instead of creating a double: from now on it offers
 * sessions of that course. Refused when the course is not visible to the unit (or not
 * published), or is the unit's own; joining twice changes nothing.
 */
export async function joinSharedCourse(ctx: ServiceContext, { actor, courseId }: { actor: Actor; courseId: string }): Promise<ServiceResult<{ joined: boolean }>> {
	if (!can(actor, 'create', { kind: 'course-offering', tenantId: actor.tenantId })) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(ctx, actor, async (tx) => {
		const [course] = await getDuplicateCourses(tx, { courseIds: [courseId] })
		if (!course || course.status !== 'published' || course.providerTenantId === actor.tenantId) throw refusal('invalid', 'JOIN_NOT_ALLOWED')
		const joined = await insertOffering(tx, { tenantId: actor.tenantId, courseId, userId: actor.userId })
		await audit(ctx, tx, { actor, action: 'course.join', objectType: 'course', objectId: courseId, after: { joined, providerTenantId: course.providerTenantId } })
		return { joined }
	})
}
