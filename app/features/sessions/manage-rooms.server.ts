import { insertLocation, insertRoom, listUnitLocations, listUnitRooms, updateRoom } from '@leerplein/db/planning'
import { can, type Actor } from '@leerplein/domain'
import { audit, inTenant, refuse, refusal, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { ownUnitSession } from './own-unit-session.ts'
import type { LocationInput, RoomInput } from './room-schema.ts'

/** The unit's rooms (active first) matching `search` in room, location or city, and its locations; for its coordinators. */
export async function listRooms(ctx: ServiceContext, { actor, search }: { actor: Actor; search: string }) {
	return inTenant(ctx, actor, async (tx) => {
		if (!can(actor, 'update', ownUnitSession(actor))) throw refusal('forbidden', 'FORBIDDEN')
		const { tenantId } = actor
		return { rooms: await listUnitRooms(tx, { tenantId, search: search.trim().slice(0, 100) }), locations: await listUnitLocations(tx, { tenantId }) }
	})
}

/** Adds a location (an address) to the unit, audit-logged. */
export async function addLocation(ctx: ServiceContext, { actor, input }: { actor: Actor; input: LocationInput }): Promise<ServiceResult<{ locationId: string }>> {
	if (!can(actor, 'update', ownUnitSession(actor))) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(ctx, actor, async (tx) => {
		const locationId = await insertLocation(tx, { tenantId: actor.tenantId, fields: input })
		await audit(ctx, tx, { actor, action: 'location.create', objectType: 'location', objectId: locationId, after: input })
		return { locationId }
	})
}

/**
 * Adds a room at one of the unit's locations, or changes one of its rooms, audit-logged. Another
 * unit's location is refused beside the field; another unit's room is not found.
 */
export async function saveRoom(ctx: ServiceContext, { actor, input }: { actor: Actor; input: RoomInput }): Promise<ServiceResult<{ roomId: string }>> {
	if (!can(actor, 'update', ownUnitSession(actor))) return refuse('forbidden', 'FORBIDDEN')
	const { tenantId } = actor
	return inTenant(ctx, actor, async (tx) => {
		const own = await listUnitLocations(tx, { tenantId })
		if (!own.some((location) => location.id === input.locationId)) throw refusal('not_found', 'ROOM_LOCATION_REQUIRED', { field: 'locationId' })
		const { id, locationId, name, capacity } = input
		const fields = { locationId, name, capacity, wheelchairAccessible: input.wheelchairAccessible === true, hearingLoop: input.hearingLoop === true, accessibilityNote: input.accessibilityNote ?? null }
		const roomId = id ?? (await insertRoom(tx, { tenantId, fields }))
		const before = id ? await updateRoom(tx, { tenantId, roomId: id, fields }) : null
		if (id && !before) throw refusal('not_found', 'ROOM_NOT_FOUND')
		await audit(ctx, tx, { actor, action: id ? 'room.update' : 'room.create', objectType: 'room', objectId: roomId, before: before?.fields ?? null, after: fields })
		return { roomId }
	})
}

/** Deactivates (or reactivates) one of the unit's rooms, audit-logged; planned meetings keep it, new ones cannot choose it. */
export async function setRoomActive(ctx: ServiceContext, { actor, roomId, active }: { actor: Actor; roomId: string; active: boolean }): Promise<ServiceResult<null>> {
	if (!can(actor, 'update', ownUnitSession(actor))) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(ctx, actor, async (tx) => {
		const before = await updateRoom(tx, { tenantId: actor.tenantId, roomId, fields: { active } })
		if (!before) throw refusal('not_found', 'ROOM_NOT_FOUND')
		await audit(ctx, tx, { actor, action: active ? 'room.activate' : 'room.deactivate', objectType: 'room', objectId: roomId, before: { active: before.active }, after: { active } })
		return null
	})
}
