import type { Database } from '@leerplein/db'
import {
	bookableName,
	bookingConflictOf,
	findBooking,
	findOwnRooms,
	findOwnTrainers,
	getPlannableCourse,
	insertMeeting,
	insertSession,
	type NewMeeting,
} from '@leerplein/db/planning'
import { can, planSession, weeklyPlans, type Actor, type SessionPlan, type SessionPlanInput } from '@leerplein/domain'
import { audit, inTenant, refuse, refusal, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { ownUnitSession } from './own-unit-session.ts'

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
				await bookMeeting(tx, { tenantId, sessionId, meeting, onlineLink: plan.onlineLink, field: meeting.formIndex })
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

/** Every room and trainer named must be an active one of the unit; the rooms' locations, by room. */
async function checkOwnRoomsAndTrainers(tx: Database, { tenantId, input }: { tenantId: string; input: SessionPlanInput }): Promise<Map<string, string>> {
	const roomIds = [...new Set(input.meetings.flatMap((meeting) => (meeting.place === 'online' ? [] : [meeting.place])))]
	const trainerIds = [...new Set(input.meetings.flatMap((meeting) => meeting.trainerIds))]
	const [ownRooms, ownTrainers] = [await findOwnRooms(tx, { tenantId, roomIds }), await findOwnTrainers(tx, { tenantId, trainerIds })]
	const roomLocation = new Map(ownRooms.map((room) => [room.id, room.locationId]))
	const trainerSet = new Set(ownTrainers.map((trainer) => trainer.id))
	for (const [index, meeting] of input.meetings.entries()) {
		if (meeting.place !== 'online' && !roomLocation.has(meeting.place)) throw refusal('not_found', 'ROOM_NOT_FOUND', { field: `meetings[${index}].place` })
		if (meeting.trainerIds.some((id) => !trainerSet.has(id))) throw refusal('not_found', 'TRAINER_NOT_FOUND', { field: `meetings[${index}].trainerIds` })
	}
	return roomLocation
}

/**
 * One meeting in a savepoint: when PostgreSQL refuses it for a double booking, the savepoint is
 * rolled back and the booking that won is looked up (committed by then: the constraint waited for
 * it) to say which room or trainer, which session and when.
 */
async function bookMeeting(
	tx: Database,
	{ tenantId, sessionId, meeting, onlineLink, field }: { tenantId: string; sessionId: string; meeting: NewMeeting; onlineLink: string | null; field: number },
): Promise<void> {
	try {
		await tx.transaction((savepoint) => insertMeeting(savepoint, { tenantId, sessionId, meeting, onlineLink }))
	} catch (error) {
		const resource = bookingConflictOf(error)
		if (!resource) throw error
		const candidates = resource === 'room' ? [meeting.roomId!] : meeting.trainerIds
		for (const id of candidates) {
			const holder = await findBooking(tx, { tenantId, resource, id, startsAt: meeting.startsAt, endsAt: meeting.endsAt })
			if (!holder) continue
			throw refusal('conflict', resource === 'room' ? 'ROOM_DOUBLE_BOOKED' : 'TRAINER_DOUBLE_BOOKED', {
				field: `meetings[${field}].${resource === 'room' ? 'place' : 'trainerIds'}`,
				values: { name: (await bookableName(tx, { resource, id })) ?? '', course: holder.courseTitle, startsAt: holder.startsAt.toISOString(), endsAt: holder.endsAt.toISOString() },
			})
		}
		throw error
	}
}
