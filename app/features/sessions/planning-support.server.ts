import type { Database } from '@leerplein/db'
import { bookableName, bookingConflictOf, findBooking, findOwnRooms, findOwnTrainers, type NewMeeting } from '@leerplein/db/planning'
import type { SessionPlanInput } from '@leerplein/domain'
import { refusal } from '../../core/service.server.ts'

// What planning and changing a session share inside their transaction: the unit's own rooms and
// trainers, and booking a meeting so that a double booking is named beside its field (ADR 027).

/** Every room and trainer named must be an active one of the unit; the rooms' locations, by room. */
export async function checkOwnRoomsAndTrainers(tx: Database, { tenantId, input }: { tenantId: string; input: SessionPlanInput }): Promise<Map<string, string>> {
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
 * One meeting booked (inserted, or moved) in a savepoint by `write`: when PostgreSQL refuses it for a double booking, the savepoint is
 * rolled back and the booking that won is looked up (committed by then: the constraint waited for
 * it) to say which room or trainer, which session and when.
 */
export async function bookMeeting(
	tx: Database,
	{ tenantId, meeting, field }: { tenantId: string; meeting: NewMeeting; field: number },
	write: (savepoint: Database) => Promise<unknown>,
): Promise<void> {
	try {
		await tx.transaction((savepoint) => write(savepoint))
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
