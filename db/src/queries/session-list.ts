import { and, asc, count, eq, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm'
import type { Database } from '../client.ts'
import { courses } from '../schema/catalogue.ts'
import { locations, sessionSeatCounts, sessions } from '../schema/logistics.ts'
import { containsPattern } from './approval-inbox.ts'

// The sessions a unit runs, as a grid (issue 14): filtered, sorted and paged by the database, so a
// unit with thousands of sessions sends one page. Runs inside withTenantContext.

export const UNIT_SESSION_SORTS = ['date', 'course', 'place', 'capacity', 'taken', 'waiting', 'status'] as const
export type UnitSessionSort = (typeof UNIT_SESSION_SORTS)[number]

export type UnitSessionFilter = {
	/** Words in the course title, the place or a trainer's name. */
	search?: string
	status?: 'planned' | 'cancelled'
	courseId?: string
	/** Sessions that end on or after / start before these moments (the period they touch). */
	endsFrom?: Date
	startsBefore?: Date
	/** Only sessions this trainer gives (a meeting of it). */
	trainerId?: string
}

export type UnitSessionRow = {
	id: string
	startsAt: Date
	endsAt: Date
	capacity: number
	status: 'planned' | 'cancelled'
	courseTitle: string
	city: string | null
	trainers: string | null
	taken: number
	waiting: number
	minimumParticipants: number | null
	enrolmentDeadline: Date | null
}

// The seat counts the enrolment triggers keep (migration 0046): counting each session's enrolments
// under their policies took a second when the grid sorted a unit's 21,000 sessions on them.
const taken = sql<number>`coalesce(${sessionSeatCounts.taken}, 0)`.mapWith(Number)
const waiting = sql<number>`coalesce(${sessionSeatCounts.waiting}, 0)`.mapWith(Number)
const trainerNames = sql<string | null>`(select string_agg(distinct tr.name, ', ' order by tr.name) from meeting_trainers mt join session_meetings m on m.id = mt.meeting_id join trainers tr on tr.id = mt.trainer_id where m.session_id = ${sessions.id})`

function unitSessionsWhere(tenantId: string, filter: UnitSessionFilter): SQL | undefined {
	const search = filter.search?.trim()
	const pattern = search ? containsPattern(search) : ''
	return and(
		eq(sessions.tenantId, tenantId),
		filter.status ? eq(sessions.status, filter.status) : undefined,
		filter.courseId ? eq(sessions.courseId, filter.courseId) : undefined,
		filter.endsFrom ? gte(sessions.endsAt, filter.endsFrom) : undefined,
		filter.startsBefore ? lt(sessions.startsAt, filter.startsBefore) : undefined,
		filter.trainerId
			? sql`exists (select 1 from meeting_trainers mt join session_meetings m on m.id = mt.meeting_id where m.session_id = ${sessions.id} and mt.trainer_id = ${filter.trainerId})`
			: undefined,
		search
			? or(
					ilike(courses.title, pattern),
					ilike(locations.city, pattern),
					ilike(locations.name, pattern),
					sql`exists (select 1 from meeting_trainers mt join session_meetings m on m.id = mt.meeting_id join trainers tr on tr.id = mt.trainer_id where m.session_id = ${sessions.id} and tr.name ilike ${pattern})`,
				)
			: undefined,
	)
}

const SORT_COLUMNS = {
	date: sessions.startsAt,
	course: courses.title,
	place: locations.city,
	capacity: sessions.capacity,
	taken,
	waiting,
	status: sessions.status,
} as const

/** One page of the unit's sessions and how many match in all. */
export async function listUnitSessionsPage(
	db: Database,
	{ tenantId, filter, sort, direction, limit, offset }: { tenantId: string; filter: UnitSessionFilter; sort: UnitSessionSort; direction: 'asc' | 'desc'; limit: number; offset: number },
): Promise<{ rows: UnitSessionRow[]; total: number }> {
	const where = unitSessionsWhere(tenantId, filter)
	const column = SORT_COLUMNS[sort]
	const order = direction === 'asc' ? sql`${column} asc nulls last` : sql`${column} desc nulls last`
	const [rows, [totals]] = await Promise.all([
		db
			.select({
				id: sessions.id,
				startsAt: sessions.startsAt,
				endsAt: sessions.endsAt,
				capacity: sessions.capacity,
				status: sessions.status,
				courseTitle: courses.title,
				city: locations.city,
				trainers: trainerNames,
				taken,
				waiting,
				minimumParticipants: sessions.minimumParticipants,
				enrolmentDeadline: sessions.enrolmentDeadline,
			})
			.from(sessions)
			.innerJoin(courses, eq(courses.id, sessions.courseId))
			.leftJoin(locations, eq(locations.id, sessions.locationId))
			.leftJoin(sessionSeatCounts, eq(sessionSeatCounts.sessionId, sessions.id))
			.where(where)
			.orderBy(order, asc(sessions.startsAt), asc(sessions.id))
			.limit(limit)
			.offset(offset),
		db
			.select({ total: count() })
			.from(sessions)
			.innerJoin(courses, eq(courses.id, sessions.courseId))
			.leftJoin(locations, eq(locations.id, sessions.locationId))
			.where(where),
	])
	return { rows, total: totals?.total ?? 0 }
}
