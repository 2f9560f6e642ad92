import { sql } from 'drizzle-orm'
import { type AnyPgColumn, boolean, check, foreignKey, index, integer, jsonb, pgPolicy, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id } from './columns.ts'
import { enrolments, locations, sessions } from './logistics.ts'
import { users } from './people.ts'
import { appTenantId, appUserId, ownUnitFirst, ownUnitPolicy } from './tenancy.ts'
import { tenants } from './tenants.ts'

// Session planning (issue 14, ADR 027): rooms, trainers, and the meetings of a session. A room
// and a trainer cannot be booked for overlapping meetings: exclusion constraints over tstzrange
// (btree_gist), written by hand in migration 0032 because drizzle-kit does not know them.
// Every reference to a room, trainer or session carries the unit too (composite foreign keys),
// so the database itself refuses another unit's room or trainer, whatever the policies let a query read.

/** A room at one of the unit's locations, with what a participant may need to know about access. */
export const rooms = pgTable(
	'rooms',
	{
		id: id(),
		tenantId: uuid().notNull().references(() => tenants.id),
		locationId: uuid().notNull(),
		name: text().notNull(),
		capacity: integer().notNull(),
		wheelchairAccessible: boolean().notNull().default(false),
		hearingLoop: boolean().notNull().default(false),
		/** Anything else about access (a lift, the nearest accessible toilet). */
		accessibilityNote: text(),
		/** A room no longer used is deactivated, never deleted: past meetings still point at it. */
		active: boolean().notNull().default(true),
		createdAt: createdAt(),
	},
	(t) => [
		foreignKey({ columns: [t.locationId, t.tenantId], foreignColumns: [locations.id, locations.tenantId], name: 'rooms_location_same_unit' }),
		unique('rooms_id_tenant').on(t.id, t.tenantId),
		// The unit's rooms per location, for the management list and the planning form.
		index().on(t.tenantId, t.locationId),
		check('room_capacity_positive', sql`${t.capacity} > 0`),
		ownUnitPolicy('rooms', t.tenantId),
	],
)

/**
 * Someone who teaches the unit's sessions: an employee of the unit (internal, by user) or an
 * outsider (external, by name, organisation and e-mail).
 */
export const trainers = pgTable(
	'trainers',
	{
		id: id(),
		tenantId: uuid().notNull().references(() => tenants.id),
		kind: text({ enum: ['internal', 'external'] }).notNull(),
		userId: uuid().references(() => users.id),
		/** For an internal trainer a copy of the employee's name, so lists need not read people across policies. */
		name: text().notNull(),
		organisation: text(),
		email: text().notNull(),
		active: boolean().notNull().default(true),
		createdAt: createdAt(),
	},
	(t) => [
		unique('trainers_id_tenant').on(t.id, t.tenantId),
		// One trainer record per employee in a unit.
		unique('trainers_one_per_employee').on(t.tenantId, t.userId),
		check('trainer_kind_fields', sql`(${t.kind} = 'internal') = (${t.userId} is not null) and (${t.kind} = 'internal' or ${t.organisation} is not null)`),
		index().on(t.tenantId, t.name),
		// Trainers' names and e-mail addresses are the unit's own business.
		ownUnitPolicy('trainers', t.tenantId),
	],
)

/**
 * One meeting (bijeenkomst) of a session: a session of three half-days has three. In a room, or
 * online with a link (meeting_links). `cancelled` follows the session's status (a trigger), so a
 * cancelled session frees its rooms and trainers for the exclusion constraints.
 * Attendance is registered per meeting (meeting_attendance), against this row's id.
 */
export const sessionMeetings = pgTable(
	'session_meetings',
	{
		id: id(),
		tenantId: uuid().notNull().references(() => tenants.id),
		sessionId: uuid().notNull(),
		startsAt: timestamp({ withTimezone: true }).notNull(),
		endsAt: timestamp({ withTimezone: true }).notNull(),
		roomId: uuid(),
		online: boolean().notNull().default(false),
		cancelled: boolean().notNull().default(false),
		createdAt: createdAt(),
	},
	(t) => [
		foreignKey({ columns: [t.sessionId, t.tenantId], foreignColumns: [sessions.id, sessions.tenantId], name: 'session_meetings_session_same_unit' }).onDelete('cascade'),
		foreignKey({ columns: [t.roomId, t.tenantId], foreignColumns: [rooms.id, rooms.tenantId], name: 'session_meetings_room_same_unit' }),
		// The target of meeting_attendance's reference, which ties meeting and enrolment to one session.
		unique('session_meetings_id_session_tenant').on(t.id, t.sessionId, t.tenantId),
		// The target of meeting_trainers' cascading copy of the meeting's time (see there).
		unique('session_meetings_booking').on(t.id, t.tenantId, t.startsAt, t.endsAt, t.cancelled),
		index().on(t.sessionId, t.startsAt),
		// A unit's planning by date.
		index().on(t.tenantId, t.startsAt),
		check('meeting_ends_after_start', sql`${t.endsAt} > ${t.startsAt}`),
		// An online meeting has no room; a meeting without a room is online. (A room-less classroom
		// meeting exists only in history: the sessions migrated from before rooms existed.)
		check('meeting_room_or_online', sql`not (${t.online} and ${t.roomId} is not null)`),
		// A meeting is readable wherever its session is (the subquery obeys the sessions policies).
		pgPolicy('session_meetings_with_session', {
			for: 'select',
			using: ownUnitFirst(t.tenantId, sql`exists (select 1 from sessions s where s.id = ${t.sessionId})`),
		}),
		ownUnitPolicy('session_meetings', t.tenantId),
	],
)

/** The link of an online meeting: only the providing unit and the session's participants read it. */
export const meetingLinks = pgTable(
	'meeting_links',
	{
		meetingId: uuid()
			.primaryKey()
			.references(() => sessionMeetings.id, { onDelete: 'cascade' }),
		tenantId: uuid().notNull().references(() => tenants.id),
		url: text().notNull(),
	},
	(t) => [
		check('meeting_link_https', sql`${t.url} ~ '^https://'`),
		ownUnitPolicy('meeting_links', t.tenantId),
		pgPolicy('meeting_links_participant', {
			for: 'select',
			using: ownUnitFirst(
				t.tenantId,
				sql`exists (select 1 from session_meetings m join enrolments e on e.session_id = m.session_id
					where m.id = ${t.meetingId} and e.user_id = ${appUserId} and e.status in ('enrolled', 'attended', 'completed'))`,
			),
		}),
	],
)

/**
 * A trainer booked for a meeting. The meeting's time and cancellation are copied here by a
 * foreign key with ON UPDATE CASCADE, so the trainers' exclusion constraint sees a rescheduled
 * meeting at once and the copy can never drift.
 */
export const meetingTrainers = pgTable(
	'meeting_trainers',
	{
		meetingId: uuid().notNull(),
		trainerId: uuid().notNull(),
		tenantId: uuid().notNull().references(() => tenants.id),
		startsAt: timestamp({ withTimezone: true }).notNull(),
		endsAt: timestamp({ withTimezone: true }).notNull(),
		cancelled: boolean().notNull(),
	},
	(t) => [
		primaryKey({ columns: [t.meetingId, t.trainerId] }),
		foreignKey({
			columns: [t.meetingId, t.tenantId, t.startsAt, t.endsAt, t.cancelled],
			foreignColumns: [sessionMeetings.id, sessionMeetings.tenantId, sessionMeetings.startsAt, sessionMeetings.endsAt, sessionMeetings.cancelled],
			name: 'meeting_trainers_meeting_booking',
		})
			.onUpdate('cascade')
			.onDelete('cascade'),
		foreignKey({ columns: [t.trainerId, t.tenantId], foreignColumns: [trainers.id, trainers.tenantId], name: 'meeting_trainers_trainer_same_unit' }),
		// A trainer's bookings ("my sessions", later).
		index().on(t.trainerId, t.startsAt),
		ownUnitPolicy('meeting_trainers', t.tenantId),
	],
)

/** The providing unit's coordinators, or an internal trainer booked for this meeting, may register attendance there. */
const registersAttendance = (tenantId: AnyPgColumn, meetingId: AnyPgColumn) => sql`${tenantId} = ${appTenantId} and (
	exists (select 1 from role_assignments r where r.user_id = ${appUserId} and r.role = 'coordinator' and r.tenant_id = ${tenantId})
	or exists (select 1 from meeting_trainers mt join trainers tr on tr.id = mt.trainer_id where mt.meeting_id = ${meetingId} and tr.user_id = ${appUserId}))`

/**
 * Who was there (issue 14, ADR 028): one participant's mark at one meeting, present or absent.
 * The tenant is the providing unit's. Meeting and enrolment are tied to one session by two
 * composite foreign keys, so a mark for an enrolment of another session cannot be stored at all.
 * Whether the session as a whole counts as attended is the domain's `sessionAttendance`.
 */
export const meetingAttendance = pgTable(
	'meeting_attendance',
	{
		meetingId: uuid().notNull(),
		enrolmentId: uuid().notNull(),
		sessionId: uuid().notNull(),
		tenantId: uuid().notNull().references(() => tenants.id),
		present: boolean().notNull(),
		registeredByUserId: uuid().notNull().references(() => users.id),
		registeredAt: timestamp({ withTimezone: true }).notNull(),
	},
	(t) => [
		primaryKey({ columns: [t.meetingId, t.enrolmentId] }),
		foreignKey({ columns: [t.meetingId, t.sessionId, t.tenantId], foreignColumns: [sessionMeetings.id, sessionMeetings.sessionId, sessionMeetings.tenantId], name: 'meeting_attendance_meeting_of_session' }).onDelete(
			'cascade',
		),
		// A participant with marks cannot be moved to another session (the move happens before the start anyway).
		foreignKey({ columns: [t.enrolmentId, t.sessionId], foreignColumns: [enrolments.id, enrolments.sessionId], name: 'meeting_attendance_enrolment_of_session' }),
		// A session's marks per person: the participant and attendance lists, and the rule after each save.
		index().on(t.sessionId, t.enrolmentId),
		// The providing unit reads its sessions' attendance (lists, the session page).
		pgPolicy('meeting_attendance_provider_read', { for: 'select', using: sql`${t.tenantId} = ${appTenantId}` }),
		pgPolicy('meeting_attendance_register', { for: 'all', using: registersAttendance(t.tenantId, t.meetingId), withCheck: registersAttendance(t.tenantId, t.meetingId) }),
		// The employee reads their own marks, whatever unit ran the session.
		pgPolicy('meeting_attendance_participant', {
			for: 'select',
			using: ownUnitFirst(t.tenantId, sql`exists (select 1 from enrolments e where e.id = ${t.enrolmentId} and e.user_id = ${appUserId})`),
		}),
	],
)

/** A meeting as a change notice names it: when, and where in words (null: online). */
export type ChangedMeeting = { startsAt: string; endsAt: string; place: string | null }

/**
 * A change of a session's dates, times or place that its enrolled were told about (ADR 029): what
 * it was and what it became, for the mail, and until when they may cancel free of charge. Readable
 * wherever the session is, so the mail job of each participant's unit can write its mail.
 */
export const sessionChanges = pgTable(
	'session_changes',
	{
		id: id(),
		tenantId: uuid().notNull().references(() => tenants.id),
		sessionId: uuid().notNull(),
		changedAt: timestamp({ withTimezone: true }).notNull(),
		changedByUserId: uuid().references(() => users.id),
		timesChanged: boolean().notNull(),
		placeChanged: boolean().notNull(),
		before: jsonb().$type<ChangedMeeting[]>().notNull(),
		after: jsonb().$type<ChangedMeeting[]>().notNull(),
		freeCancellationUntil: timestamp({ withTimezone: true }).notNull(),
		createdAt: createdAt(),
	},
	(t) => [
		foreignKey({ columns: [t.sessionId, t.tenantId], foreignColumns: [sessions.id, sessions.tenantId], name: 'session_changes_session_same_unit' }).onDelete('cascade'),
		// A session's changes, newest first.
		index().on(t.sessionId, t.changedAt),
		pgPolicy('session_changes_with_session', {
			for: 'select',
			using: ownUnitFirst(t.tenantId, sql`exists (select 1 from sessions s where s.id = ${t.sessionId})`),
		}),
		ownUnitPolicy('session_changes', t.tenantId),
	],
)
