import { withTenantContext } from '@leerplein/db'
import { getCourse, listUpcomingSessions } from '@leerplein/db/catalogue'
import { courseRedirectTarget, listCourseOfferings } from '@leerplein/db/deduplication'
import { isEnrolledInCourse, listCourseOnlineParts, listMyOnlineResults, listMyPartCompletions } from '@leerplein/db/lti'
import { can, enrolmentClosed, isUnpublishedCourseVisibleTo, seatAvailability } from '@leerplein/domain'
import { refuse, succeed, type Actor, type ServiceContext } from '../../core/service.server.ts'

/**
 * A course page: the course (if the viewer may see it), its upcoming sessions with free seats, and
 * its online parts, which the viewer may open when enrolled (or coordinating the providing unit),
 * with the viewer's own results and completion; the units that offer it besides the provider.
 * For a course merged into another (issue 4) it says where the course went. A visitor (`actor`
 * null) sees what every unit may see; a course the viewer may not see is not found, and so is a
 * draft or archived course to anyone but the providing unit's coordinators.
 */
export async function showCourse(ctx: ServiceContext, { actor, courseId }: { actor: Actor | null; courseId: string }) {
	const now = ctx.clock.now()
	const viewerTenantId = actor?.tenantId ?? null
	// Row-level security sees the same viewer as the queries' own visibility filter. A visitor has
	// no unit, which inTenant's scope cannot express: the page is read in a context without one.
	const page = await withTenantContext(ctx.db, { tenantId: viewerTenantId, userId: actor?.userId ?? null }, async (tx) => {
		// A draft or archived course of the viewer's own unit only for its coordinators (isCourseVisibleTo).
		const unpublished = actor !== null && isUnpublishedCourseVisibleTo({ providerTenantId: actor.tenantId }, actor)
		const course = await getCourse(tx, { viewerTenantId, unpublished, courseId })
		if (!course) {
			const movedTo = await courseRedirectTarget(tx, { courseId })
			return movedTo ? ({ kind: 'moved', courseId: movedTo } as const) : null
		}
		const sessions = await listUpcomingSessions(tx, { courseId, now })
		const offerings = await listCourseOfferings(tx, { courseId })
		const parts = await listCourseOnlineParts(tx, { courseId })
		// The providing unit's coordinators run its sessions: they may open and manage its online parts.
		const coordinates = actor ? can(actor, 'update', { kind: 'session', tenantId: course.providerTenantId }) : false
		const enrolled = actor && parts.length > 0 ? await isEnrolledInCourse(tx, { courseId, userId: actor.userId }) : false
		const results = actor && parts.length > 0 ? await listMyOnlineResults(tx, { userId: actor.userId, courseId }) : []
		// Completion without a grade comes from the web-services sync, not from a score.
		const ungraded = actor && parts.length > 0 ? await listMyPartCompletions(tx, { userId: actor.userId, courseId }) : []
		return {
			kind: 'course' as const,
			course,
			offeredBy: offerings.map((offering) => offering.name),
			// Past its enrolment deadline a session is still shown, but no longer offered to enrol in.
			sessions: sessions.map((session) => ({ ...session, seats: seatAvailability(session.capacity, session.seatsTaken), enrolmentOpen: !enrolmentClosed({ enrolmentDeadline: session.enrolmentDeadline, now }) })),
			onlineParts: parts.map(({ link, toolName, toolActive }) => {
				const mine = results.filter((result) => result.resourceLinkId === link.id).map(({ result }) => result)
				const completed = mine.find((result) => result.completedAt !== null)
				const latest = mine.sort((a, b) => b.scoredAt.getTime() - a.scoredAt.getTime())[0]
				return {
					id: link.id,
					title: link.title,
					description: link.description,
					toolName,
					// A switched-off tool's parts cannot be opened: the page shows no launch link for them.
					toolActive,
					completedAt: completed?.completedAt ?? ungraded.find((completion) => completion.resourceLinkId === link.id)?.completedAt ?? null,
					score: latest && latest.scoreGiven !== null && latest.scoreMaximum ? { given: latest.scoreGiven, maximum: latest.scoreMaximum } : null,
				}
			}),
			mayLaunch: enrolled || coordinates,
			mayManageOnlineParts: coordinates,
		}
	})
	return page ? succeed(page) : refuse('not_found', 'COURSE_NOT_FOUND')
}
