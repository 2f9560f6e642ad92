import { and, asc, desc, eq, sql } from 'drizzle-orm'
import { selectRows, type Database } from '../client.ts'
import { courses } from '../schema/catalogue.ts'
import { interventionMeasureValues, interventions, interventionTeams } from '../schema/intervention.ts'

// Interventions and their measure (issue 18, item 3; ADR 044). A team is a manager's team (the
// unit's active people whose manager is that person), named by the manager's id. Months cross the
// boundary as `YYYY-MM`; the table stores their first day. The unit's own rows: the list takes
// the unit and filters by it; one intervention is addressed by its id and returns its owner (ADR 023).

export type MeasureSource = 'csv' | 'xapi'

export type InterventionFields = {
	name: string
	courseId: string | null
	description: string
	/** `YYYY-MM`. */
	firstMonth: string
	lastMonth: string
	monthsBefore: number
	monthsAfter: number
	measureName: string
	better: 'lower' | 'higher'
	xapiVerbId: string | null
	xapiActivityPrefix: string | null
}

export type Intervention = InterventionFields & {
	id: string
	tenantId: string
	courseTitle: string | null
	measureSource: MeasureSource | null
	createdAt: Date
	updatedAt: Date
}

export type InterventionListRow = {
	id: string
	name: string
	firstMonth: string
	lastMonth: string
	measureName: string
	measureSource: MeasureSource | null
	trainedTeams: number
	values: number
}

/** A team of the unit: its manager (id, name, employee number) and how many active people it has. */
export type UnitTeam = { managerId: string; managerName: string; employeeNumber: string; members: number }

export type MeasureValue = { managerId: string; month: string; value: number }

const toMonth = (column: unknown) => sql<string>`to_char(${column}, 'YYYY-MM')`
const firstDay = (month: string) => `${month}-01`

/** The unit's interventions, the latest first (by first month, then name), with their counts. */
export async function listInterventions(db: Database, { tenantId }: { tenantId: string }): Promise<InterventionListRow[]> {
	return db
		.select({
			id: interventions.id,
			name: interventions.name,
			firstMonth: toMonth(interventions.firstMonth),
			lastMonth: toMonth(interventions.lastMonth),
			measureName: interventions.measureName,
			measureSource: interventions.measureSource,
			trainedTeams: sql<number>`(select count(*)::int from intervention_teams t where t.intervention_id = ${interventions.id})`,
			values: sql<number>`(select count(*)::int from intervention_measure_values v where v.intervention_id = ${interventions.id})`,
		})
		.from(interventions)
		.where(eq(interventions.tenantId, tenantId))
		.orderBy(desc(interventions.firstMonth), asc(interventions.name), asc(interventions.id))
}

/** One intervention by id, with its owner; null when the policies hide it (another unit's). */
export async function getIntervention(db: Database, { interventionId }: { interventionId: string }): Promise<Intervention | null> {
	const [row] = await db
		.select({
			id: interventions.id,
			tenantId: interventions.tenantId,
			name: interventions.name,
			courseId: interventions.courseId,
			courseTitle: courses.title,
			description: interventions.description,
			firstMonth: toMonth(interventions.firstMonth),
			lastMonth: toMonth(interventions.lastMonth),
			monthsBefore: interventions.monthsBefore,
			monthsAfter: interventions.monthsAfter,
			measureName: interventions.measureName,
			better: interventions.better,
			measureSource: interventions.measureSource,
			xapiVerbId: interventions.xapiVerbId,
			xapiActivityPrefix: interventions.xapiActivityPrefix,
			createdAt: interventions.createdAt,
			updatedAt: interventions.updatedAt,
		})
		.from(interventions)
		.leftJoin(courses, eq(courses.id, interventions.courseId))
		.where(eq(interventions.id, interventionId))
	return row ?? null
}

function columnsOf(fields: InterventionFields) {
	return { ...fields, firstMonth: firstDay(fields.firstMonth), lastMonth: firstDay(fields.lastMonth) }
}

export async function insertIntervention(
	db: Database,
	{ tenantId, createdBy, at, fields }: { tenantId: string; createdBy: string; at: Date; fields: InterventionFields },
): Promise<string> {
	const [row] = await db
		.insert(interventions)
		.values({ tenantId, createdBy, createdAt: at, updatedAt: at, ...columnsOf(fields) })
		.returning({ id: interventions.id })
	return row!.id
}

/** Changes an intervention's fields; false when there is none of that id in the unit. */
export async function updateIntervention(
	db: Database,
	{ tenantId, interventionId, at, fields }: { tenantId: string; interventionId: string; at: Date; fields: InterventionFields },
): Promise<boolean> {
	const rows = await db
		.update(interventions)
		.set({ ...columnsOf(fields), updatedAt: at })
		.where(and(eq(interventions.id, interventionId), eq(interventions.tenantId, tenantId)))
		.returning({ id: interventions.id })
	return rows.length === 1
}

/** The trained teams' managers, by name. */
export async function listTrainedTeams(db: Database, { interventionId }: { interventionId: string }): Promise<string[]> {
	const rows = await db.select({ managerId: interventionTeams.managerId }).from(interventionTeams).where(eq(interventionTeams.interventionId, interventionId))
	return rows.map((row) => row.managerId).sort()
}

export async function replaceTrainedTeams(
	db: Database,
	{ tenantId, interventionId, managerIds }: { tenantId: string; interventionId: string; managerIds: readonly string[] },
): Promise<void> {
	await db.delete(interventionTeams).where(and(eq(interventionTeams.interventionId, interventionId), eq(interventionTeams.tenantId, tenantId)))
	if (managerIds.length > 0) await db.insert(interventionTeams).values(managerIds.map((managerId) => ({ tenantId, interventionId, managerId })))
}

/**
 * The unit's teams: every person of the unit who is the manager of at least one active person of
 * it, with the number of those people, by name. Ask inside the unit's context.
 */
export async function listUnitTeams(db: Database, { tenantId }: { tenantId: string }): Promise<UnitTeam[]> {
	return selectRows<UnitTeam>(
		db,
		sql`select m.id as "managerId", m.name as "managerName", m.employee_number as "employeeNumber", count(*)::int as members
			from users u join users m on m.id = u.manager_id and m.tenant_id = u.tenant_id
			where u.tenant_id = ${tenantId} and u.active
			group by m.id, m.name, m.employee_number
			order by m.name, m.id`,
	)
}

/** The measure's values, by team and month. */
export async function listMeasureValues(db: Database, { interventionId }: { interventionId: string }): Promise<MeasureValue[]> {
	return db
		.select({ managerId: interventionMeasureValues.managerId, month: toMonth(interventionMeasureValues.month), value: interventionMeasureValues.value })
		.from(interventionMeasureValues)
		.where(eq(interventionMeasureValues.interventionId, interventionId))
		.orderBy(asc(interventionMeasureValues.managerId), asc(interventionMeasureValues.month))
}

/** Replaces the measure as a whole (an import or a count) and marks where it came from. */
export async function replaceMeasureValues(
	db: Database,
	{ tenantId, interventionId, source, values, at }: { tenantId: string; interventionId: string; source: MeasureSource; values: readonly MeasureValue[]; at: Date },
): Promise<void> {
	await db
		.delete(interventionMeasureValues)
		.where(and(eq(interventionMeasureValues.interventionId, interventionId), eq(interventionMeasureValues.tenantId, tenantId)))
	for (let i = 0; i < values.length; i += 500) {
		await db.insert(interventionMeasureValues).values(
			values.slice(i, i + 500).map((v) => ({ tenantId, interventionId, managerId: v.managerId, month: firstDay(v.month), value: v.value, source })),
		)
	}
	await db
		.update(interventions)
		.set({ measureSource: source, updatedAt: at })
		.where(and(eq(interventions.id, interventionId), eq(interventions.tenantId, tenantId)))
}

function likePrefix(prefix: string): string {
	return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/**
 * A measure counted from the unit's stored xAPI statements (ADR 039): per team and calendar month
 * in Europe/Amsterdam (by the statement's `timestamp`), the statements with this verb whose
 * activity id starts with the prefix, not voided, of a person matched to an employee of the unit;
 * the person's team is their current manager's. Every team of the unit has a row for every month
 * from `fromMonth` to `toMonth` (both `YYYY-MM`, included): a month without statements counts 0.
 */
export async function countXapiMeasure(
	db: Database,
	{ tenantId, verbId, activityPrefix, fromMonth, toMonth: lastMonth }: { tenantId: string; verbId: string; activityPrefix: string; fromMonth: string; toMonth: string },
): Promise<MeasureValue[]> {
	return selectRows<MeasureValue>(
		db,
		sql`with months as (
				select generate_series(${firstDay(fromMonth)}::date, ${firstDay(lastMonth)}::date, interval '1 month')::date as month
			), teams as (
				select distinct u.manager_id from users u
				join users m on m.id = u.manager_id and m.tenant_id = u.tenant_id
				where u.tenant_id = ${tenantId} and u.active
			), counted as (
				select u.manager_id, date_trunc('month', s.timestamp at time zone 'Europe/Amsterdam')::date as month, count(*)::int as n
				from xapi_statements s
				join users u on u.id = s.person_id and u.tenant_id = s.tenant_id
				where s.tenant_id = ${tenantId} and s.verb_id = ${verbId} and s.activity_id like ${likePrefix(activityPrefix)}
					and not s.voided and u.manager_id is not null
					and s.timestamp >= (${firstDay(fromMonth)}::date::timestamp at time zone 'Europe/Amsterdam')
					and s.timestamp < ((${firstDay(lastMonth)}::date + interval '1 month')::timestamp at time zone 'Europe/Amsterdam')
				group by 1, 2
			)
			select t.manager_id as "managerId", to_char(mo.month, 'YYYY-MM') as month, coalesce(c.n, 0)::float8 as value
			from teams t cross join months mo
			left join counted c on c.manager_id = t.manager_id and c.month = mo.month
			order by t.manager_id, mo.month`,
	)
}

export type InterventionCourse = { id: string; title: string }

/**
 * The courses an intervention may name: the unit's own, and every course the unit's people took
 * (enrolled in a session of it, in any state), by title. Ask inside the unit's context.
 */
export async function listInterventionCourses(db: Database, { tenantId }: { tenantId: string }): Promise<InterventionCourse[]> {
	return selectRows<InterventionCourse>(
		db,
		sql`select c.id, c.title from courses c
			where c.status <> 'merged' and (c.provider_tenant_id = ${tenantId}
				or exists (select 1 from sessions s join enrolments e on e.session_id = s.id where s.course_id = c.id and e.tenant_id = ${tenantId}))
			order by c.title, c.id
			limit 1000`,
	)
}
