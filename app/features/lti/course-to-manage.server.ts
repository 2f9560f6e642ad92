import type { Database } from '@leerplein/db'
import { getCourse } from '@leerplein/db/catalogue'
import { can, isUnpublishedCourseVisibleTo, type Actor } from '@leerplein/domain'
import { refusal } from '../../core/service.server.ts'

type Course = NonNullable<Awaited<ReturnType<typeof getCourse>>>

/**
 * Inside a transaction: a course whose online parts the actor manages. One the actor's unit cannot
 * see is not found (404), so ids cannot be probed; one they see but may not change is forbidden (403).
 */
export async function courseToManage(tx: Database, { actor, courseId }: { actor: Actor; courseId: string }): Promise<Course> {
	const unpublished = isUnpublishedCourseVisibleTo({ providerTenantId: actor.tenantId }, actor)
	const course = await getCourse(tx, { viewerTenantId: actor.tenantId, unpublished, courseId })
	if (!course) throw refusal('not_found', 'COURSE_NOT_FOUND')
	if (!can(actor, 'update', { kind: 'course', providerTenantId: course.providerTenantId })) throw refusal('forbidden', 'FORBIDDEN')
	return course
}
