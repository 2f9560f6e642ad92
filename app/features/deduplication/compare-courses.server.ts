import { countSessionsByCourse, getDuplicateCourses, listCourseOfferings } from '@leerplein/db/deduplication'
import { can, scoreDuplicate } from '@leerplein/domain'
import { inTenant, refuse, refusal, type Actor, type ServiceContext } from '../../core/service.server.ts'

/**
 * Two to four published courses side by side, in the order asked, with their sessions, offering
 * units and how alike the first is to each. Fewer than two of them published: COURSES_TO_COMPARE.
 */
export async function compareCourses(ctx: ServiceContext, { actor, courseIds }: { actor: Actor; courseIds: string[] }) {
	if (!can(actor, 'read', { kind: 'duplicates' })) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(ctx, actor, async (tx) => {
		const found = await getDuplicateCourses(tx, { courseIds })
		const courses = courseIds.flatMap((id) => found.filter((course) => course.id === id && course.status === 'published'))
		if (courses.length < 2) throw refusal('invalid', 'COURSES_TO_COMPARE')
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
