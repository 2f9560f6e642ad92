import { count, desc, eq, inArray, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { CourseForm, CourseStatus } from '@leerplein/domain'
import { selectRows, type Database } from '../client.ts'
import { courses, themes } from '../schema/catalogue.ts'
import { courseMerges, courseOfferings, duplicateDismissals } from '../schema/deduplication.ts'
import { sessions } from '../schema/logistics.ts'
import { tenants } from '../schema/tenants.ts'
import { v7 as uuidv7 } from 'uuid'

/**
 * Duplicate detection and merging (issue 4, ADR 011). For one course the database proposes
 * candidates: the courses sharing a rare word of its title, most alike by trigrams first
 * (migration 0024); for the concern-wide scan the domain blocks the whole catalogue in memory. Either way the domain's scoreDuplicate decides. All of it runs in a
 * tenant context: a coordinator sees candidates among the courses visible to their unit, a
 * concern administrator among all published courses (policy courses_concern_admin_read).
 */

/** What scoring and the side-by-side comparison need of a course. */
export type DuplicateCourse = {
	id: string
	title: string
	summary: string
	description: string
	themeId: string | null
	themeNameNl: string | null
	themeNameEn: string | null
	form: CourseForm
	durationMinutes: number
	priceCents: number
	providerTenantId: string
	providerName: string
	providerShortName: string
	status: CourseStatus
	createdAt: Date
	updatedAt: Date
}

const duplicateCourseColumns = {
	id: courses.id,
	title: courses.title,
	summary: courses.summary,
	description: courses.description,
	themeId: courses.themeId,
	themeNameNl: themes.nameNl,
	themeNameEn: themes.nameEn,
	form: courses.form,
	durationMinutes: courses.durationMinutes,
	priceCents: courses.priceCents,
	providerTenantId: courses.providerTenantId,
	providerName: tenants.name,
	providerShortName: tenants.shortName,
	status: courses.status,
	createdAt: courses.createdAt,
	updatedAt: courses.updatedAt,
}

/** A candidate for a duplicate, by id and last change: enough to tell whether it was read before. */
export type DuplicateCandidateVersion = { id: string; updatedAt: Date }

/**
 * Published courses whose title resembles `title`, most similar first: the candidates to score
 * for a course being written or edited, by id and last change (a caller that prepared a course
 * before need not read its text again; getDuplicateCourses reads the rest). The ids come from
 * duplicate_candidate_ids (migration 0024), which applies the visibility rules itself so the
 * word and trigram indexes can serve it; the courses are then read through RLS as usual. Leaves
 * out `excludeCourseId` and the pairs with it judged "not a duplicate".
 */
export async function findDuplicateCandidateVersions(
	db: Database,
	{ title, excludeCourseId = null, limit = 40 }: { title: string; excludeCourseId?: string | null; limit?: number },
): Promise<DuplicateCandidateVersion[]> {
	const rows = await selectRows<{ id: string; updated_at: string | Date }>(
		db,
		sql`select c.id, c.updated_at from duplicate_candidate_ids(${title}, ${excludeCourseId}::uuid, ${limit}) with ordinality as d(id, similarity, rank)
			join courses c on c.id = d.id order by d.rank`,
	)
	return rows.map((row) => ({ id: row.id, updatedAt: new Date(row.updated_at) }))
}

/** Every pair judged "not a duplicate", as "a|b" with a < b. */
export async function listDismissedPairs(db: Database): Promise<Set<string>> {
	const rows = await db.select({ a: duplicateDismissals.courseAId, b: duplicateDismissals.courseBId }).from(duplicateDismissals)
	return new Set(rows.map((row) => `${row.a}|${row.b}`))
}

/** Courses by id, with what scoring and comparison need; ids the reader may not see are left out. */
export async function getDuplicateCourses(db: Database, { courseIds }: { courseIds: readonly string[] }): Promise<DuplicateCourse[]> {
	if (courseIds.length === 0) return []
	return db
		.select(duplicateCourseColumns)
		.from(courses)
		.innerJoin(tenants, eq(tenants.id, courses.providerTenantId))
		.leftJoin(themes, eq(themes.id, courses.themeId))
		.where(inArray(courses.id, [...courseIds]))
}

/** Every published course the reader may see, for the concern-wide scan (the domain's createDuplicateScan). */
export async function listPublishedDuplicateCourses(db: Database): Promise<DuplicateCourse[]> {
	return db
		.select(duplicateCourseColumns)
		.from(courses)
		.innerJoin(tenants, eq(tenants.id, courses.providerTenantId))
		.leftJoin(themes, eq(themes.id, courses.themeId))
		.where(eq(courses.status, 'published'))
}

/** Remembers that two courses are not the same offering; judging a pair twice changes nothing. */
export async function dismissDuplicatePair(db: Database, { courseIds, userId }: { courseIds: [string, string]; userId: string }): Promise<void> {
	const [a, b] = [...courseIds].sort() as [string, string]
	await db.insert(duplicateDismissals).values({ courseAId: a, courseBId: b, dismissedBy: userId }).onConflictDoNothing()
}

/** Folds `mergedId` into `canonicalId` through merge_course (concern administrators only; see migration 0019). Returns the merge's id. */
export async function mergeCourse(
	db: Database,
	{ mergeId = uuidv7(), canonicalId, mergedId }: { mergeId?: string; canonicalId: string; mergedId: string },
): Promise<string> {
	await db.execute(sql`select merge_course(${mergeId}::uuid, ${canonicalId}::uuid, ${mergedId}::uuid)`)
	return mergeId
}

/** Changes whenever the scan's outcome could: published courses, edits, merges, undos, judgements. */
export async function duplicateScanVersion(db: Database): Promise<string> {
	const [row] = await selectRows<{ version: string }>(
		db,
		sql`select concat_ws('/', (select count(*) from courses where status = 'published'), (select max(updated_at) from courses),
			(select count(*) from duplicate_dismissals), (select count(*) from course_merges), (select max(undone_at) from course_merges)) as version`,
	)
	return row!.version
}

/** Sessions per course (all, past and planned), for the side-by-side comparison. */
export async function countSessionsByCourse(db: Database, { courseIds }: { courseIds: readonly string[] }): Promise<Map<string, number>> {
	if (courseIds.length === 0) return new Map()
	const rows = await db
		.select({ courseId: sessions.courseId, sessions: sql<number>`count(*)`.mapWith(Number) })
		.from(sessions)
		.where(inArray(sessions.courseId, [...courseIds]))
		.groupBy(sessions.courseId)
	return new Map(rows.map((row) => [row.courseId, row.sessions]))
}

/** Undoes one merge exactly, through undo_course_merge (concern administrators only). */
export async function undoCourseMerge(db: Database, { mergeId }: { mergeId: string }): Promise<void> {
	await db.execute(sql`select undo_course_merge(${mergeId}::uuid)`)
}

export type CourseMergeRecord = {
	id: string
	canonicalCourseId: string
	canonicalTitle: string
	mergedCourseId: string
	mergedTitle: string
	mergedProviderShortName: string
	movedSessions: number
	mergedAt: Date
	undoneAt: Date | null
}

/** Merges, newest first, for the report's history (paged by `offset`) and its undo buttons. */
export async function listCourseMerges(
	db: Database,
	{ limit = 50, offset = 0, mergeIds }: { limit?: number; offset?: number; mergeIds?: string[] } = {},
): Promise<CourseMergeRecord[]> {
	const canonical = alias(courses, 'canonical')
	const merged = alias(courses, 'merged')
	return db
		.select({
			id: courseMerges.id,
			canonicalCourseId: courseMerges.canonicalCourseId,
			canonicalTitle: canonical.title,
			mergedCourseId: courseMerges.mergedCourseId,
			mergedTitle: merged.title,
			mergedProviderShortName: tenants.shortName,
			movedSessions: sql<number>`cardinality(${courseMerges.movedSessionIds})`.mapWith(Number),
			mergedAt: courseMerges.mergedAt,
			undoneAt: courseMerges.undoneAt,
		})
		.from(courseMerges)
		.innerJoin(canonical, eq(canonical.id, courseMerges.canonicalCourseId))
		.innerJoin(merged, eq(merged.id, courseMerges.mergedCourseId))
		.innerJoin(tenants, eq(tenants.id, merged.providerTenantId))
		.where(mergeIds ? inArray(courseMerges.id, mergeIds) : undefined)
		.orderBy(desc(courseMerges.mergedAt), desc(courseMerges.id))
		.limit(limit)
		.offset(offset)
}

/** How many merges the history holds, undone ones included: the number of its pages. */
export async function countCourseMerges(db: Database): Promise<number> {
	const [row] = await db.select({ total: count() }).from(courseMerges)
	return row?.total ?? 0
}

/** Where an old course URL leads now (the end of its chain of merges), or null when it was not merged. */
export async function courseRedirectTarget(db: Database, { courseId }: { courseId: string }): Promise<string | null> {
	const [row] = await selectRows<{ target: string | null }>(db, sql`select course_redirect_target(${courseId}::uuid) as target`)
	return row?.target ?? null
}

/** Lets the current unit offer sessions of a course another unit provides; joining twice changes nothing. */
export async function joinCourse(db: Database, { tenantId, courseId, userId }: { tenantId: string; courseId: string; userId: string }): Promise<boolean> {
	const inserted = await db.insert(courseOfferings).values({ tenantId, courseId, createdBy: userId }).onConflictDoNothing().returning({ tenantId: courseOfferings.tenantId })
	return inserted.length > 0
}

export type CourseOffering = { tenantId: string; name: string; shortName: string }

/** The units that offer a course besides its provider, by name. */
export async function listCourseOfferings(db: Database, { courseId }: { courseId: string }): Promise<CourseOffering[]> {
	return db
		.select({ tenantId: courseOfferings.tenantId, name: tenants.name, shortName: tenants.shortName })
		.from(courseOfferings)
		.innerJoin(tenants, eq(tenants.id, courseOfferings.tenantId))
		.where(eq(courseOfferings.courseId, courseId))
		.orderBy(tenants.name)
}
