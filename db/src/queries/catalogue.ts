import { and, asc, count, desc, eq, gte, or, sql, type SQL } from 'drizzle-orm'
import { SEAT_HOLDING_STATUSES, type CatalogueCard, type CourseStatus } from '@leerplein/domain'
import type { Database } from '../client.ts'
import { courseAudiences, courses, themes } from '../schema/catalogue.ts'
import { locations, sessions } from '../schema/logistics.ts'
import { tenants } from '../schema/tenants.ts'

/**
 * The SQL twin of the domain rule `isCourseVisibleTo`: published courses open to the whole
 * concern or to the viewer's unit, plus the viewer's own unit's published courses, and, when
 * `unpublished` (the caller decided with `isUnpublishedCourseVisibleTo` that the viewer coordinates
 * their unit), its drafts and archived courses too. Without a viewer (not signed in) only
 * concern-wide published courses show. Row-level security is the unit's wall and lets the
 * providing unit read all its courses; who within the unit sees the unpublished ones is this filter's.
 */
export function courseVisibleTo(viewerTenantId: string | null, { unpublished }: { unpublished: boolean }): SQL {
	const openToViewer = viewerTenantId
		? or(
				eq(courses.visibility, 'concern'),
				sql`exists (select 1 from ${courseAudiences} where ${courseAudiences.courseId} = ${courses.id} and ${courseAudiences.tenantId} = ${viewerTenantId})`,
			)
		: eq(courses.visibility, 'concern')
	const published = and(eq(courses.status, 'published'), openToViewer)!
	if (!viewerTenantId) return published
	const own = unpublished ? eq(courses.providerTenantId, viewerTenantId) : and(eq(courses.providerTenantId, viewerTenantId), eq(courses.status, 'published'))!
	return or(own, published)!
}

export type CatalogueEntry = CatalogueCard

/** What a catalogue entry shows; a course page shows this and more. */
const catalogueEntryColumns = {
	id: courses.id,
	title: courses.title,
	summary: courses.summary,
	form: courses.form,
	language: courses.language,
	durationMinutes: courses.durationMinutes,
	priceCents: courses.priceCents,
	providerName: tenants.name,
	providerShortName: tenants.shortName,
	themeNameNl: themes.nameNl,
	themeNameEn: themes.nameEn,
}

export async function listCatalogue(
	db: Database,
	{ viewerTenantId, unpublished = false, limit, offset }: { viewerTenantId: string | null; unpublished?: boolean; limit: number; offset: number },
): Promise<{ entries: CatalogueEntry[]; total: number }> {
	const visible = courseVisibleTo(viewerTenantId, { unpublished })
	const [entries, [totals]] = await Promise.all([
		db
			.select(catalogueEntryColumns)
			.from(courses)
			.innerJoin(tenants, eq(tenants.id, courses.providerTenantId))
			.leftJoin(themes, eq(themes.id, courses.themeId))
			.where(visible)
			.orderBy(desc(courses.createdAt), desc(courses.id))
			.limit(limit)
			.offset(offset),
		db.select({ total: count() }).from(courses).where(visible),
	])
	return { entries, total: totals?.total ?? 0 }
}

export type CourseDetail = CatalogueEntry & {
	description: string
	keywords: string[]
	learningGoals: string
	targetAudience: string
	prerequisites: string
	contactName: string
	contactEmail: string
	/** Only the providing unit's coordinators see a course that is not published (courseVisibleTo), and it says so. */
	status: CourseStatus
	providerTenantId: string
	createdAt: Date
}

/**
 * A course as its page shows it, or null when it does not exist or the viewer may not see it.
 * `unpublished`: the viewer coordinates their unit and sees its drafts and archived courses (courseVisibleTo).
 */
export async function getCourse(
	db: Database,
	{ viewerTenantId, unpublished, courseId }: { viewerTenantId: string | null; unpublished: boolean; courseId: string },
): Promise<CourseDetail | null> {
	const [course] = await db
		.select({
			...catalogueEntryColumns,
			description: courses.description,
			keywords: courses.keywords,
			learningGoals: courses.learningGoals,
			targetAudience: courses.targetAudience,
			prerequisites: courses.prerequisites,
			contactName: courses.contactName,
			contactEmail: courses.contactEmail,
			status: courses.status,
			providerTenantId: courses.providerTenantId,
			createdAt: courses.createdAt,
		})
		.from(courses)
		.innerJoin(tenants, eq(tenants.id, courses.providerTenantId))
		.leftJoin(themes, eq(themes.id, courses.themeId))
		.where(and(eq(courses.id, courseId), courseVisibleTo(viewerTenantId, { unpublished })))
	return course ?? null
}

export type UpcomingSession = {
	id: string
	startsAt: Date
	endsAt: Date
	capacity: number
	/** After this moment nobody can enrol any more; null: until the start. */
	enrolmentDeadline: Date | null
	seatsTaken: number
	locationName: string | null
	city: string | null
	providerShortName: string
}

/**
 * Planned sessions of a course from `now` on, soonest first, with the seats already taken.
 * The seat count comes from session_seats_taken: the enrolments themselves are private to
 * the employee's and the providing unit, the number is for everyone (ADR 006).
 */
export async function listUpcomingSessions(
	db: Database,
	{ courseId, now, limit = 50 }: { courseId: string; now: Date; limit?: number },
): Promise<UpcomingSession[]> {
	const seatHolding = sql`array[${sql.join(
		SEAT_HOLDING_STATUSES.map((status) => sql`${status}`),
		sql`, `,
	)}]::enrolment_status[]`
	const rows = await db
		.select({
			id: sessions.id,
			startsAt: sessions.startsAt,
			endsAt: sessions.endsAt,
			capacity: sessions.capacity,
			enrolmentDeadline: sessions.enrolmentDeadline,
			seatsTaken: sql<number>`session_seats_taken(${sessions.id}, ${seatHolding})`.mapWith(Number),
			locationName: locations.name,
			city: locations.city,
			providerShortName: tenants.shortName,
		})
		.from(sessions)
		.innerJoin(tenants, eq(tenants.id, sessions.tenantId))
		.leftJoin(locations, eq(locations.id, sessions.locationId))
		.where(and(eq(sessions.courseId, courseId), eq(sessions.status, 'planned'), gte(sessions.startsAt, now)))
		.orderBy(asc(sessions.startsAt))
		.limit(limit)
	return rows
}

export type ThemeSummary = { id: string; slug: string; nameNl: string; nameEn: string }

/** The concern-wide themes, public to everyone. */
export async function listThemes(db: Database): Promise<ThemeSummary[]> {
	return db.select({ id: themes.id, slug: themes.slug, nameNl: themes.nameNl, nameEn: themes.nameEn }).from(themes).orderBy(asc(themes.nameNl))
}
