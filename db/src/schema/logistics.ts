import { sql } from 'drizzle-orm'
import { type AnyPgColumn, check, index, integer, pgPolicy, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { courses } from './catalogue.ts'
import { createdAt, id } from './columns.ts'
import { enrolmentStatus, sessionStatus } from './enums.ts'
import { users } from './people.ts'
import { appTenantId, ownUnitPolicy, publicReadPolicy } from './tenancy.ts'
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
		createdAt: createdAt(),
	},
	(t) => [
		index().on(t.tenantId, t.city),
		// Addresses of training venues are not secret: a session shows where it is.
		publicReadPolicy('locations'),
		ownUnitPolicy('locations', t.tenantId),
	],
)

/** A scheduled run (uitvoering) of a course, run by a providing unit. Online sessions have no location. */
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
		createdAt: createdAt(),
	},
	(t) => [
		// A course page lists its upcoming sessions.
		index().on(t.courseId, t.startsAt),
		// A unit's planning, by date.
		index().on(t.tenantId, t.startsAt),
		check('ends_after_start', sql`${t.endsAt} > ${t.startsAt}`),
		check('capacity_positive', sql`${t.capacity} > 0`),
		// A session is readable wherever its course is (the subquery obeys the courses policies).
		pgPolicy('sessions_with_course', {
			for: 'select',
			using: sql`exists (select 1 from courses c where c.id = ${t.courseId})`,
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
	},
	(t) => [
		// Seat counts and participant lists per session.
		index().on(t.sessionId, t.status),
		// "My learning" and a unit's reports.
		index().on(t.tenantId, t.userId),
		// One active enrolment per employee per session.
		uniqueIndex('enrolments_one_active_per_session')
			.on(t.sessionId, t.userId)
			.where(sql`${t.status} not in ('declined', 'cancelled')`),
		// The employee's unit owns the enrolment.
		ownUnitPolicy('enrolments', t.tenantId),
		// The providing unit reads and updates (attendance) the enrolments in its own sessions.
		pgPolicy('enrolments_provider_read', { for: 'select', using: providesSession(t.sessionId) }),
		pgPolicy('enrolments_provider_update', { for: 'update', using: providesSession(t.sessionId), withCheck: providesSession(t.sessionId) }),
	],
)

function providesSession(sessionId: AnyPgColumn) {
	return sql`exists (select 1 from sessions s where s.id = ${sessionId} and s.tenant_id = ${appTenantId})`
}
