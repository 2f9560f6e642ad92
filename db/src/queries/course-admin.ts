import { and, asc, count, desc, eq, ilike, inArray, notInArray, sql } from 'drizzle-orm'
import type { CourseForm, CourseStatus, CourseVisibilityScope, Language } from '@leerplein/domain'
import type { Database } from '../client.ts'
import { courseAudiences, courses } from '../schema/catalogue.ts'
import { sessions } from '../schema/logistics.ts'
import { tenants } from '../schema/tenants.ts'
import { containsPattern } from './approval-inbox.ts'

/** A coordinator's own unit's courses (issue 4): the admin grid, and the course form. */

export const OWN_COURSE_SORTS = ['title', 'status', 'updated', 'sessions'] as const
export type OwnCourseSort = (typeof OWN_COURSE_SORTS)[number]

export type OwnCourseRow = { id: string; title: string; status: CourseStatus; form: CourseForm; updatedAt: Date; sessions: number }

/** What the unit's course grid narrows to: words in the title, a status, a form. */
export type OwnCourseFilter = { search?: string; status?: Exclude<CourseStatus, 'merged'>; form?: CourseForm }

/** The unit's courses, filtered, sorted and paged; merged courses are gone from the unit's offering. */
export async function listOwnCourses(
	db: Database,
	{ tenantId, filter = {}, sort, direction, limit, offset }: { tenantId: string; filter?: OwnCourseFilter; sort: OwnCourseSort; direction: 'asc' | 'desc'; limit: number; offset: number },
): Promise<{ rows: OwnCourseRow[]; total: number }> {
	const sessionCount = sql<number>`(select count(*) from ${sessions} s where s.course_id = ${courses.id})`.mapWith(Number)
	const column = { title: courses.title, status: courses.status, updated: courses.updatedAt, sessions: sessionCount }[sort]
	const order = direction === 'asc' ? asc(column) : desc(column)
	const search = filter.search?.trim()
	const own = and(
		eq(courses.providerTenantId, tenantId),
		sql`${courses.status} <> 'merged'`,
		filter.status ? eq(courses.status, filter.status) : undefined,
		filter.form ? eq(courses.form, filter.form) : undefined,
		search ? ilike(courses.title, containsPattern(search)) : undefined,
	)
	const [rows, [totals]] = await Promise.all([
		db
			.select({ id: courses.id, title: courses.title, status: courses.status, form: courses.form, updatedAt: courses.updatedAt, sessions: sessionCount })
			.from(courses)
			.where(own)
			.orderBy(order, asc(courses.id))
			.limit(limit)
			.offset(offset),
		db.select({ total: count() }).from(courses).where(own),
	])
	return { rows, total: totals?.total ?? 0 }
}

export type OwnCourse = {
	id: string
	title: string
	summary: string
	description: string
	themeId: string | null
	form: CourseForm
	language: Language
	durationMinutes: number
	priceCents: number
	status: CourseStatus
	learningGoals: string
	targetAudience: string
	prerequisites: string
	keywords: string[]
	contactName: string
	contactEmail: string
	visibility: CourseVisibilityScope
	/** The units a course open to 'selected' units is opened to. */
	audienceTenantIds: string[]
}

/** One of the unit's own courses, for its edit form; null for another unit's course. */
export async function getOwnCourse(db: Database, { tenantId, courseId }: { tenantId: string; courseId: string }): Promise<OwnCourse | null> {
	const [course] = await db
		.select({
			id: courses.id,
			title: courses.title,
			summary: courses.summary,
			description: courses.description,
			themeId: courses.themeId,
			form: courses.form,
			language: courses.language,
			durationMinutes: courses.durationMinutes,
			priceCents: courses.priceCents,
			status: courses.status,
			learningGoals: courses.learningGoals,
			targetAudience: courses.targetAudience,
			prerequisites: courses.prerequisites,
			keywords: courses.keywords,
			contactName: courses.contactName,
			contactEmail: courses.contactEmail,
			visibility: courses.visibility,
			audienceTenantIds: sql<string[]>`array(select ${courseAudiences.tenantId} from ${courseAudiences} where ${courseAudiences.courseId} = ${courses.id} order by 1)`,
		})
		.from(courses)
		.where(and(eq(courses.id, courseId), eq(courses.providerTenantId, tenantId)))
	return course ?? null
}

/** What the course form writes; the status is not among it: a new course is a draft, and publishing is its own step. */
export type CourseFields = Omit<OwnCourse, 'id' | 'status' | 'audienceTenantIds'>

/** Opens a course to exactly these units (none when it is open to the whole concern). */
async function replaceAudiences(db: Database, { courseId, tenantIds }: { courseId: string; tenantIds: string[] }): Promise<void> {
	await db.delete(courseAudiences).where(and(eq(courseAudiences.courseId, courseId), tenantIds.length > 0 ? notInArray(courseAudiences.tenantId, tenantIds) : undefined))
	if (tenantIds.length > 0) await db.insert(courseAudiences).values(tenantIds.map((tenantId) => ({ courseId, tenantId }))).onConflictDoNothing()
}

/** A new course of the unit: always a draft. */
export async function insertCourse(db: Database, { tenantId, fields, audienceTenantIds }: { tenantId: string; fields: CourseFields; audienceTenantIds: string[] }): Promise<string> {
	const [row] = await db
		.insert(courses)
		.values({ ...fields, providerTenantId: tenantId, status: 'draft' })
		.returning({ id: courses.id })
	await replaceAudiences(db, { courseId: row!.id, tenantIds: fields.visibility === 'selected' ? audienceTenantIds : [] })
	return row!.id
}

/** Updates one of the unit's own courses; false when it is not (or no longer) the unit's, or was merged meanwhile. */
export async function updateCourse(
	db: Database,
	{ tenantId, courseId, fields, audienceTenantIds }: { tenantId: string; courseId: string; fields: CourseFields; audienceTenantIds: string[] },
): Promise<boolean> {
	const updated = await db
		.update(courses)
		.set({ ...fields, updatedAt: new Date() })
		.where(and(eq(courses.id, courseId), eq(courses.providerTenantId, tenantId), sql`${courses.status} <> 'merged'`))
		.returning({ id: courses.id })
	if (updated.length === 0) return false
	await replaceAudiences(db, { courseId, tenantIds: fields.visibility === 'selected' ? audienceTenantIds : [] })
	return true
}

/**
 * Moves one of the unit's own courses from the status the caller decided on to another, the same
 * conditional update as a race guard: false when the course changed status (or unit) meanwhile.
 */
export async function setCourseStatus(
	db: Database,
	{ tenantId, courseId, from, to }: { tenantId: string; courseId: string; from: CourseStatus; to: Exclude<CourseStatus, 'merged'> },
): Promise<boolean> {
	const updated = await db
		.update(courses)
		.set({ status: to, updatedAt: new Date() })
		.where(and(eq(courses.id, courseId), eq(courses.providerTenantId, tenantId), eq(courses.status, from)))
		.returning({ id: courses.id })
	return updated.length > 0
}

/** Which of these ids are units of the concern (a course is opened only to real units). */
export async function existingTenantIds(db: Database, { tenantIds }: { tenantIds: string[] }): Promise<string[]> {
	if (tenantIds.length === 0) return []
	const rows = await db.select({ id: tenants.id }).from(tenants).where(inArray(tenants.id, tenantIds))
	return rows.map((row) => row.id)
}

export type ThemeOption = { id: string; nameNl: string; nameEn: string }

