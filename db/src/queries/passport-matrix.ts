import type { PassportColour } from '@leerplein/domain'
import { sql, type SQL } from 'drizzle-orm'
import { selectRows, type Database } from '../client.ts'

// The passports of many people at once (issue 15, item 5): a manager's team or a coordinator's
// unit as a matrix of people × competencies, paged and filtered by the database, with counts per
// competency; and the concern's overview, counts per unit and competency through a function that
// returns no people (migration 0037).

/** Whose passports: a unit's active people, or only those a manager manages. */
export type MatrixScope = { tenantId: string; managerId: string | null }

export type MatrixFilter = {
	/** Words in the person's name or e-mail address. */
	search?: string
	/** Only this competency's column, and the status filter applies to it. */
	competencyId?: string
	/** People with at least one dot of this colour (of the chosen competency, when one is chosen). */
	status?: Exclude<PassportColour, 'not_required'>
	jobProfileId?: string
}

export const MATRIX_SORTS = ['urgency', 'name', 'jobProfile'] as const
export type MatrixSort = (typeof MATRIX_SORTS)[number]

export type MatrixPerson = {
	id: string
	name: string
	jobProfile: string | null
	red: number
	orange: number
	/** The first day a valid dot of theirs ends (in view), or null. */
	firstExpiry: string | null
}

export type MatrixCell = { userId: string; competencyId: string; status: PassportColour; validUntil: string | null; permanent: boolean }

export type CompetencyCounts = { id: string; name: string; red: number; orange: number; green: number }

const dateText = (value: unknown): string | null => (value === null || value === undefined ? null : value instanceof Date ? value.toISOString().slice(0, 10) : String(value))

const SUMMARY_COLUMN = { red: sql`p.red`, orange: sql`p.orange`, green: sql`p.green` } as const

function peopleWhere(scope: MatrixScope, filter: MatrixFilter): SQL {
	// The context's unit as well: a provider may read the names of its participants from other units, never their passports.
	const parts: SQL[] = [sql`u.tenant_id = ${scope.tenantId}`, sql`u.tenant_id = (select app_tenant_id())`, sql`u.active`]
	if (scope.managerId) parts.push(sql`u.manager_id = ${scope.managerId}`)
	if (filter.jobProfileId) parts.push(sql`u.job_profile_id = ${filter.jobProfileId}`)
	if (filter.search) {
		const like = `%${filter.search.replace(/[\\%_]/g, '\\$&')}%`
		parts.push(sql`(u.name ilike ${like} or u.email ilike ${like})`)
	}
	return sql.join(parts, sql` and `)
}

/**
 * The people of the scope that match, with how urgent their passport is: the number of red and
 * orange dots and the first day a valid one ends (of the chosen competency only, when chosen).
 * `limit` null: all of them (the export).
 */
export async function listMatrixPeople(
	db: Database,
	{
		scope,
		filter,
		sort,
		direction,
		limit,
		offset,
		withCells = false,
	}: { scope: MatrixScope; filter: MatrixFilter; sort: MatrixSort; direction: 'asc' | 'desc'; limit: number | null; offset: number; withCells?: boolean },
): Promise<{ rows: (MatrixPerson & { cells?: MatrixCell[] })[]; total: number }> {
	const onCompetency = filter.competencyId ? sql`and s.competency_id = ${filter.competencyId}` : sql``
	const having = filter.status ? sql`having count(*) filter (where s.status = ${filter.status}) > 0` : sql``
	const dir = direction === 'asc' ? sql`asc` : sql`desc`
	// Urgency: most red first, then most orange, then the soonest to expire; "ascending" is the most urgent first.
	const order =
		sort === 'urgency'
			? direction === 'asc'
				? sql`red desc, orange desc, first_expiry asc nulls last, name asc`
				: sql`red asc, orange asc, first_expiry desc nulls first, name desc`
			: sort === 'name'
				? sql`name ${dir}`
				: sql`job_profile ${dir} nulls last, name asc`
	const page = limit === null ? sql`` : sql`limit ${limit} offset ${offset}`
	// Without a competency, each person's counts come from their summary (kept beside the dots,
	// migration 0047) rather than from their ~40 dots; with one, from that single dot.
	const people = filter.competencyId
		? sql`select u.id, u.name, jp.name as job_profile,
				count(*) filter (where s.status = 'red')::int as red,
				count(*) filter (where s.status = 'orange')::int as orange,
				min(s.valid_until) filter (where s.status in ('orange', 'green') and not s.permanent) as first_expiry
			from users u
			left join job_profiles jp on jp.id = u.job_profile_id
			left join passport_status s on s.user_id = u.id and s.tenant_id = u.tenant_id ${onCompetency}
			where ${peopleWhere(scope, filter)}
			group by u.id, u.name, jp.name
			${having}`
		: sql`select u.id, u.name, jp.name as job_profile, coalesce(p.red, 0) as red, coalesce(p.orange, 0) as orange, p.first_expiry
			from users u
			left join job_profiles jp on jp.id = u.job_profile_id
			left join passport_person_summary p on p.user_id = u.id and p.tenant_id = u.tenant_id
			where ${peopleWhere(scope, filter)} ${filter.status ? sql`and coalesce(${SUMMARY_COLUMN[filter.status]}, 0) > 0` : sql``}`
	// `withCells`: the page's people come with their dots (of the chosen competency) in the same
	// statement, one JSON array each, instead of a second statement for the page's 2,000 dots.
	const paged = sql`with people as (${people})
			select *, (count(*) over ())::int as total from people
			order by ${order}, id
			${page}`
	const rows = await selectRows<{ id: string; name: string; job_profile: string | null; red: number; orange: number; first_expiry: unknown; total: number; cells?: unknown }>(
		db,
		withCells
			? sql`select paged.*, (select json_agg(json_build_array(s.competency_id, s.status, s.valid_until, s.permanent))
					from passport_status s where s.tenant_id = ${scope.tenantId} and s.user_id = paged.id ${onCompetency}) as cells
				from (${paged}) paged
				order by ${order}, id`
			: paged,
	)
	return {
		rows: rows.map((row) => ({
			id: row.id,
			name: row.name,
			jobProfile: row.job_profile,
			red: row.red,
			orange: row.orange,
			firstExpiry: dateText(row.first_expiry),
			...(withCells ? { cells: cellsOf(row.id, row.cells) } : {}),
		})),
		total: rows[0]?.total ?? (offset > 0 && limit !== null ? await countMatrixPeople(db, { scope, filter }) : 0),
	}
}

/** A person's dots as the people query returns them: `[competency, status, valid until, permanent]` each (JSON, or its text). */
function cellsOf(userId: string, value: unknown): MatrixCell[] {
	const list = (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as [string, PassportColour, string | null, boolean][]
	return list.map(([competencyId, status, validUntil, permanent]) => ({ userId, competencyId, status, validUntil: dateText(validUntil), permanent }))
}

/** The total alone, for a page past the last (the window function has no row to ride on). */
async function countMatrixPeople(db: Database, { scope, filter }: { scope: MatrixScope; filter: MatrixFilter }): Promise<number> {
	const { total } = await listMatrixPeople(db, { scope, filter, sort: 'name', direction: 'asc', limit: null, offset: 0 })
	return total
}

/** The dots of these people (of one competency, when chosen). */
export async function listMatrixCells(db: Database, { tenantId, userIds, competencyId }: { tenantId: string; userIds: readonly string[]; competencyId?: string }): Promise<MatrixCell[]> {
	if (userIds.length === 0) return []
	const rows = await selectRows<{ user_id: string; competency_id: string; status: PassportColour; valid_until: unknown; permanent: boolean }>(
		db,
		sql`select s.user_id, s.competency_id, s.status, s.valid_until, s.permanent from passport_status s
			where s.tenant_id = ${tenantId} and s.user_id = any(${`{${userIds.join(',')}}`}::uuid[])
			${competencyId ? sql`and s.competency_id = ${competencyId}` : sql``}`,
	)
	return rows.map((row) => ({ userId: row.user_id, competencyId: row.competency_id, status: row.status, validUntil: dateText(row.valid_until), permanent: row.permanent }))
}

/**
 * Per competency that anyone in the scope needs or holds: how many red, orange and green dots.
 * These are the matrix's columns, by name.
 */
export async function countMatrixCompetencies(db: Database, { scope }: { scope: MatrixScope }): Promise<CompetencyCounts[]> {
	if (scope.managerId === null) {
		// A whole unit: the counts kept beside the dots (its active people's; migration 0047).
		return selectRows<CompetencyCounts>(
			db,
			sql`select c.id, c.name, k.red, k.orange, k.green
				from passport_unit_counts k
				join competencies c on c.id = k.competency_id
				where k.tenant_id = ${scope.tenantId} and k.tenant_id = (select app_tenant_id()) and k.red + k.orange + k.green > 0
				order by c.name`,
		)
	}
	return selectRows<CompetencyCounts>(
		db,
		sql`select c.id, c.name,
				count(*) filter (where s.status = 'red')::int as red,
				count(*) filter (where s.status = 'orange')::int as orange,
				count(*) filter (where s.status = 'green')::int as green
			from passport_status s
			join users u on u.id = s.user_id
			join competencies c on c.id = s.competency_id
			where s.tenant_id = ${scope.tenantId} and ${peopleWhere(scope, {})}
			group by c.id, c.name
			having count(*) filter (where s.status <> 'not_required') > 0
			order by c.name`,
	)
}

/** The unit's job profiles that have people in the scope, for the filter. */
export async function listMatrixJobProfiles(db: Database, { scope }: { scope: MatrixScope }): Promise<{ id: string; name: string }[]> {
	return selectRows<{ id: string; name: string }>(
		db,
		// A join rather than `exists`: the users' policies planned as a semi-join cost ~10 times the planning.
		sql`select jp.id, jp.name from users u join job_profiles jp on jp.id = u.job_profile_id
			where jp.tenant_id = ${scope.tenantId} and ${peopleWhere(scope, {})}
			group by jp.id, jp.name
			order by jp.name`,
	)
}

export type OverviewRow = { tenantId: string; unitName: string; competencyId: string; competencyName: string; red: number; orange: number; green: number; people: number }

/**
 * The concern's overview: per unit and competency, how many red, orange and green dots, and per
 * unit how many active people. Through `passport_overview()`, which answers only a concern
 * administrator and returns counts, never people.
 */
export async function passportOverview(db: Database): Promise<OverviewRow[]> {
	const rows = await selectRows<{ tenant_id: string; unit_name: string; competency_id: string; competency_name: string; red: number; orange: number; green: number; people: number }>(
		db,
		sql`select o.tenant_id, t.name as unit_name, o.competency_id, c.name as competency_name, o.red, o.orange, o.green, o.people
			from passport_overview() o
			join tenants t on t.id = o.tenant_id
			join competencies c on c.id = o.competency_id
			order by t.name, c.name`,
	)
	return rows.map((row) => ({
		tenantId: row.tenant_id,
		unitName: row.unit_name,
		competencyId: row.competency_id,
		competencyName: row.competency_name,
		red: Number(row.red),
		orange: Number(row.orange),
		green: Number(row.green),
		people: Number(row.people),
	}))
}
