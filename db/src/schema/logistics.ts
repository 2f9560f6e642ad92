import { sql } from 'drizzle-orm'
import { type AnyPgColumn, bigint, boolean, check, foreignKey, index, integer, pgPolicy, pgSequence, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { courses } from './catalogue.ts'
import { createdAt, id } from './columns.ts'
import { approvalStep, budgetEntryKind, enrolmentStatus, sessionStatus } from './enums.ts'
import { users } from './people.ts'
import { appTenantId, ownUnitFirst, ownUnitPolicy, publicReadPolicy } from './tenancy.ts'
import { tenants } from './tenants.ts'

/** A place where a unit runs classroom sessions. */
export const locations = pgTable(
	'locations',
	{
		id: id(),
		tenantId: uuid().notNull().references(() => tenants.id),
		name: text().notNull(),
		address: text().notNull(),
		city: text().notNull(),
		/** A location no longer used is deactivated, never deleted: past sessions still point at it. */
		active: boolean().notNull().default(true),
		createdAt: createdAt(),
	},
	(t) => [
		index().on(t.tenantId, t.city),
		// Rooms name their location together with its unit, so a room cannot sit in another unit's building.
		unique('locations_id_tenant').on(t.id, t.tenantId),
		// Addresses of training venues are not secret: a session shows where it is.
		publicReadPolicy('locations'),
		ownUnitPolicy('locations', t.tenantId),
	],
)

/**
 * A scheduled run (uitvoering) of a course, run by a providing unit. Online sessions have no location.
 * Its dates are its meetings (session_meetings); starts_at and ends_at are the span of those
 * meetings, kept by the service that writes them, so the catalogue, budgets and mails need no join.
 */
export const sessions = pgTable(
	'sessions',
	{
		id: id(),
		tenantId: uuid().notNull().references(() => tenants.id),
		courseId: uuid().notNull().references(() => courses.id),
		startsAt: timestamp({ withTimezone: true }).notNull(),
		endsAt: timestamp({ withTimezone: true }).notNull(),
		locationId: uuid().references(() => locations.id),
		capacity: integer().notNull(),
		status: sessionStatus().notNull().default('planned'),
		/** A cancelled session is kept (participants were told, budgets released), never deleted. */
		cancelledAt: timestamp({ withTimezone: true }),
		cancellationReason: text(),
		/** After this moment nobody can enrol any more; null: until the session starts. */
		enrolmentDeadline: timestamp({ withTimezone: true }),
		/** Below this many participants at the deadline the session may not go ahead (a warning, later). */
		minimumParticipants: integer(),
		/** What participants should know beforehand (what to bring, where to report). */
		participantNote: text(),
		createdAt: createdAt(),
	},
	(t) => [
		// Meetings name their session together with its unit (see session_meetings).
		unique('sessions_id_tenant').on(t.id, t.tenantId),
		check('minimum_participants_positive', sql`${t.minimumParticipants} is null or ${t.minimumParticipants} > 0`),
		// A course page lists its upcoming sessions.
		index().on(t.courseId, t.startsAt),
		// A unit's planning, by date.
		index().on(t.tenantId, t.startsAt),
		check('ends_after_start', sql`${t.endsAt} > ${t.startsAt}`),
		check('capacity_positive', sql`${t.capacity} > 0`),
		// A session is readable wherever its course is (the subquery obeys the courses policies).
		pgPolicy('sessions_with_course', {
			for: 'select',
			using: ownUnitFirst(t.tenantId, sql`exists (select 1 from courses c where c.id = ${t.courseId})`),
		}),
		ownUnitPolicy('sessions', t.tenantId),
	],
)

/** An employee's enrolment (inschrijving) in a session; the tenant is the employee's unit. */
export const enrolments = pgTable(
	'enrolments',
	{
		id: id(),
		tenantId: uuid().notNull().references(() => tenants.id),
		sessionId: uuid().notNull().references(() => sessions.id),
		userId: uuid().notNull().references(() => users.id),
		status: enrolmentStatus().notNull(),
		requestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		/** The course price when requested: what the budget is charged. */
		priceCents: integer().notNull().default(0),
		/** Fixed at approval (or at once when none is needed); the ledger carries the same. */
		costCentre: text(),
		/** Whose approval is awaited next, while awaiting approval. */
		approvalStep: approvalStep(),
		approvalReason: text({ enum: ['unit_always', 'above_price', 'over_budget'] }),
		decidedByUserId: uuid().references(() => users.id),
		/** The approver's reason (required when declining), or why it was cancelled. */
		decisionNote: text(),
		/**
		 * Arrival order for seats: drawn from a sequence while the session row is locked, so it is
		 * exactly the order in which requests got their turn. The waitlist is served by it.
		 */
		queueNumber: bigint({ mode: 'number' }),
		/**
		 * Until this moment cancelling is free whatever the providing unit's late-cancel rule: the
		 * provider changed the session's date, time or place after this person enrolled (ADR 029).
		 */
		freeCancellationUntil: timestamp({ withTimezone: true }),
	},
	(t) => [
		// The waitlist of a session, in arrival order.
		index('enrolments_waitlist').on(t.sessionId, t.queueNumber).where(sql`${t.status} = 'waitlisted'`),
		// A manager's approvals inbox.
		index('enrolments_awaiting').on(t.tenantId, t.status).where(sql`${t.status} = 'awaiting_approval'`),
		// Seat counts and participant lists per session.
		index().on(t.sessionId, t.status),
		// "My learning" and a unit's reports.
		index().on(t.tenantId, t.userId),
		// The target of meeting_attendance's reference: a mark's enrolment is of the mark's session.
		unique('enrolments_id_session').on(t.id, t.sessionId),
		// One active enrolment per employee per session.
		uniqueIndex('enrolments_one_active_per_session')
			.on(t.sessionId, t.userId)
			.where(sql`${t.status} not in ('declined', 'cancelled')`),
		// The employee's unit owns the enrolment.
		ownUnitPolicy('enrolments', t.tenantId),
		// The providing unit reads and updates (attendance) the enrolments in its own sessions.
		pgPolicy('enrolments_provider_read', { for: 'select', using: ownUnitFirst(t.tenantId, providesSession(t.sessionId)) }),
		pgPolicy('enrolments_provider_update', {
			for: 'update',
			using: ownUnitFirst(t.tenantId, providesSession(t.sessionId)),
			withCheck: ownUnitFirst(t.tenantId, providesSession(t.sessionId)),
		}),
	],
)

/**
 * How many seats a session's enrolments hold and how many people wait for one: what the unit's
 * session grid shows and sorts on (issue 14). Counting them per session under the enrolments'
 * policies took a second for a unit of 21,000 sessions; statement triggers on enrolments keep
 * these sums instead (migration 0046), so the portal only reads them. No row: no one.
 */
export const sessionSeatCounts = pgTable(
	'session_seat_counts',
	{
		sessionId: uuid().primaryKey(),
		/** The session's (providing) unit. */
		tenantId: uuid().notNull(),
		/** Enrolled, attended, no-show and completed: the statuses that hold a seat. */
		taken: integer().notNull().default(0),
		waiting: integer().notNull().default(0),
	},
	(t) => [
		foreignKey({ columns: [t.sessionId, t.tenantId], foreignColumns: [sessions.id, sessions.tenantId], name: 'session_seat_counts_session_same_unit' }).onDelete('cascade'),
		// Readable wherever the session is; written only by the triggers (no write grant).
		pgPolicy('session_seat_counts_with_session', { for: 'select', using: ownUnitFirst(t.tenantId, sql`exists (select 1 from sessions s where s.id = ${t.sessionId})`) }),
	],
)

function providesSession(sessionId: AnyPgColumn) {
	return sql`exists (select 1 from sessions s where s.id = ${sessionId} and s.tenant_id = ${appTenantId})`
}

/** Arrival order of seat requests across all sessions (see enrolments.queue_number). */
export const enrolmentQueue = pgSequence('enrolment_queue')

/**
 * The learning-budget ledger of the employee's unit: a commitment when an enrolment is
 * approved, a release (the negative amount) when it is cancelled in time. The remaining budget is
 * always the yearly budget minus the sum, so it cannot drift from the enrolments behind it.
 */
export const budgetLedger = pgTable(
	'budget_ledger',
	{
		id: id(),
		tenantId: uuid().notNull().references(() => tenants.id),
		userId: uuid().notNull().references(() => users.id),
		enrolmentId: uuid().notNull().references(() => enrolments.id),
		/** The budget year: the Amsterdam calendar year the session starts in. */
		year: integer().notNull(),
		kind: budgetEntryKind().notNull(),
		amountCents: integer().notNull(),
		costCentre: text(),
		createdAt: createdAt(),
	},
	(t) => [
		// One commitment and at most one release per enrolment: a retry can never charge twice.
		unique('budget_ledger_once').on(t.enrolmentId, t.kind),
		check('budget_ledger_sign', sql`(${t.kind} = 'commit') = (${t.amountCents} >= 0)`),
		// Remaining budget of one employee in one year.
		index().on(t.tenantId, t.userId, t.year),
		ownUnitPolicy('budget_ledger', t.tenantId),
	],
)

/**
 * Every notification mail, keyed by its message key: the idempotency record that keeps a
 * retried job from sending twice, and, in the embedded demo, the outbox a page shows.
 */
export const outboxMails = pgTable(
	'outbox_mails',
	{
		id: id(),
		tenantId: uuid().notNull().references(() => tenants.id),
		messageKey: text().notNull().unique(),
		messageId: text().notNull(),
		toAddress: text().notNull(),
		subject: text().notNull(),
		body: text().notNull(),
		/** kept: held in the outbox (demo); sending: handed to SMTP, outcome unknown; sent: accepted. */
		status: text({ enum: ['kept', 'sending', 'sent'] }).notNull(),
		attempts: integer().notNull().default(1),
		createdAt: createdAt(),
		sentAt: timestamp({ withTimezone: true }),
	},
	(t) => [index().on(t.tenantId, t.createdAt.desc()), ownUnitPolicy('outbox_mails', t.tenantId)],
)
