import {
	courseRedirectTarget,
	getCourse,
	isEnrolledInCourse,
	listCourseOfferings,
	listCourseOnlineParts,
	listMyOnlineResults,
	listMyPartCompletions,
	listUpcomingSessions,
	withTenantContext,
} from '@leerplein/db'
import { holdsRole, seatAvailability, type RoleGrant } from '@leerplein/domain'
import type { LeerpleinContext } from '../../load-context.ts'

export type CourseViewer = { tenantId: string; userId: string; grants: readonly RoleGrant[] } | null

/**
 * A course page: the course (if the viewer may see it), its upcoming sessions with free seats, and
 * its online parts, which the viewer may open when enrolled (or coordinating the providing unit),
 * with the viewer's own results and completion; the units that offer it besides the provider.
 * For a course merged into another (issue 4) it says where the course went.
 */
export async function showCourse(
	{ db }: Pick<LeerpleinContext, 'db'>,
	{ viewer, courseId, now }: { viewer: CourseViewer; courseId: string; now: Date },
) {
	const viewerTenantId = viewer?.tenantId ?? null
	// Row-level security sees the same viewer as the queries' own visibility filter.
	return withTenantContext(db, { tenantId: viewerTenantId, userId: viewer?.userId ?? null }, async (tx) => {
		const course = await getCourse(tx, { viewerTenantId, courseId })
		if (!course) {
			const movedTo = await courseRedirectTarget(tx, { courseId })
			return movedTo ? ({ kind: 'moved', courseId: movedTo } as const) : null
		}
		const sessions = await listUpcomingSessions(tx, { courseId, now })
		const offerings = await listCourseOfferings(tx, { courseId })
		const parts = await listCourseOnlineParts(tx, { courseId })
		const coordinates = viewer ? holdsRole({ ...viewer }, 'coordinator', course.providerTenantId) : false
		const enrolled = viewer && parts.length > 0 ? await isEnrolledInCourse(tx, { courseId, userId: viewer.userId }) : false
		const results = viewer && parts.length > 0 ? await listMyOnlineResults(tx, { userId: viewer.userId, courseId }) : []
		// Completion without a grade comes from the web-services sync, not from a score.
		const ungraded = viewer && parts.length > 0 ? await listMyPartCompletions(tx, { userId: viewer.userId, courseId }) : []
		return {
			kind: 'course' as const,
			course,
			offeredBy: offerings.map((offering) => offering.name),
			sessions: sessions.map((session) => ({ ...session, seats: seatAvailability(session.capacity, session.seatsTaken) })),
			onlineParts: parts.map(({ link, toolName }) => {
				const mine = results.filter((result) => result.resourceLinkId === link.id).map(({ result }) => result)
				const completed = mine.find((result) => result.completedAt !== null)
				const latest = mine.sort((a, b) => b.scoredAt.getTime() - a.scoredAt.getTime())[0]
				return {
					id: link.id,
					title: link.title,
					description: link.description,
					toolName,
					completedAt: completed?.completedAt ?? ungraded.find((completion) => completion.resourceLinkId === link.id)?.completedAt ?? null,
					score: latest && latest.scoreGiven !== null && latest.scoreMaximum ? { given: latest.scoreGiven, maximum: latest.scoreMaximum } : null,
				}
			}),
			mayLaunch: enrolled || coordinates,
			mayManageOnlineParts: coordinates,
		}
	})
}
