import { countSessionsByCourse, getDuplicateCourses, listCourseOfferings, withTenantContext } from '@leerplein/db'
import { scoreDuplicate } from '@leerplein/domain'
import type { LeerpleinContext } from '../../load-context.ts'

/** Two to four courses side by side, with their sessions, offering units and how alike the first is to each. */
export async function compareCourses({ db }: Pick<LeerpleinContext, 'db'>, { tenantId, userId, courseIds }: { tenantId: string; userId: string; courseIds: string[] }) {
	return withTenantContext(db, { tenantId, userId }, async (tx) => {
		const found = await getDuplicateCourses(tx, { courseIds })
		const courses = courseIds.flatMap((id) => found.filter((course) => course.id === id && course.status === 'published'))
		if (courses.length < 2) return null
		const counts = await countSessionsByCourse(tx, { courseIds: courses.map((course) => course.id) })
		const offerings = await Promise.all(courses.map((course) => listCourseOfferings(tx, { courseId: course.id })))
		const first = courses[0]!
		return courses.map((course, index) => ({
			...course,
			sessions: counts.get(course.id) ?? 0,
			offeredBy: offerings[index]!.map((offering) => offering.shortName),
			similarity: index === 0 ? null : scoreDuplicate(first, course),
		}))
	})
}
