import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { selectRows, type Database } from '../client.ts'
import { jobProfiles, users } from '../schema/people.ts'
import { competencies, competencyRequirements, personRequirements } from '../schema/passport.ts'

// The requirements behind the passport's dots, as the requirement screens keep them (ADR 031,
// requirement screens): the concern's (tenant null, for everyone or job profiles by name), a
// unit's own (for everyone or one of its job profiles) and a unit's on one person. Never deleted:
// a requirement is deactivated. Row-level security shows a unit the concern's and its own; the
// composite keys of migration 0039 refuse another unit's job profile or person.

export type RequirementRow = {
	id: string
	/** null: the concern's, inherited by every unit. */
	tenantId: string | null
	competencyId: string
	competencyName: string
	jobProfileId: string | null
	/** The job profile's name: the concern's own text, or the unit's job profile's name; null for everyone. */
	jobProfileName: string | null
	introducedOn: string
	graceDays: number
	/** The lowest level that meets it, and the competency's level names (empty: no levels). */
	minLevel: number | null
	levels: string[]
	active: boolean
}

export type PersonRequirementRow = {
	id: string
	tenantId: string
	userId: string
	userName: string
	userEmail: string
	competencyId: string
	competencyName: string
	introducedOn: string
	graceDays: number
	minLevel: number | null
	levels: string[]
	reason: string | null
	active: boolean
}

const dateText = (value: unknown): string => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value))

const requirementColumns = {
	id: competencyRequirements.id,
	tenantId: competencyRequirements.tenantId,
	competencyId: competencyRequirements.competencyId,
	competencyName: competencies.name,
	jobProfileId: competencyRequirements.jobProfileId,
	jobProfileName: sql<string | null>`coalesce(${competencyRequirements.jobProfileName}, ${jobProfiles.name})`,
	introducedOn: competencyRequirements.introducedOn,
	graceDays: competencyRequirements.graceDays,
	minLevel: competencyRequirements.minLevel,
	levels: competencies.levels,
	active: competencyRequirements.active,
}

function requirementQuery(db: Database) {
	return db
		.select(requirementColumns)
		.from(competencyRequirements)
		.innerJoin(competencies, eq(competencies.id, competencyRequirements.competencyId))
		.leftJoin(jobProfiles, eq(jobProfiles.id, competencyRequirements.jobProfileId))
}

const toRequirement = (row: Omit<RequirementRow, 'introducedOn'> & { introducedOn: unknown }): RequirementRow => ({ ...row, introducedOn: dateText(row.introducedOn) })

/**
 * The active requirements that apply in a unit: the concern's and the unit's own (`tenantId`), or
 * the concern's alone (`tenantId` null), by job profile (everyone first) and competency.
 */
export async function listRequirements(db: Database, { tenantId }: { tenantId: string | null }): Promise<RequirementRow[]> {
	const scope = tenantId === null ? isNull(competencyRequirements.tenantId) : sql`(${competencyRequirements.tenantId} is null or ${competencyRequirements.tenantId} = ${tenantId})`
	const rows = await requirementQuery(db)
		.where(and(scope, eq(competencyRequirements.active, true)))
		.orderBy(sql`coalesce(${competencyRequirements.jobProfileName}, ${jobProfiles.name}) nulls first`, asc(competencies.name), sql`${competencyRequirements.tenantId} nulls first`)
	return rows.map(toRequirement)
}

/** One requirement the context can see (the concern's or its unit's), active or not. */
export async function getRequirement(db: Database, { requirementId }: { requirementId: string }): Promise<RequirementRow | null> {
	const [row] = await requirementQuery(db).where(eq(competencyRequirements.id, requirementId))
	return row ? toRequirement(row) : null
}

export type NewRequirement = {
	tenantId: string | null
	competencyId: string
	jobProfileId: string | null
	jobProfileName: string | null
	introducedOn: string
	graceDays: number
	minLevel?: number | null
	createdBy: string
}

/** Adds a requirement; the policies admit a concern row only for a concern administrator, a unit row only in its unit. */
export async function insertRequirement(db: Database, values: NewRequirement): Promise<string> {
	const [row] = await db.insert(competencyRequirements).values(values).returning({ id: competencyRequirements.id })
	return row!.id
}

/**
 * Deactivates an active requirement of the concern (`tenantId` null) or of the unit. Conditional,
 * so of two deactivations at once one changes it; returns whether this one did.
 */
export async function deactivateRequirement(db: Database, { requirementId, tenantId }: { requirementId: string; tenantId: string | null }): Promise<boolean> {
	const rows = await db
		.update(competencyRequirements)
		.set({ active: false })
		.where(
			and(
				eq(competencyRequirements.id, requirementId),
				eq(competencyRequirements.active, true),
				tenantId === null ? isNull(competencyRequirements.tenantId) : eq(competencyRequirements.tenantId, tenantId),
			),
		)
		.returning({ id: competencyRequirements.id })
	return rows.length > 0
}

/** A competency by id, with whether it is still in use; null when there is none. */
export async function findCompetency(db: Database, { competencyId }: { competencyId: string }): Promise<{ id: string; name: string; active: boolean; levels: string[] } | null> {
	const [row] = await db.select({ id: competencies.id, name: competencies.name, active: competencies.active, levels: competencies.levels }).from(competencies).where(eq(competencies.id, competencyId))
	return row ?? null
}

/** A unit's job profiles, by name. */
export async function listUnitJobProfiles(db: Database, { tenantId }: { tenantId: string }): Promise<{ id: string; name: string }[]> {
	return db.select({ id: jobProfiles.id, name: jobProfiles.name }).from(jobProfiles).where(eq(jobProfiles.tenantId, tenantId)).orderBy(jobProfiles.name)
}

/** The people a requirement touches in one unit: everyone there (null), those of one job profile (by id or, for the concern's, by name). */
export async function requirementPeople(db: Database, { tenantId, jobProfileId, jobProfileName }: { tenantId: string; jobProfileId: string | null; jobProfileName: string | null }): Promise<string[] | null> {
	if (jobProfileId === null && jobProfileName === null) return null
	const rows = await selectRows<{ id: string }>(
		db,
		jobProfileId !== null
			? sql`select u.id from users u where u.tenant_id = ${tenantId} and u.job_profile_id = ${jobProfileId}`
			: sql`select u.id from users u join job_profiles jp on jp.id = u.job_profile_id where u.tenant_id = ${tenantId} and jp.name = ${jobProfileName}`,
	)
	return rows.map((row) => row.id)
}

/**
 * How many people of a unit had a dot changed in this transaction: `recomputePassports` stamps
 * every row it writes with the transaction's `now()`.
 */
export async function countPeopleRecomputedNow(db: Database, { tenantId }: { tenantId: string }): Promise<number> {
	const [row] = await selectRows<{ people: number }>(db, sql`select count(distinct user_id)::int as people from passport_status where tenant_id = ${tenantId} and updated_at = now()`)
	return row?.people ?? 0
}

const personRequirementColumns = {
	id: personRequirements.id,
	tenantId: personRequirements.tenantId,
	userId: personRequirements.userId,
	userName: users.name,
	userEmail: users.email,
	competencyId: personRequirements.competencyId,
	competencyName: competencies.name,
	introducedOn: personRequirements.introducedOn,
	graceDays: personRequirements.graceDays,
	minLevel: personRequirements.minLevel,
	levels: competencies.levels,
	reason: personRequirements.reason,
	active: personRequirements.active,
}

function personRequirementQuery(db: Database) {
	return db
		.select(personRequirementColumns)
		.from(personRequirements)
		.innerJoin(users, eq(users.id, personRequirements.userId))
		.innerJoin(competencies, eq(competencies.id, personRequirements.competencyId))
}

/** A unit's active requirements on single people, by person and competency. */
export async function listPersonRequirements(db: Database, { tenantId }: { tenantId: string }): Promise<PersonRequirementRow[]> {
	const rows = await personRequirementQuery(db)
		.where(and(eq(personRequirements.tenantId, tenantId), eq(personRequirements.active, true)))
		.orderBy(users.name, competencies.name)
	return rows.map((row) => ({ ...row, introducedOn: dateText(row.introducedOn) }))
}

export async function getPersonRequirement(db: Database, { tenantId, id }: { tenantId: string; id: string }): Promise<PersonRequirementRow | null> {
	const [row] = await personRequirementQuery(db).where(and(eq(personRequirements.id, id), eq(personRequirements.tenantId, tenantId)))
	return row ? { ...row, introducedOn: dateText(row.introducedOn) } : null
}

export type NewPersonRequirement = {
	tenantId: string
	userId: string
	competencyId: string
	introducedOn: string
	graceDays: number
	minLevel?: number | null
	reason: string | null
	createdBy: string
}

export async function insertPersonRequirement(db: Database, values: NewPersonRequirement): Promise<string> {
	const [row] = await db.insert(personRequirements).values(values).returning({ id: personRequirements.id })
	return row!.id
}

/** Deactivates an active person requirement of the unit; returns whether this call did. */
export async function deactivatePersonRequirement(db: Database, { tenantId, id }: { tenantId: string; id: string }): Promise<boolean> {
	const rows = await db
		.update(personRequirements)
		.set({ active: false })
		.where(and(eq(personRequirements.id, id), eq(personRequirements.tenantId, tenantId), eq(personRequirements.active, true)))
		.returning({ id: personRequirements.id })
	return rows.length > 0
}

/** An active person of the unit, or null: the unit's own only, also for a coordinator who reads others through a session. */
export async function findUnitPerson(db: Database, { tenantId, userId }: { tenantId: string; userId: string }): Promise<{ id: string; name: string } | null> {
	const [row] = await db
		.select({ id: users.id, name: users.name })
		.from(users)
		.where(and(eq(users.id, userId), eq(users.tenantId, tenantId), eq(users.active, true)))
	return row ?? null
}
