import { sql } from 'drizzle-orm'
import { type AnyPgColumn, boolean, check, customType, index, integer, pgPolicy, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id } from './columns.ts'
import { courseForm, courseStatus, courseVisibility, language } from './enums.ts'
import { appTenantId, ownUnitFirst, publicReadPolicy } from './tenancy.ts'
import { tenants } from './tenants.ts'

/** A PostgreSQL full-text document; written by triggers, never by the application. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })

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
		/** What a participant can do afterwards (issue 14); empty in a draft not yet written out. */
		learningGoals: text().notNull().default(''),
		/** Who the course is meant for. */
		targetAudience: text().notNull().default(''),
		/** What a participant should know or have done before. */
		prerequisites: text().notNull().default(''),
		/** Whom to ask about the course: both or neither (the form's rule and a check); a published course has one. */
		contactName: text().notNull().default(''),
		contactEmail: text().notNull().default(''),
		visibility: courseVisibility().notNull().default('concern'),
		status: courseStatus().notNull().default('draft'),
		/** Weeks from a participant's completion to their follow-up questionnaire (ADR 045): 4–52, set by the providing unit. */
		followUpWeeks: smallint().notNull().default(12),
		/** Whether the participant's manager gets a short questionnaire at the follow-up (ADR 045). */
		managerQuestionnaire: boolean().notNull().default(false),
		createdAt: createdAt(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),

		// --- Catalogue search (issue 4, ADR 010). All maintained by triggers (migrations 0016, 0042). ---
		/** Weighted Dutch document: title (A), keywords and theme (B), summary and description (C), provider, learning goals and target audience (D). */
		searchDocument: tsvector(),
		/** The title lower-cased without accents, for exact-title and phrase-in-title ranking. */
		searchTitle: text().notNull().default(''),
		/** Start times of the planned sessions, ascending: "has upcoming sessions" and "first session" sorting. */
		sessionStarts: timestamp({ withTimezone: true }).array().notNull().default(sql`'{}'::timestamptz[]`),
		/** 'YYYY-MM|City' (city empty when online) per planned session: the period and location facets. */
		sessionCalendar: text().array().notNull().default(sql`'{}'::text[]`),
		// --- end of catalogue search ---
		// — Deduplication (issue 4, ADR 011) —
		/** The course this one was merged into (status 'merged'); its old URL redirects there. */
		mergedIntoCourseId: uuid().references((): AnyPgColumn => courses.id),
		/** The title lowercased without accents, stored so trigram look-ups need not unaccent every row again. */
		titleKey: text().generatedAlwaysAs(sql`lower(f_unaccent(title))`),
		/** The title's words, lowercased without accents: duplicate candidates share the rarest of them (migration 0024). */
		titleWords: text().array().generatedAlwaysAs(sql`course_title_words(title)`),
		/**
		 * A blended programme's completion rule (ADR 033): at least this many of the course's parts
		 * (its classroom part and each online part); null means every part. Only asked where the course
		 * has online parts and is not e-learning.
		 */
		completionMinParts: integer(),
		/** How many online parts come before the classroom part (ADR 033): 0, the default, puts it first. */
		classroomPartIndex: integer().notNull().default(0),
	},
	(t) => [
		// The catalogue lists published courses newest first.
		index().on(t.status, t.createdAt.desc(), t.id.desc()),
		// A unit's own offering, for its coordinators.
		index().on(t.providerTenantId, t.status),
		// Catalogue search: the full-text match (ADR 010).
		index('courses_search_document_idx').using('gin', t.searchDocument),
		check('duration_positive', sql`${t.durationMinutes} > 0`),
		check('price_not_negative', sql`${t.priceCents} >= 0`),
		check('follow_up_weeks_range', sql`${t.followUpWeeks} between 4 and 52`),
		check('completion_min_parts_positive', sql`${t.completionMinParts} is null or ${t.completionMinParts} >= 1`),
		check('classroom_part_index_not_negative', sql`${t.classroomPartIndex} >= 0`),
		// A contact is a name and an address, or none at all (ADR 034): a name nobody can write to, or
		// an address without a name, helps no one. Blank counts as empty.
		check('contact_both_or_neither', sql`(btrim(${t.contactName}) = '') = (btrim(${t.contactEmail}) = '')`),
		// The visibility rule of the domain's isCourseVisibleTo (and the query twin courseVisibleTo):
		// published and open to the concern, or opened to the reader's unit. Anonymous visitors
		// (no tenant) see the concern-wide published courses only.
		pgPolicy('courses_visible', {
			for: 'select',
			using: ownUnitFirst(
				t.providerTenantId,
				sql`(${t.status} = 'published' and (${t.visibility} = 'concern' or exists (
					select 1 from course_audiences a where a.course_id = ${t.id} and a.tenant_id = ${appTenantId})))`,
			),
		}),
		// The providing unit sees and changes all of its courses, drafts included.
		pgPolicy('courses_provider', {
			for: 'all',
			using: sql`${t.providerTenantId} = ${appTenantId}`,
			withCheck: sql`${t.providerTenantId} = ${appTenantId}`,
		}),
		// — Deduplication (issue 4, ADR 011) —
		// Candidate search for duplicates: titles similar to a given one, by trigrams, accents off.
		index('courses_title_trgm').using('gin', t.titleKey.op('gin_trgm_ops')),
		// … and by the rarest word they share (its statistics say which word is rare).
		index('courses_title_words').using('gin', t.titleWords),
		// The concern administrator keeps the shared catalogue clean, so sees every published course
		// (also those opened to selected units) and every merged one, across units.
		pgPolicy('courses_concern_admin_read', {
			for: 'select',
			using: sql`(${t.status} = 'published' or ${t.mergedIntoCourseId} is not null) and (select app_is_concern_admin())`,
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
