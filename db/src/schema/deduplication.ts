import { sql } from 'drizzle-orm'
import { check, index, pgPolicy, pgTable, primaryKey, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { courses } from './catalogue.ts'
import { createdAt, id } from './columns.ts'
import { courseStatus } from './enums.ts'
import { users } from './people.ts'
import { ownUnitPolicy } from './tenancy.ts'
import { tenants } from './tenants.ts'

// Deduplication of the shared catalogue (issue 4, ADR 011). Writes across units (a merge moves
// other units' sessions) go only through the SECURITY DEFINER functions of migration 0019, which
// check that the signed-in person is a concern administrator.

const concernAdmin = sql`app_is_concern_admin()`

/**
 * A unit that offers sessions of a course another unit provides: it joined the shared course
 * instead of creating a double. Merging adds the merged course's provider here.
 */
export const courseOfferings = pgTable(
	'course_offerings',
	{
		tenantId: uuid().notNull().references(() => tenants.id),
		courseId: uuid().notNull().references(() => courses.id),
		createdAt: createdAt(),
		createdBy: uuid().references(() => users.id),
	},
	(t) => [
		primaryKey({ columns: [t.tenantId, t.courseId] }),
		// A course page lists the units that offer it.
		index().on(t.courseId),
		// Who offers a course is as public as the course itself (the subquery obeys the courses policies).
		pgPolicy('course_offerings_with_course', { for: 'select', using: sql`exists (select 1 from courses c where c.id = ${t.courseId})` }),
		// A unit joins (and leaves) a course for itself only.
		ownUnitPolicy('course_offerings', t.tenantId),
	],
)

/**
 * One course merged into another, with exactly what moved, so the merge can be undone:
 * the sessions, the offerings, and the merged course's status before.
 */
export const courseMerges = pgTable(
	'course_merges',
	{
		id: id(),
		canonicalCourseId: uuid().notNull().references(() => courses.id),
		mergedCourseId: uuid().notNull().references(() => courses.id),
		previousStatus: courseStatus().notNull(),
		previousUpdatedAt: timestamp({ withTimezone: true }).notNull(),
		movedSessionIds: uuid().array().notNull(),
		/** Units whose offering of the merged course moved to the canonical one. */
		movedOfferingTenantIds: uuid().array().notNull(),
		/** Offerings of the canonical course the merge created (the merged course's provider among them). */
		addedOfferingTenantIds: uuid().array().notNull(),
		mergedBy: uuid().notNull().references(() => users.id),
		mergedAt: createdAt(),
		undoneBy: uuid().references(() => users.id),
		undoneAt: timestamp({ withTimezone: true }),
	},
	(t) => [
		// A course is merged into at most one other at a time.
		uniqueIndex('course_merges_one_active').on(t.mergedCourseId).where(sql`${t.undoneAt} is null`),
		// The report lists recent merges; a canonical course lists what was merged into it.
		index().on(t.mergedAt.desc()),
		index().on(t.canonicalCourseId),
		pgPolicy('course_merges_concern_admin_read', { for: 'select', using: concernAdmin }),
		// A provider may see what happened to its own course.
		pgPolicy('course_merges_provider_read', {
			for: 'select',
			using: sql`app_provides_course(${t.mergedCourseId}) or app_provides_course(${t.canonicalCourseId})`,
		}),
	],
)

/** A pair of courses the concern administrator judged "not a duplicate": never suggested again. */
export const duplicateDismissals = pgTable(
	'duplicate_dismissals',
	{
		courseAId: uuid().notNull().references(() => courses.id),
		courseBId: uuid().notNull().references(() => courses.id),
		dismissedBy: uuid().notNull().references(() => users.id),
		dismissedAt: createdAt(),
	},
	(t) => [
		primaryKey({ columns: [t.courseAId, t.courseBId] }),
		// One row per pair, whichever way round it was judged.
		check('pair_ordered', sql`${t.courseAId} < ${t.courseBId}`),
		// The judgement is no secret (suggestions to coordinators skip these pairs too); only administrators make it.
		pgPolicy('duplicate_dismissals_public_read', { for: 'select', using: sql`true` }),
		pgPolicy('duplicate_dismissals_concern_admin', { for: 'all', using: concernAdmin, withCheck: concernAdmin }),
	],
)
