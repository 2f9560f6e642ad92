import { getOwnCourse } from '@leerplein/db/catalogue'
import { can, type Actor } from '@leerplein/domain'
import type { Database } from '@leerplein/db'
import { refusal } from '../../core/service.server.ts'

/** One of the unit's own courses, for its coordinators' deck; another unit's course is not found (ADR 047). */
export async function ownDeckCourse(tx: Database, actor: Actor, courseId: string) {
	const course = await getOwnCourse(tx, { tenantId: actor.tenantId, courseId })
	if (!course || !can(actor, 'update', { kind: 'course', providerTenantId: actor.tenantId })) throw refusal('not_found', 'COURSE_NOT_FOUND')
	return course
}
