import type { EnrolmentStatus } from '@leerplein/domain'
import { sql, type SQL } from 'drizzle-orm'
import { selectRows, type Database } from '../client.ts'
import { containsPattern } from './approval-inbox.ts'

// A manager's team page (issue 18, item 5): per person of the team, how much learning is coming
// up, waiting, completed and cancelled, sorted and paged by the database, and one person's list.
// Runs inside withTenantContext: the policies keep every read in the unit; `team` narrows it to
// the people whose manager the actor is, the same team the approvals inbox and the passport
// matrix use (users.manager_id, active, in the unit).

/** Whose learning: the active people of a unit whose manager is `managerId`. */
export type Team = { tenantId: string; managerId: string }

/** The four kinds of learning the page counts; any other enrolment is in none of them. */
export const TEAM_LEARNING_GROUPS = ['upcoming', 'waiting', 'completed', 'cancelled'] as const
export type TeamLearningGroup = (typeof TEAM_LEARNING_GROUPS)[number]

export const TEAM_SORTS = ['name', ...TEAM_LEARNING_GROUPS] as const
export type TeamSort = (typeof TEAM_SORTS)[number]

export type TeamMemberCounts = { id: string; name: string } & Record<TeamLearningGroup, number>

export type TeamLearningRow = { enrolmentId: string; courseTitle: string; startsAt: Date; status: EnrolmentStatus; group: TeamLearningGroup }

function teamWhere(team: Team): SQL {
	// The context's unit as well: a providing unit may read the names of participants from other units, never count them as its team.
	return sql`u.tenant_id = ${team.tenantId} and u.tenant_id = (select app_tenant_id()) and u.active and u.manager_id = ${team.managerId}`
}

/**
 * Which of the four an enrolment is in, at `now` (the one definition the counts and the list share):
 * upcoming — enrolled in a session yet to start; waiting — awaiting approval (or approved and about
 * to be seated) or on the waitlist, for a session yet to start; completed — attended or completed,
 * the session ended in the last 12 months; cancelled — cancelled in the last 12 months.
 */
function groupOf(now: Date): SQL {
	const at = sql`${now.toISOString()}::timestamptz`
	const since = sql`(${at} - interval '12 months')`
	return sql`case
		when e.status = 'enrolled' and s.starts_at > ${at} then 'upcoming'
		when e.status in ('awaiting_approval', 'approved', 'waitlisted') and s.starts_at > ${at} then 'waiting'
		when e.status in ('attended', 'completed') and s.ends_at > ${since} and s.ends_at <= ${at} then 'completed'
		when e.status = 'cancelled' and e.updated_at > ${since} and e.updated_at <= ${at} then 'cancelled'
	end`
}

/** The team's enrolments with their group, of the unit's own people (the employee's unit owns them). */
function learningOf(now: Date, team: Team, userId: SQL): SQL {
	return sql`select e.id, e.status, s.starts_at, c.title, ${groupOf(now)} as grp
		from enrolments e
		join sessions s on s.id = e.session_id
		join courses c on c.id = s.course_id
		where e.tenant_id = ${team.tenantId} and e.user_id = ${userId}`
}

const ORDER: Record<TeamSort, SQL> = {
	name: sql`name`,
	upcoming: sql`upcoming`,
	waiting: sql`waiting`,
	completed: sql`completed`,
	cancelled: sql`cancelled`,
}

/** One page of the team (`limit` null: all of it) with each person's four counts, and how many people match in all. */
export async function listTeamLearning(
	db: Database,
	{ team, now, search, sort, direction, limit, offset }: { team: Team; now: Date; search?: string; sort: TeamSort; direction: 'asc' | 'desc'; limit: number | null; offset: number },
): Promise<{ rows: TeamMemberCounts[]; total: number }> {
	const words = search?.trim()
	const dir = direction === 'asc' ? sql`asc` : sql`desc`
	const rows = await selectRows<TeamMemberCounts & { total: number }>(
		db,
		sql`with people as (
				select u.id, u.name,
					count(*) filter (where l.grp = 'upcoming')::int as upcoming,
					count(*) filter (where l.grp = 'waiting')::int as waiting,
					count(*) filter (where l.grp = 'completed')::int as completed,
					count(*) filter (where l.grp = 'cancelled')::int as cancelled
				from users u
				left join lateral (${learningOf(now, team, sql`u.id`)}) l on true
				where ${teamWhere(team)} ${words ? sql`and u.name ilike ${containsPattern(words)}` : sql``}
				group by u.id, u.name
			)
			select *, (count(*) over ())::int as total from people
			order by ${ORDER[sort]} ${dir}, name asc, id
			${limit === null ? sql`` : sql`limit ${limit} offset ${offset}`}`,
	)
	const total = rows[0]?.total ?? (offset > 0 ? (await listTeamLearning(db, { team, now, search, sort, direction, limit: null, offset: 0 })).total : 0)
	return { rows: rows.map(({ total: _total, ...row }) => row), total }
}

/** Every person of the team (for the team's budget), by name. */
export async function listTeamMembers(db: Database, { team }: { team: Team }): Promise<{ id: string; name: string }[]> {
	return selectRows<{ id: string; name: string }>(db, sql`select u.id, u.name from users u where ${teamWhere(team)} order by u.name, u.id`)
}

/** One person of the team, or null when they are not in it (another manager's, another unit's, or nobody). */
export async function findTeamMember(db: Database, { team, userId }: { team: Team; userId: string }): Promise<{ id: string; name: string } | null> {
	const [row] = await selectRows<{ id: string; name: string }>(db, sql`select u.id, u.name from users u where ${teamWhere(team)} and u.id = ${userId}`)
	return row ?? null
}

/** One team member's learning in the four groups: the upcoming and waiting soonest first, then the rest latest first. */
export async function listTeamMemberLearning(db: Database, { team, userId, now }: { team: Team; userId: string; now: Date }): Promise<TeamLearningRow[]> {
	const rows = await selectRows<{ id: string; title: string; starts_at: Date | string; status: EnrolmentStatus; grp: TeamLearningGroup }>(
		db,
		sql`select l.* from users u
			join lateral (${learningOf(now, team, sql`u.id`)}) l on true
			where ${teamWhere(team)} and u.id = ${userId} and l.grp is not null
			order by array_position(array['upcoming', 'waiting', 'completed', 'cancelled'], l.grp),
				case when l.grp in ('upcoming', 'waiting') then l.starts_at end asc,
				l.starts_at desc, l.id`,
	)
	return rows.map((row) => ({ enrolmentId: row.id, courseTitle: row.title, startsAt: new Date(row.starts_at), status: row.status, group: row.grp }))
}
