import { getOwnCourse, insertCourse, updateCourse, withTenantContext, writeAudit } from '@leerplein/db'
import type { CourseInput } from '@leerplein/domain'
import type { LeerpleinContext } from '../../load-context.ts'

/**
 * Creates a course of the unit, or updates one of its own, and records it in the audit log.
 * Returns the course id, or null when the course is not the unit's (or was merged meanwhile).
 */
export async function saveCourse(
	context: Pick<LeerpleinContext, 'db' | 'clientIp' | 'requestId'>,
	{ tenantId, userId, courseId, input }: { tenantId: string; userId: string; courseId: string | null; input: CourseInput },
): Promise<string | null> {
	const { priceEuros, ...rest } = input
	const values = { ...rest, priceCents: Math.round(priceEuros * 100) }
	return withTenantContext(context.db, { tenantId, userId }, async (tx) => {
		const before = courseId ? await getOwnCourse(tx, { tenantId, courseId }) : null
		if (courseId && !before) return null
		const id = courseId ? ((await updateCourse(tx, { tenantId, courseId, fields: values })) ? courseId : null) : await insertCourse(tx, { tenantId, fields: values })
		if (!id) return null
		await writeAudit(tx, {
			tenantId,
			actorUserId: userId,
			action: courseId ? 'course.update' : 'course.create',
			objectType: 'course',
			objectId: id,
			result: 'success',
			origin: context.clientIp,
			requestId: context.requestId,
			before,
			after: values,
		})
		return id
	})
}
