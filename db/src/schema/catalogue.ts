import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id } from './columns.ts'
import { courseForm, courseStatus, courseVisibility, language } from './enums.ts'
import { tenants } from './tenants.ts'

/** Concern-wide themes that structure the catalogue. */
export const themes = pgTable('themes', {
	id: id(),
	slug: text().notNull().unique(),
	nameNl: text().notNull(),
	nameEn: text().notNull(),
})

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
	],
)

/** The units a course with visibility 'selected' is opened to. */
export const courseAudiences = pgTable(
	'course_audiences',
	{
		courseId: uuid().notNull().references(() => courses.id, { onDelete: 'cascade' }),
		tenantId: uuid().notNull().references(() => tenants.id),
	},
	(t) => [primaryKey({ columns: [t.tenantId, t.courseId] })],
)
