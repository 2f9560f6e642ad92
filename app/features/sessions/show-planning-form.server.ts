import { getSessionPlan, listActiveRooms, listActiveTrainers, listPlannableCourses } from '@leerplein/db/planning'
import { amsterdamWallClock, can, ONLINE_PLACE, type Actor } from '@leerplein/domain'
import { inTenant, refusal, type ServiceContext } from '../../core/service.server.ts'
import { newSessionPlan } from './plan-session-schema.ts'
import { ownUnitSession } from './own-unit-session.ts'

/**
 * What the planning form offers: the courses the unit may plan, its active rooms and trainers, and
 * the form's starting values — empty, with a course chosen, or a copy of one of the unit's sessions
 * (its times, rooms, trainers, seats and note; the dates are left for the new ones). Another
 * unit's session to copy is `not_found`.
 */
export async function showPlanningForm(ctx: ServiceContext, { actor, courseId, copyOf }: { actor: Actor; courseId: string | null; copyOf: string | null }) {
	return inTenant(ctx, actor, async (tx) => {
		if (!can(actor, 'update', ownUnitSession(actor))) throw refusal('forbidden', 'FORBIDDEN')
		const { tenantId } = actor
		const [courses, rooms, trainers] = [await listPlannableCourses(tx, { tenantId }), await listActiveRooms(tx, { tenantId }), await listActiveTrainers(tx, { tenantId })]
		if (!copyOf) {
			// A course id that is not one of the unit's simply selects nothing.
			return { courses, rooms, trainers, defaultValue: newSessionPlan(courses.some((course) => course.id === courseId) ? courseId! : '') }
		}
		const original = await getSessionPlan(tx, { tenantId, sessionId: copyOf })
		if (!original) throw refusal('not_found', 'SESSION_NOT_FOUND')
		const defaultValue = {
			...newSessionPlan(original.courseId),
			meetings: original.meetings.map((meeting) => ({
				date: '',
				startTime: amsterdamWallClock(meeting.startsAt).time,
				endTime: amsterdamWallClock(meeting.endsAt).time,
				place: meeting.online ? ONLINE_PLACE : (meeting.roomId ?? ''),
				trainerIds: meeting.trainers.map((trainer) => trainer.id),
			})),
			capacity: String(original.capacity),
			minimumParticipants: original.minimumParticipants === null ? '' : String(original.minimumParticipants),
			onlineLink: original.onlineLink ?? '',
			participantNote: original.participantNote ?? '',
		}
		return { courses, rooms, trainers, defaultValue }
	})
}
