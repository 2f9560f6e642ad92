import { getPlannableCourse, getSessionPlan, listActiveRooms, listActiveTrainers } from '@leerplein/db/planning'
import { amsterdamWallClock, can, isUuid, ONLINE_PLACE, type Actor } from '@leerplein/domain'
import { inTenant, refusal, type ServiceContext } from '../../core/service.server.ts'
import { newSessionPlan } from './plan-session-schema.ts'
import { ownUnitSession } from './own-unit-session.ts'
import { plannableCourseMatches } from './search-plannable-courses.server.ts'

/**
 * What the planning form offers: the first of the courses the unit may plan that match the course
 * search (the picker asks for more as one types), its active rooms and trainers, and
 * the form's starting values — empty, with a course chosen, or a copy of one of the unit's sessions
 * (its times, rooms, trainers, seats and note; the dates are left for the new ones). Another
 * unit's session to copy is `not_found`.
 */
export async function showPlanningForm(
	ctx: ServiceContext,
	{ actor, courseId, copyOf, courseSearch }: { actor: Actor; courseId: string | null; copyOf: string | null; courseSearch: string },
) {
	return inTenant(ctx, actor, async (tx) => {
		if (!can(actor, 'update', ownUnitSession(actor))) throw refusal('forbidden', 'FORBIDDEN')
		const { tenantId } = actor
		const [matches, rooms, trainers] = [await plannableCourseMatches(tx, { tenantId, search: courseSearch }), await listActiveRooms(tx, { tenantId }), await listActiveTrainers(tx, { tenantId })]
		/** The course chosen before the form opens, named, so the picker shows it whatever the search. */
		const chosenCourse = async (id: string | null) => {
			// A course id that is not one of the unit's (or no id at all) simply chooses nothing.
			const course = id && isUuid(id) ? await getPlannableCourse(tx, { tenantId, courseId: id }) : null
			return course ? { id: course.id, title: course.title } : null
		}
		if (!copyOf) {
			const chosen = await chosenCourse(courseId)
			return { ...matches, chosen, rooms, trainers, defaultValue: newSessionPlan(chosen?.id ?? '') }
		}
		const original = await getSessionPlan(tx, { tenantId, sessionId: copyOf })
		if (!original) throw refusal('not_found', 'SESSION_NOT_FOUND')
		const chosen = await chosenCourse(original.courseId)
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
		return { ...matches, chosen, rooms, trainers, defaultValue }
	})
}
