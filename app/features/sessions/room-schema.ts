import { getZodConstraint } from '@conform-to/zod/v4'
import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

const optionalText = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value)
// Optional for the browser's constraints (an unticked box sends nothing); always a boolean after parsing.
const checkbox = z.preprocess((value) => value === 'on' || value === 'true', z.boolean().optional())
const text = (code: ErrorCode, max: number) => z.string({ error: code }).trim().min(2, { error: code }).max(max, { error: code })

/** A location of the unit (an address with rooms). */
export const locationSchema = z.object({
	name: text('LOCATION_NAME_REQUIRED', 120),
	address: text('LOCATION_ADDRESS_REQUIRED', 200),
	city: text('LOCATION_CITY_REQUIRED', 80),
})

/** A room at one of the unit's locations; `id` names the room being changed, none adds one. */
export const roomSchema = z.object({
	id: z.uuid({ error: 'ROOM_NOT_FOUND' satisfies ErrorCode }).optional(),
	locationId: z.uuid({ error: 'ROOM_LOCATION_REQUIRED' satisfies ErrorCode }),
	name: text('ROOM_NAME_REQUIRED', 120),
	capacity: z.coerce
		.number({ error: 'ROOM_CAPACITY_INVALID' satisfies ErrorCode })
		.int({ error: 'ROOM_CAPACITY_INVALID' satisfies ErrorCode })
		.min(1, { error: 'ROOM_CAPACITY_INVALID' satisfies ErrorCode })
		.max(1000, { error: 'ROOM_CAPACITY_INVALID' satisfies ErrorCode }),
	wheelchairAccessible: checkbox,
	hearingLoop: checkbox,
	accessibilityNote: z.preprocess(optionalText, z.string().trim().max(500, { error: 'ROOM_NOTE_TOO_LONG' satisfies ErrorCode }).optional()),
})

export type LocationInput = z.infer<typeof locationSchema>
export type RoomInput = z.infer<typeof roomSchema>
export const roomConstraint = getZodConstraint(roomSchema)

/** Deactivating or activating a room: which one. */
export const roomStateSchema = z.object({ id: z.uuid({ error: 'ROOM_NOT_FOUND' satisfies ErrorCode }) })
