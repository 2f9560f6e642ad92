import { and, asc, desc, eq, ilike, inArray, ne, or, sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { CourseStatus } from '@leerplein/domain'
import { selectRows, type Database } from '../client.ts'
import { containsPattern } from './approval-inbox.ts'
import { courses } from '../schema/catalogue.ts'
import { enrolments, locations, sessions } from '../schema/logistics.ts'
import { users } from '../schema/people.ts'
import { meetingLinks, meetingTrainers, rooms, sessionChanges, sessionMeetings, trainers, type ChangedMeeting } from '../schema/planning.ts'

// Session planning (ADR 027). Every function runs inside withTenantContext: the policies decide
// which rows exist, and the composite foreign keys refuse another unit's room or trainer.

/** The PostgreSQL error of an exclusion constraint, and the names of ours (migration 0032). */
export const EXCLUSION_VIOLATION = '23P01'
export const ROOM_NOT_DOUBLE_BOOKED = 'session_meetings_room_not_double_booked'
export const TRAINER_NOT_DOUBLE_BOOKED = 'meeting_trainers_not_double_booked'

/** Which of our booking constraints an error broke, if it is one. */
export function bookingConflictOf(error: unknown): 'room' | 'trainer' | null {
	// drizzle wraps the driver's error; postgres.js and PGlite both carry code and constraint name.
	for (let cause: unknown = error; cause && typeof cause === 'object'; cause = (cause as { cause?: unknown }).cause) {
		const { code, constraint, constraint_name } = cause as { code?: string; constraint?: string; constraint_name?: string }
		if (code !== EXCLUSION_VIOLATION) continue
		const name = constraint_name ?? constraint
		if (name === ROOM_NOT_DOUBLE_BOOKED) return 'room'
		if (name === TRAINER_NOT_DOUBLE_BOOKED) return 'trainer'
	}
	return null
}

/**
 * The courses a unit may plan sessions of: those it provides and those it joined, not merged away.
 * Two arms rather than one OR, so each uses its index (the provided ones come index-only from
 * `courses_provider_title`, migration 0046) instead of a pass over every course of the concern.
 */
export async function listPlannableCourses(
	db: Database,
	{ tenantId, search, limit }: { tenantId: string; search?: string; limit?: number },
): Promise<{ id: string; title: string; status: CourseStatus }[]> {
	// A search narrows both arms by title (case-insensitive, its words taken literally); the planning
	// form asks for a page of matches, not the thousands a large unit has.
	const words = search?.trim()
	const matches = words ? sql` and c.title ilike ${containsPattern(words)}` : sql``
	return selectRows<{ id: string; title: string; status: CourseStatus }>(
		db,
		sql`select c.id, c.title, c.status from courses c where c.provider_tenant_id = ${tenantId} and c.status <> 'merged'${matches}
			union all
			select c.id, c.title, c.status from courses c join course_offerings o on o.course_id = c.id
			where o.tenant_id = ${tenantId} and c.provider_tenant_id <> ${tenantId} and c.status <> 'merged'${matches}
			order by title${limit === undefined ? sql`` : sql` limit ${limit}`}`,
	)
}

/** One course the unit may plan sessions of, or null. */
export async function getPlannableCourse(db: Database, { tenantId, courseId }: { tenantId: string; courseId: string }) {
	const [row] = await db
		.select({ id: courses.id, title: courses.title, status: courses.status })
		.from(courses)
		.where(
			and(
				eq(courses.id, courseId),
				ne(courses.status, 'merged'),
				or(eq(courses.providerTenantId, tenantId), sql`exists (select 1 from course_offerings o where o.course_id = ${courses.id} and o.tenant_id = ${tenantId})`),
			),
		)
	return row ?? null
}

/** The unit's active rooms with their location, for the planning form. */
export async function listActiveRooms(db: Database, { tenantId }: { tenantId: string }) {
	return db
		.select({ id: rooms.id, name: rooms.name, capacity: rooms.capacity, locationId: rooms.locationId, locationName: locations.name, city: locations.city })
		.from(rooms)
		.innerJoin(locations, eq(locations.id, rooms.locationId))
		.where(and(eq(rooms.tenantId, tenantId), eq(rooms.active, true), eq(locations.active, true)))
		.orderBy(asc(locations.name), asc(rooms.name))
}

/** The unit's active trainers, for the planning form. */
export async function listActiveTrainers(db: Database, { tenantId }: { tenantId: string }) {
	return db
		.select({ id: trainers.id, name: trainers.name, kind: trainers.kind, organisation: trainers.organisation })
		.from(trainers)
		.where(and(eq(trainers.tenantId, tenantId), eq(trainers.active, true)))
		.orderBy(asc(trainers.name))
}

/** Which of these ids are active rooms (with their location) of the unit. */
export async function findOwnRooms(db: Database, { tenantId, roomIds }: { tenantId: string; roomIds: string[] }) {
	if (roomIds.length === 0) return []
	return db
		.select({ id: rooms.id, locationId: rooms.locationId })
		.from(rooms)
		.where(and(eq(rooms.tenantId, tenantId), eq(rooms.active, true), inArray(rooms.id, roomIds)))
}

/** Which of these ids are active trainers of the unit. */
export async function findOwnTrainers(db: Database, { tenantId, trainerIds }: { tenantId: string; trainerIds: string[] }) {
	if (trainerIds.length === 0) return []
	return db
		.select({ id: trainers.id })
		.from(trainers)
		.where(and(eq(trainers.tenantId, tenantId), eq(trainers.active, true), inArray(trainers.id, trainerIds)))
}

export type NewSession = {
	tenantId: string
	courseId: string
	startsAt: Date
	endsAt: Date
	locationId: string | null
	capacity: number
	enrolmentDeadline: Date | null
	minimumParticipants: number | null
	participantNote: string | null
}

export async function insertSession(db: Database, session: NewSession): Promise<string> {
	const id = uuidv7()
	await db.insert(sessions).values({ id, ...session })
	return id
}

export type NewMeeting = { startsAt: Date; endsAt: Date; roomId: string | null; online: boolean; trainerIds: string[] }

/**
 * Books one meeting: the meeting (its room), its link, its trainers. Throws PostgreSQL's
 * exclusion violation when the room or a trainer is taken (see bookingConflictOf).
 */
export async function insertMeeting(db: Database, { tenantId, sessionId, meeting, onlineLink }: { tenantId: string; sessionId: string; meeting: NewMeeting; onlineLink: string | null }): Promise<string> {
	const id = uuidv7()
	await db.insert(sessionMeetings).values({ id, tenantId, sessionId, startsAt: meeting.startsAt, endsAt: meeting.endsAt, roomId: meeting.roomId, online: meeting.online })
	if (meeting.online && onlineLink) await db.insert(meetingLinks).values({ meetingId: id, tenantId, url: onlineLink })
	if (meeting.trainerIds.length > 0) {
		await db
			.insert(meetingTrainers)
			.values(meeting.trainerIds.map((trainerId) => ({ meetingId: id, trainerId, tenantId, startsAt: meeting.startsAt, endsAt: meeting.endsAt, cancelled: false })))
	}
	return id
}

/**
 * The meeting that holds a room or a trainer at some time in the unit, to name it in the conflict
 * message: its course and time. The unit's own (a room and a trainer belong to one unit).
 */
export async function findBooking(
	db: Database,
	{ tenantId, resource, id, startsAt, endsAt }: { tenantId: string; resource: 'room' | 'trainer'; id: string; startsAt: Date; endsAt: Date },
) {
	const overlapping = sql`tstzrange(${sessionMeetings.startsAt}, ${sessionMeetings.endsAt}) && tstzrange(${startsAt.toISOString()}::timestamptz, ${endsAt.toISOString()}::timestamptz)`
	const holder =
		resource === 'room'
			? eq(sessionMeetings.roomId, id)
			: sql`exists (select 1 from meeting_trainers mt where mt.meeting_id = ${sessionMeetings.id} and mt.trainer_id = ${id})`
	const [row] = await db
		.select({ sessionId: sessions.id, courseTitle: courses.title, startsAt: sessionMeetings.startsAt, endsAt: sessionMeetings.endsAt })
		.from(sessionMeetings)
		.innerJoin(sessions, eq(sessions.id, sessionMeetings.sessionId))
		.innerJoin(courses, eq(courses.id, sessions.courseId))
		.where(and(eq(sessionMeetings.tenantId, tenantId), eq(sessionMeetings.cancelled, false), holder, overlapping))
		.limit(1)
	return row ?? null
}

/** The name of a room or trainer of the unit, for a conflict message. */
export async function bookableName(db: Database, { resource, id }: { resource: 'room' | 'trainer'; id: string }): Promise<string | null> {
	if (resource === 'room') {
		const [row] = await db.select({ name: rooms.name, locationName: locations.name }).from(rooms).innerJoin(locations, eq(locations.id, rooms.locationId)).where(eq(rooms.id, id))
		return row ? `${row.name} (${row.locationName})` : null
	}
	const [row] = await db.select({ name: trainers.name }).from(trainers).where(eq(trainers.id, id))
	return row?.name ?? null
}

/** A session's meetings in time order with room and trainers, as the providing unit sees them. */
export async function listSessionMeetings(db: Database, { sessionId }: { sessionId: string }) {
	const meetings = await db
		.select({
			id: sessionMeetings.id,
			startsAt: sessionMeetings.startsAt,
			endsAt: sessionMeetings.endsAt,
			online: sessionMeetings.online,
			roomId: sessionMeetings.roomId,
			roomName: rooms.name,
			locationName: locations.name,
		})
		.from(sessionMeetings)
		.leftJoin(rooms, eq(rooms.id, sessionMeetings.roomId))
		.leftJoin(locations, eq(locations.id, rooms.locationId))
		.where(eq(sessionMeetings.sessionId, sessionId))
		.orderBy(asc(sessionMeetings.startsAt))
	const booked =
		meetings.length === 0
			? []
			: await db
					.select({ meetingId: meetingTrainers.meetingId, trainerId: trainers.id, name: trainers.name })
					.from(meetingTrainers)
					.innerJoin(trainers, eq(trainers.id, meetingTrainers.trainerId))
					.where(inArray(meetingTrainers.meetingId, meetings.map((meeting) => meeting.id)))
					.orderBy(asc(trainers.name))
	return meetings.map((meeting) => ({ ...meeting, trainers: booked.filter((row) => row.meetingId === meeting.id).map(({ trainerId, name }) => ({ id: trainerId, name })) }))
}

/** A session of the unit as a plan to copy or change: its course, seats, deadline, note, and meetings with room, trainers and link. */
export async function getSessionPlan(db: Database, { tenantId, sessionId }: { tenantId: string; sessionId: string }) {
	const [session] = await db
		.select({
			id: sessions.id,
			courseId: sessions.courseId,
			courseTitle: courses.title,
			status: sessions.status,
			startsAt: sessions.startsAt,
			endsAt: sessions.endsAt,
			capacity: sessions.capacity,
			minimumParticipants: sessions.minimumParticipants,
			enrolmentDeadline: sessions.enrolmentDeadline,
			participantNote: sessions.participantNote,
		})
		.from(sessions)
		.innerJoin(courses, eq(courses.id, sessions.courseId))
		.where(and(eq(sessions.id, sessionId), eq(sessions.tenantId, tenantId)))
	if (!session) return null
	const meetings = await listSessionMeetings(db, { sessionId })
	const [link] =
		meetings.length === 0
			? []
			: await db
					.select({ url: meetingLinks.url })
					.from(meetingLinks)
					.where(inArray(meetingLinks.meetingId, meetings.map((meeting) => meeting.id)))
					.limit(1)
	return { ...session, onlineLink: link?.url ?? null, meetings }
}

/**
 * The links of these online meetings, by meeting id. The policies decide who reads one: the
 * providing unit (its coordinators and trainers) and the session's seated participants.
 */
export async function listMeetingLinks(db: Database, { meetingIds }: { meetingIds: string[] }): Promise<Map<string, string>> {
	if (meetingIds.length === 0) return new Map()
	const rows = await db.select({ meetingId: meetingLinks.meetingId, url: meetingLinks.url }).from(meetingLinks).where(inArray(meetingLinks.meetingId, meetingIds))
	return new Map(rows.map((row) => [row.meetingId, row.url]))
}

/** The unit's trainers, active first, matching a search in name, organisation or e-mail. */
export async function listUnitTrainers(db: Database, { tenantId, search }: { tenantId: string; search: string }) {
	const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
	return db
		.select({ id: trainers.id, kind: trainers.kind, name: trainers.name, organisation: trainers.organisation, email: trainers.email, active: trainers.active })
		.from(trainers)
		.where(and(eq(trainers.tenantId, tenantId), search ? or(ilike(trainers.name, pattern), ilike(trainers.organisation, pattern), ilike(trainers.email, pattern)) : undefined))
		.orderBy(desc(trainers.active), asc(trainers.name))
}

/** An active employee of the unit by e-mail address, to become an internal trainer. */
export async function findUnitEmployeeByEmail(db: Database, { tenantId, email }: { tenantId: string; email: string }) {
	const [row] = await db
		.select({ id: users.id, name: users.name, email: users.email })
		.from(users)
		.where(and(eq(users.tenantId, tenantId), eq(users.active, true), sql`lower(${users.email}) = lower(${email})`))
	return row ?? null
}

export type TrainerFields = { kind: 'internal' | 'external'; userId: string | null; name: string; organisation: string | null; email: string }

export async function insertTrainer(db: Database, { tenantId, fields }: { tenantId: string; fields: TrainerFields }): Promise<string> {
	const id = uuidv7()
	await db.insert(trainers).values({ id, tenantId, ...fields })
	return id
}

/** Changes one of the unit's trainers; false when there is none by that id. */
/** Changes one of the unit's trainers; how it was (for the audit row's `before`), or null when there is none by that id. */
export async function updateTrainer(
	db: Database,
	{ tenantId, trainerId, fields }: { tenantId: string; trainerId: string; fields: Partial<TrainerFields> & { active?: boolean } },
): Promise<{ fields: TrainerFields; active: boolean } | null> {
	const where = and(eq(trainers.id, trainerId), eq(trainers.tenantId, tenantId))
	const [before] = await db
		.select({ kind: trainers.kind, userId: trainers.userId, name: trainers.name, organisation: trainers.organisation, email: trainers.email, active: trainers.active })
		.from(trainers)
		.where(where)
		.for('update')
	if (!before) return null
	await db.update(trainers).set(fields).where(where)
	const { active, ...was } = before
	return { fields: was, active }
}

/** The unit's rooms with their location, active first, matching a search in room, location or city. */
export async function listUnitRooms(db: Database, { tenantId, search }: { tenantId: string; search: string }) {
	const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
	return db
		.select({
			id: rooms.id,
			name: rooms.name,
			capacity: rooms.capacity,
			wheelchairAccessible: rooms.wheelchairAccessible,
			hearingLoop: rooms.hearingLoop,
			accessibilityNote: rooms.accessibilityNote,
			active: rooms.active,
			locationId: rooms.locationId,
			locationName: locations.name,
			city: locations.city,
		})
		.from(rooms)
		.innerJoin(locations, eq(locations.id, rooms.locationId))
		.where(and(eq(rooms.tenantId, tenantId), search ? or(ilike(rooms.name, pattern), ilike(locations.name, pattern), ilike(locations.city, pattern)) : undefined))
		.orderBy(desc(rooms.active), asc(locations.name), asc(rooms.name))
}

/** The unit's active locations, for the room form. */
export async function listUnitLocations(db: Database, { tenantId }: { tenantId: string }) {
	return db
		.select({ id: locations.id, name: locations.name, address: locations.address, city: locations.city })
		.from(locations)
		.where(and(eq(locations.tenantId, tenantId), eq(locations.active, true)))
		.orderBy(asc(locations.name))
}

export async function insertLocation(db: Database, { tenantId, fields }: { tenantId: string; fields: { name: string; address: string; city: string } }): Promise<string> {
	const id = uuidv7()
	await db.insert(locations).values({ id, tenantId, ...fields })
	return id
}

export type RoomFields = { locationId: string; name: string; capacity: number; wheelchairAccessible: boolean; hearingLoop: boolean; accessibilityNote: string | null }

export async function insertRoom(db: Database, { tenantId, fields }: { tenantId: string; fields: RoomFields }): Promise<string> {
	const id = uuidv7()
	await db.insert(rooms).values({ id, tenantId, ...fields })
	return id
}

/** Changes one of the unit's rooms; false when there is none by that id. */
/** Changes one of the unit's rooms; how it was (for the audit row's `before`), or null when there is none by that id. */
export async function updateRoom(
	db: Database,
	{ tenantId, roomId, fields }: { tenantId: string; roomId: string; fields: Partial<RoomFields> & { active?: boolean } },
): Promise<{ fields: RoomFields; active: boolean } | null> {
	const where = and(eq(rooms.id, roomId), eq(rooms.tenantId, tenantId))
	const [before] = await db
		.select({
			locationId: rooms.locationId,
			name: rooms.name,
			capacity: rooms.capacity,
			wheelchairAccessible: rooms.wheelchairAccessible,
			hearingLoop: rooms.hearingLoop,
			accessibilityNote: rooms.accessibilityNote,
			active: rooms.active,
		})
		.from(rooms)
		.where(where)
		.for('update')
	if (!before) return null
	await db.update(rooms).set(fields).where(where)
	const { active, ...was } = before
	return { fields: was, active }
}

export type SessionFields = Pick<NewSession, 'startsAt' | 'endsAt' | 'locationId' | 'capacity' | 'enrolmentDeadline' | 'minimumParticipants' | 'participantNote'>

/** Changes one of the unit's sessions; false when there is none by that id. */
export async function updateSession(db: Database, { tenantId, sessionId, fields }: { tenantId: string; sessionId: string; fields: SessionFields }): Promise<boolean> {
	const rows = await db
		.update(sessions)
		.set(fields)
		.where(and(eq(sessions.id, sessionId), eq(sessions.tenantId, tenantId)))
		.returning({ id: sessions.id })
	return rows.length === 1
}

/**
 * Reschedules or moves one meeting of a session, keeping its id (attendance is registered against
 * it): its trainers are let go first, so a trainer taken off the meeting never collides at the new
 * time, then the meeting moves and its trainers and link are booked again. Throws PostgreSQL's
 * exclusion violation when the room or a trainer is taken (see bookingConflictOf).
 */
export async function updateMeeting(db: Database, { tenantId, sessionId, meetingId, meeting, onlineLink }: { tenantId: string; sessionId: string; meetingId: string; meeting: NewMeeting; onlineLink: string | null }): Promise<void> {
	await db.delete(meetingTrainers).where(eq(meetingTrainers.meetingId, meetingId))
	await db.delete(meetingLinks).where(eq(meetingLinks.meetingId, meetingId))
	await db
		.update(sessionMeetings)
		.set({ startsAt: meeting.startsAt, endsAt: meeting.endsAt, roomId: meeting.roomId, online: meeting.online })
		.where(and(eq(sessionMeetings.id, meetingId), eq(sessionMeetings.sessionId, sessionId), eq(sessionMeetings.tenantId, tenantId)))
	if (meeting.online && onlineLink) await db.insert(meetingLinks).values({ meetingId, tenantId, url: onlineLink })
	if (meeting.trainerIds.length > 0) {
		await db
			.insert(meetingTrainers)
			.values(meeting.trainerIds.map((trainerId) => ({ meetingId, trainerId, tenantId, startsAt: meeting.startsAt, endsAt: meeting.endsAt, cancelled: false })))
	}
}

/** Removes meetings of a session (their bookings and link go with them). */
export async function deleteMeetings(db: Database, { sessionId, meetingIds }: { sessionId: string; meetingIds: string[] }): Promise<void> {
	if (meetingIds.length === 0) return
	await db.delete(sessionMeetings).where(and(eq(sessionMeetings.sessionId, sessionId), inArray(sessionMeetings.id, meetingIds)))
}

/** Rooms of the unit in words, for a change notice: "Zaal Dommel, RVO Den Haag (Den Haag)". */
export async function roomPlaces(db: Database, { roomIds }: { roomIds: string[] }): Promise<Map<string, string>> {
	if (roomIds.length === 0) return new Map()
	const rows = await db
		.select({ id: rooms.id, name: rooms.name, locationName: locations.name, city: locations.city })
		.from(rooms)
		.innerJoin(locations, eq(locations.id, rooms.locationId))
		.where(inArray(rooms.id, roomIds))
	return new Map(rows.map((row) => [row.id, `${row.name}, ${row.locationName} (${row.city})`]))
}

export type NewSessionChange = {
	tenantId: string
	sessionId: string
	changedAt: Date
	changedByUserId: string | null
	timesChanged: boolean
	placeChanged: boolean
	before: ChangedMeeting[]
	after: ChangedMeeting[]
	freeCancellationUntil: Date
}

export async function insertSessionChange(db: Database, change: NewSessionChange): Promise<string> {
	const id = uuidv7()
	await db.insert(sessionChanges).values({ id, ...change })
	return id
}

/** One change of a session, as its participants' mail tells it. */
export async function getSessionChange(db: Database, { changeId }: { changeId: string }) {
	const [row] = await db
		.select({ id: sessionChanges.id, sessionId: sessionChanges.sessionId, timesChanged: sessionChanges.timesChanged, placeChanged: sessionChanges.placeChanged, before: sessionChanges.before, after: sessionChanges.after, freeCancellationUntil: sessionChanges.freeCancellationUntil })
		.from(sessionChanges)
		.where(eq(sessionChanges.id, changeId))
	return row ?? null
}

/**
 * Gives everyone who holds or waits for a seat in the session free cancellation until `until`
 * (never shortening an earlier, longer one) and returns them, to be told.
 */
export async function grantFreeCancellation(db: Database, { sessionId, until }: { sessionId: string; until: Date }) {
	return db
		.update(enrolments)
		.set({ freeCancellationUntil: sql`greatest(${enrolments.freeCancellationUntil}, ${until.toISOString()}::timestamptz)` })
		.where(and(eq(enrolments.sessionId, sessionId), inArray(enrolments.status, ['enrolled', 'waitlisted', 'awaiting_approval', 'approved'])))
		.returning({ id: enrolments.id, tenantId: enrolments.tenantId })
}
