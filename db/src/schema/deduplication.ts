import type { CourseForm, DuplicateReason, DuplicateScanError } from '@leerplein/domain'
import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, jsonb, pgPolicy, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { courses } from './catalogue.ts'
import { createdAt, id } from './columns.ts'
import { courseStatus, duplicateScanStatus } from './enums.ts'
import { users } from './people.ts'
import { ownUnitFirst, ownUnitPolicy } from './tenancy.ts'
import { tenants } from './tenants.ts'

// Deduplication of the shared catalogue (issue 4, ADR 011). Writes across units (a merge moves
// other units' sessions) go only through the SECURITY DEFINER functions of migration 0019, which
// check that the signed-in person is a concern administrator.

const concernAdmin = sql`(select app_is_concern_admin())`

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
		pgPolicy('course_offerings_with_course', { for: 'select', using: ownUnitFirst(t.tenantId, sql`exists (select 1 from courses c where c.id = ${t.courseId})`) }),
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

/**
 * The concern-wide duplicate scan (ADR 019): a background job, requested by a concern
 * administrator and run in their tenant context, that records its progress here slice by slice
 * and, when done, its clusters below. Every portal process reads the same result.
 */
export const duplicateScans = pgTable(
	'duplicate_scans',
	{
		id: id(),
		/** The catalogue version (duplicateScanVersion) the scan read; while queued, the version when requested. */
		version: text().notNull(),
		status: duplicateScanStatus().notNull().default('queued'),
		/** Courses' worth of work done, of `total` (null until the scan has read the catalogue). */
		done: integer().notNull().default(0),
		total: integer(),
		clusterCount: integer(),
		requestedBy: uuid().notNull().references(() => users.id),
		requestedAt: createdAt(),
		startedAt: timestamp({ withTimezone: true }),
		finishedAt: timestamp({ withTimezone: true }),
		/** The last sign of life (request, start, progress, end): a scan that stops moving counts as stalled. */
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		durationMs: integer(),
		error: text().$type<DuplicateScanError>(),
		/** Asked while this scan ran on an older catalogue (a merge meanwhile): the worker queues the next one when it finishes. */
		rerunRequested: boolean().notNull().default(false),
	},
	(t) => [
		// Never two scans at once: at most one row is queued or running.
		uniqueIndex('duplicate_scans_one_active').on(sql`(true)`).where(sql`${t.status} in ('queued', 'running')`),
		// The report reads the newest scan of each status.
		index().on(t.status, t.requestedAt.desc()),
		pgPolicy('duplicate_scans_concern_admin', { for: 'all', using: concernAdmin, withCheck: concernAdmin }),
	],
)

/** A course as a scan's cluster lists it: a snapshot of what the report shows, taken when the scan read it. */
export type DuplicateScanCourse = { id: string; title: string; providerTenantId: string; providerShortName: string; form: CourseForm; durationMinutes: number }

/** The clusters a finished scan found, strongest first (`position` 1, 2, …): the report pages through them. */
export const duplicateScanClusters = pgTable(
	'duplicate_scan_clusters',
	{
		scanId: uuid()
			.notNull()
			.references(() => duplicateScans.id, { onDelete: 'cascade' }),
		position: integer().notNull(),
		topScore: real().notNull(),
		reasons: text().array().$type<DuplicateReason[]>().notNull(),
		courseIds: uuid().array().notNull(),
		/** The providing units of the cluster's courses, for the report's filter by unit. */
		providerTenantIds: uuid().array().notNull(),
		courses: jsonb().$type<DuplicateScanCourse[]>().notNull(),
	},
	(t) => [
		// The report pages by position within one scan (a few thousand clusters at most: a filter by unit reads them all).
		primaryKey({ columns: [t.scanId, t.position] }),
		pgPolicy('duplicate_scan_clusters_concern_admin', { for: 'all', using: concernAdmin, withCheck: concernAdmin }),
	],
)
