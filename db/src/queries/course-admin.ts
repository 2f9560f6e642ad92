import { and, asc, count, desc, eq, ilike, sql } from 'drizzle-orm'
import type { CourseForm, CourseStatus, Language } from '@leerplein/domain'
import type { Database } from '../client.ts'
import { courses } from '../schema/catalogue.ts'
import { sessions } from '../schema/logistics.ts'
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
		})
		.from(courses)
		.where(and(eq(courses.id, courseId), eq(courses.providerTenantId, tenantId)))
	return course ?? null
}

export type CourseFields = Omit<OwnCourse, 'id' | 'status'> & { status: Exclude<CourseStatus, 'merged'> }

export async function insertCourse(db: Database, { tenantId, fields }: { tenantId: string; fields: CourseFields }): Promise<string> {
	const [row] = await db
		.insert(courses)
		.values({ ...fields, providerTenantId: tenantId })
		.returning({ id: courses.id })
	return row!.id
}

/** Updates one of the unit's own courses; false when it is not (or no longer) the unit's, or was merged meanwhile. */
export async function updateCourse(db: Database, { tenantId, courseId, fields }: { tenantId: string; courseId: string; fields: CourseFields }): Promise<boolean> {
	const updated = await db
		.update(courses)
		.set({ ...fields, updatedAt: new Date() })
		.where(and(eq(courses.id, courseId), eq(courses.providerTenantId, tenantId), sql`${courses.status} <> 'merged'`))
		.returning({ id: courses.id })
	return updated.length > 0
}

export type ThemeOption = { id: string; nameNl: string; nameEn: string }

