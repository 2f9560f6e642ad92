import { getCourse, listUpcomingSessions, withTenantContext } from '@leerplein/db'
import { seatAvailability } from '@leerplein/domain'
import type { LeerpleinContext } from '../load-context.ts'

/** A course page: the course (if the viewer may see it) and its upcoming sessions with free seats. */
export async function showCourse(
	{ db }: Pick<LeerpleinContext, 'db'>,
	{ viewerTenantId, courseId, now }: { viewerTenantId: string | null; courseId: string; now: Date },
) {
	// Row-level security sees the same viewer as the queries' own visibility filter.
	return withTenantContext(db, { tenantId: viewerTenantId, userId: null }, async (tx) => {
		const course = await getCourse(tx, { viewerTenantId, courseId })
		if (!course) return null
		const sessions = await listUpcomingSessions(tx, { courseId, now })
		return {
			course,
			sessions: sessions.map((session) => ({ ...session, seats: seatAvailability(session.capacity, session.seatsTaken) })),
		}
	})
}
