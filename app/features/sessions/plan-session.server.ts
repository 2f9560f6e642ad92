import { getPlannableCourse, insertMeeting, insertSession } from '@leerplein/db/planning'
import { can, planSession, weeklyPlans, type Actor, type SessionPlan, type SessionPlanInput } from '@leerplein/domain'
import { audit, inTenant, refuse, refusal, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { ownUnitSession } from './own-unit-session.ts'
import { bookMeeting, checkOwnRoomsAndTrainers } from './planning-support.server.ts'

/**
 * Plans a new session of a course the unit offers — or a weekly series of them — with its
 * meetings, rooms and trainers, in one transaction, audit-logged. The plan's own rules (no past
 * meetings, end after start) come from the domain; another unit's course, room or trainer is not
 * found, beside its field; a room or trainer already booked at that time is refused by PostgreSQL
 * (ADR 027) and named beside the field, with the session that holds it. All or nothing.
 */
export async function planNewSession(
	ctx: ServiceContext,
	{ actor, courseId, input }: { actor: Actor; courseId: string; input: SessionPlanInput },
): Promise<ServiceResult<{ sessionIds: string[] }>> {
	if (!can(actor, 'update', ownUnitSession(actor))) return refuse('forbidden', 'FORBIDDEN')
	const now = ctx.clock.now()
	const plans: SessionPlan[] = []
	for (const weekly of weeklyPlans(input)) {
		const planned = planSession(weekly, { now })
		if (!planned.ok) return refuse('invalid', planned.refusal.code, { field: planned.refusal.field })
		plans.push(planned.value)
	}
	const { tenantId } = actor
	return inTenant(ctx, actor, async (tx) => {
		const course = await getPlannableCourse(tx, { tenantId, courseId })
		if (!course) throw refusal('not_found', 'PLAN_COURSE_NOT_FOUND', { field: 'courseId' })
		const roomLocation = await checkOwnRoomsAndTrainers(tx, { tenantId, input })
		const sessionIds: string[] = []
		for (const plan of plans) {
			const firstRoom = plan.meetings.find((meeting) => meeting.roomId)?.roomId
			const sessionId = await insertSession(tx, {
				tenantId,
				courseId,
				startsAt: plan.startsAt,
				endsAt: plan.endsAt,
				locationId: firstRoom ? roomLocation.get(firstRoom)! : null,
				capacity: plan.capacity,
				enrolmentDeadline: plan.enrolmentDeadline,
				minimumParticipants: plan.minimumParticipants,
				participantNote: plan.participantNote,
			})
			for (const meeting of plan.meetings) {
				await bookMeeting(tx, { tenantId, meeting, field: meeting.formIndex }, (savepoint) => insertMeeting(savepoint, { tenantId, sessionId, meeting, onlineLink: plan.onlineLink }))
			}
			await audit(ctx, tx, {
				actor,
				action: 'session.plan',
				objectType: 'session',
				objectId: sessionId,
				after: { courseId, capacity: plan.capacity, meetings: plan.meetings.map(({ startsAt, endsAt, roomId, online, trainerIds }) => ({ startsAt, endsAt, roomId, online, trainerIds })) },
			})
			sessionIds.push(sessionId)
		}
		return { sessionIds }
	})
}
