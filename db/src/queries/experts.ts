import { and, asc, eq, sql } from 'drizzle-orm'
import { selectRows, type Database } from '../client.ts'
import { themes } from '../schema/catalogue.ts'
import { expertCompetencies, experts, expertThemes } from '../schema/experts.ts'
import { competencies } from '../schema/passport.ts'
import { termGroupsQuery, type SearchTermGroup } from './search.ts'

// The experts directory (issue 20, ADR 048). An entry is read and written only by its person, in
// their own unit (the `_self` policies); the concern-wide directory goes through
// `expert_directory()`, which publishes the directory's columns and nothing else.

export type OwnExpertEntry = {
	description: string
	contact: string
	pausedAt: Date | null
	themeIds: string[]
	competencyIds: string[]
}

export type ExpertFields = { description: string; contact: string; themeIds: readonly string[]; competencyIds: readonly string[] }

/** The person's own entry with its themes and competencies; null when they are not an expert. */
export async function getOwnExpert(db: Database, { tenantId, userId }: { tenantId: string; userId: string }): Promise<OwnExpertEntry | null> {
	const [entry] = await db
		.select({ description: experts.description, contact: experts.contact, pausedAt: experts.pausedAt })
		.from(experts)
		.where(and(eq(experts.tenantId, tenantId), eq(experts.userId, userId)))
	if (!entry) return null
	const [themeRows, competencyRows] = await Promise.all([
		db.select({ id: expertThemes.themeId }).from(expertThemes).where(and(eq(expertThemes.tenantId, tenantId), eq(expertThemes.userId, userId))),
		db
			.select({ id: expertCompetencies.competencyId })
			.from(expertCompetencies)
			.where(and(eq(expertCompetencies.tenantId, tenantId), eq(expertCompetencies.userId, userId))),
	])
	return { ...entry, themeIds: themeRows.map((r) => r.id).sort(), competencyIds: competencyRows.map((r) => r.id).sort() }
}

/** Which of the given ids are themes; which are active competencies (the form's choices, checked again). */
export async function knownExpertChoices(db: Database, { themeIds, competencyIds }: { themeIds: readonly string[]; competencyIds: readonly string[] }) {
	const [themeRows, competencyRows] = await Promise.all([
		themeIds.length === 0 ? [] : selectRows<{ id: string }>(db, sql`select id from themes where id = any(${`{${themeIds.join(',')}}`}::uuid[])`),
		competencyIds.length === 0
			? []
			: selectRows<{ id: string }>(db, sql`select id from competencies where active and id = any(${`{${competencyIds.join(',')}}`}::uuid[])`),
	])
	return { themeIds: new Set(themeRows.map((r) => r.id)), competencyIds: new Set(competencyRows.map((r) => r.id)) }
}

/** Every theme and every active competency, by name: what the form offers. */
export async function listExpertChoices(db: Database) {
	const [themeRows, competencyRows] = await Promise.all([
		db.select({ id: themes.id, slug: themes.slug, nameNl: themes.nameNl, nameEn: themes.nameEn }).from(themes).orderBy(asc(themes.nameNl)),
		db.select({ id: competencies.id, name: competencies.name }).from(competencies).where(eq(competencies.active, true)).orderBy(asc(competencies.name)),
	])
	return { themes: themeRows, competencies: competencyRows }
}

/**
 * Writes the person's entry (new, or replacing description, contact, themes and competencies);
 * a new entry is available at once, a changed one keeps its pause. Returns whether it was new.
 */
export async function saveExpert(db: Database, { tenantId, userId, now, fields }: { tenantId: string; userId: string; now: Date; fields: ExpertFields }): Promise<{ created: boolean }> {
	const [row] = await db
		.insert(experts)
		.values({ tenantId, userId, description: fields.description, contact: fields.contact, createdAt: now, updatedAt: now })
		.onConflictDoUpdate({ target: experts.userId, set: { description: fields.description, contact: fields.contact, updatedAt: now } })
		.returning({ created: sql<boolean>`(xmax = 0)` })
	await db.delete(expertThemes).where(and(eq(expertThemes.tenantId, tenantId), eq(expertThemes.userId, userId)))
	await db.delete(expertCompetencies).where(and(eq(expertCompetencies.tenantId, tenantId), eq(expertCompetencies.userId, userId)))
	if (fields.themeIds.length > 0) await db.insert(expertThemes).values(fields.themeIds.map((themeId) => ({ tenantId, userId, themeId })))
	if (fields.competencyIds.length > 0) await db.insert(expertCompetencies).values(fields.competencyIds.map((competencyId) => ({ tenantId, userId, competencyId })))
	return { created: row?.created === true }
}

/** Pauses (a time) or resumes (null) the person's entry; false when they have none, or it already was so. */
export async function setExpertPause(db: Database, { tenantId, userId, pausedAt, now }: { tenantId: string; userId: string; pausedAt: Date | null; now: Date }): Promise<boolean> {
	const updated = await db
		.update(experts)
		.set({ pausedAt, updatedAt: now })
		.where(and(eq(experts.tenantId, tenantId), eq(experts.userId, userId), pausedAt === null ? sql`${experts.pausedAt} is not null` : sql`${experts.pausedAt} is null`))
		.returning({ userId: experts.userId })
	return updated.length > 0
}

/** Deletes the person's entry with its themes and competencies; false when there was none. */
export async function deleteExpert(db: Database, { tenantId, userId }: { tenantId: string; userId: string }): Promise<boolean> {
	const deleted = await db
		.delete(experts)
		.where(and(eq(experts.tenantId, tenantId), eq(experts.userId, userId)))
		.returning({ userId: experts.userId })
	return deleted.length > 0
}

export type DirectoryExpert = {
	userId: string
	name: string
	unitName: string
	unitSlug: string
	description: string
	contact: string
	themes: { slug: string; nameNl: string; nameEn: string }[]
	competencies: { name: string; verified: boolean }[]
}

export type ExpertDirectoryInput = {
	/** The typed words as the catalogue's search groups them (synonyms as alternatives); none: every expert. */
	groups: readonly Pick<SearchTermGroup, 'text' | 'alternatives'>[]
	/** 'all': every group; 'any': at least one (asked when none has them all). */
	matching?: 'all' | 'any'
	themeId: string | null
	tenantId: string | null
	limit: number
	offset: number
}

/**
 * One page of the available experts of every unit, with the total: best match first when words
 * were typed, else by name. Must run in a signed-in person's verified context; otherwise empty.
 */
export async function searchExpertDirectory(db: Database, input: ExpertDirectoryInput): Promise<{ total: number; experts: DirectoryExpert[] }> {
	const query = input.groups.length > 0 ? termGroupsQuery(input.groups, input.matching ?? 'all') : sql`null::tsquery`
	const page = (limit: number, offset: number) =>
		selectRows<Omit<DirectoryExpert, 'userId'> & { user_id: string; unit_name: string; unit_slug: string; total: number | string }>(
			db,
			sql`select user_id, name, unit_name, unit_slug, description, contact, themes, competencies, total
				from expert_directory(${query}, ${input.themeId}::uuid, ${input.tenantId}::uuid, ${limit}, ${offset})`,
		)
	const rows = await page(input.limit, input.offset)
	// A page past the end has no row to carry the total: ask for the first row alone.
	const first = rows.length === 0 && input.offset > 0 ? await page(1, 0) : rows
	return {
		total: first.length > 0 ? Number(first[0]!.total) : 0,
		experts: rows.map((row) => ({
			userId: row.user_id,
			name: row.name,
			unitName: row.unit_name,
			unitSlug: row.unit_slug,
			description: row.description,
			contact: row.contact,
			themes: row.themes,
			competencies: row.competencies,
		})),
	}
}
