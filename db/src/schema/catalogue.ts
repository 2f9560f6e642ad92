import { sql } from 'drizzle-orm'
import { check, index, integer, pgPolicy, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id } from './columns.ts'
import { courseForm, courseStatus, courseVisibility, language } from './enums.ts'
import { appTenantId, publicReadPolicy } from './tenancy.ts'
import { tenants } from './tenants.ts'

/** Concern-wide themes that structure the catalogue. */
export const themes = pgTable(
	'themes',
	{
		id: id(),
		slug: text().notNull().unique(),
		nameNl: text().notNull(),
		nameEn: text().notNull(),
	},
	// Maintained by the migrator (and later the concern administrator); read by everyone.
	() => [publicReadPolicy('themes')],
)

/** A course in the one shared catalogue, owned by the unit that provides it. */
export const courses = pgTable(
	'courses',
	{
		id: id(),
		providerTenantId: uuid().notNull().references(() => tenants.id),
		title: text().notNull(),
		summary: text().notNull(),
		description: text().notNull(),
		keywords: text().array().notNull().default(sql`'{}'::text[]`),
		themeId: uuid().references(() => themes.id),
		form: courseForm().notNull(),
		language: language().notNull().default('nl'),
		durationMinutes: integer().notNull(),
		priceCents: integer().notNull().default(0),
		visibility: courseVisibility().notNull().default('concern'),
		status: courseStatus().notNull().default('draft'),
		createdAt: createdAt(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		// The catalogue lists published courses newest first.
		index().on(t.status, t.createdAt.desc(), t.id.desc()),
		// A unit's own offering, for its coordinators.
		index().on(t.providerTenantId, t.status),
		check('duration_positive', sql`${t.durationMinutes} > 0`),
		check('price_not_negative', sql`${t.priceCents} >= 0`),
		// The visibility rule of the domain's isCourseVisibleTo (and the query twin courseVisibleTo):
		// published and open to the concern, or opened to the reader's unit. Anonymous visitors
		// (no tenant) see the concern-wide published courses only.
		pgPolicy('courses_visible', {
			for: 'select',
			using: sql`${t.status} = 'published' and (${t.visibility} = 'concern' or exists (
				select 1 from course_audiences a where a.course_id = ${t.id} and a.tenant_id = ${appTenantId}))`,
		}),
		// The providing unit sees and changes all of its courses, drafts included.
		pgPolicy('courses_provider', {
			for: 'all',
			using: sql`${t.providerTenantId} = ${appTenantId}`,
			withCheck: sql`${t.providerTenantId} = ${appTenantId}`,
		}),
	],
)

/** The units a course with visibility 'selected' is opened to. */
export const courseAudiences = pgTable(
	'course_audiences',
	{
		courseId: uuid().notNull().references(() => courses.id, { onDelete: 'cascade' }),
		tenantId: uuid().notNull().references(() => tenants.id),
	},
	(t) => [
		primaryKey({ columns: [t.tenantId, t.courseId] }),
		// A unit sees that a course is opened to it; the provider manages the whole list.
		// app_provides_course skips RLS, because asking `courses` here would recurse into this policy.
		pgPolicy('course_audiences_audience', { for: 'select', using: sql`${t.tenantId} = ${appTenantId}` }),
		pgPolicy('course_audiences_provider', {
			for: 'all',
			using: sql`app_provides_course(${t.courseId})`,
			withCheck: sql`app_provides_course(${t.courseId})`,
		}),
	],
)
