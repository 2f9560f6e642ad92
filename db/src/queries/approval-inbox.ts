import { and, asc, count, desc, eq, gte, ilike, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm'
import type { PoOverrides } from '@leerplein/domain'
import type { Database } from '../client.ts'
import { courses } from '../schema/catalogue.ts'
import { budgetLedger, enrolments, sessions } from '../schema/logistics.ts'
import { users } from '../schema/people.ts'
import { tenants } from '../schema/tenants.ts'

// The approvals inbox as a grid (issue 14): filtered, sorted and paged by the database, so an inbox
// of thousands sends one page. Runs inside withTenantContext: the policies decide which rows exist;
// `inbox` narrows to what this approver decides (their team at the manager step, or the whole unit).

export const APPROVAL_SORTS = ['requested', 'employee', 'course', 'date', 'price'] as const
export type ApprovalSort = (typeof APPROVAL_SORTS)[number]

/** Whose requests: a manager's team at the manager step (`managerId` and `step`), or the whole unit (both null). */
export type ApprovalInbox = { tenantId: string; managerId: string | null; step: 'manager' | 'coordinator' | null }

export type ApprovalFilter = {
	/** Words in the employee's name or the course title. */
	search?: string
	step?: 'manager' | 'coordinator'
	courseId?: string
	/** Sessions starting on or after / before this moment. */
	startsFrom?: Date
	startsBefore?: Date
	/** Requests made at or before this moment (an age of at least so many days). */
	requestedBefore?: Date
}

export type ApprovalRow = {
	id: string
	requestedAt: Date
	approvalStep: 'manager' | 'coordinator' | null
	approvalReason: 'unit_always' | 'above_price' | 'over_budget' | null
	priceCents: number
	employeeId: string
	employeeName: string
	courseId: string
	courseTitle: string
	startsAt: Date
	providerShortName: string
}

/** `%words%` for ILIKE, with the pattern characters of the words taken literally. */
export function containsPattern(words: string): string {
	return `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

function inboxWhere(inbox: ApprovalInbox, filter: ApprovalFilter): SQL | undefined {
	const search = filter.search?.trim()
	return and(
		eq(enrolments.tenantId, inbox.tenantId),
		eq(enrolments.status, 'awaiting_approval'),
		inbox.managerId ? eq(users.managerId, inbox.managerId) : undefined,
		inbox.step ? eq(enrolments.approvalStep, inbox.step) : undefined,
		filter.step ? eq(enrolments.approvalStep, filter.step) : undefined,
		filter.courseId ? eq(sessions.courseId, filter.courseId) : undefined,
		filter.startsFrom ? gte(sessions.startsAt, filter.startsFrom) : undefined,
		filter.startsBefore ? lt(sessions.startsAt, filter.startsBefore) : undefined,
		filter.requestedBefore ? lte(enrolments.requestedAt, filter.requestedBefore) : undefined,
		search ? or(ilike(users.name, containsPattern(search)), ilike(courses.title, containsPattern(search))) : undefined,
	)
}

const SORT_COLUMNS = {
	requested: enrolments.requestedAt,
	employee: users.name,
	course: courses.title,
	date: sessions.startsAt,
	price: enrolments.priceCents,
} as const

/** One page of the inbox and how many requests match in all. */
export async function listApprovalInbox(
	db: Database,
	{ inbox, filter, sort, direction, limit, offset }: { inbox: ApprovalInbox; filter: ApprovalFilter; sort: ApprovalSort; direction: 'asc' | 'desc'; limit: number; offset: number },
): Promise<{ rows: ApprovalRow[]; total: number }> {
	const where = inboxWhere(inbox, filter)
	const order = direction === 'asc' ? asc(SORT_COLUMNS[sort]) : desc(SORT_COLUMNS[sort])
	// The page and the total in one pass (the policies make each pass over the inbox cost); a page past the end counts apart.
	const page = await db
		.select({
			id: enrolments.id,
			requestedAt: enrolments.requestedAt,
			approvalStep: enrolments.approvalStep,
			approvalReason: enrolments.approvalReason,
			priceCents: enrolments.priceCents,
			employeeId: users.id,
			employeeName: users.name,
			courseId: courses.id,
			courseTitle: courses.title,
			startsAt: sessions.startsAt,
			providerShortName: tenants.shortName,
			total: sql<number>`count(*) over ()`.mapWith(Number),
		})
		.from(enrolments)
		.innerJoin(users, eq(users.id, enrolments.userId))
		.innerJoin(sessions, eq(sessions.id, enrolments.sessionId))
		.innerJoin(courses, eq(courses.id, sessions.courseId))
		.innerJoin(tenants, eq(tenants.id, sessions.tenantId))
		.where(where)
		.orderBy(order, asc(enrolments.requestedAt), asc(enrolments.id))
		.limit(limit)
		.offset(offset)
	if (page.length > 0 || offset === 0) return { rows: page.map(({ total: _total, ...row }) => row), total: page[0]?.total ?? 0 }
	const [totals] = await db
		.select({ total: count() })
		.from(enrolments)
		.innerJoin(users, eq(users.id, enrolments.userId))
		.innerJoin(sessions, eq(sessions.id, enrolments.sessionId))
		.innerJoin(courses, eq(courses.id, sessions.courseId))
		.where(where)
	return { rows: [], total: totals?.total ?? 0 }
}

/** Every request matching the filter ("select all that match"), oldest first, up to `limit`. */
export async function listApprovalInboxIds(db: Database, { inbox, filter, limit }: { inbox: ApprovalInbox; filter: ApprovalFilter; limit: number }): Promise<string[]> {
	const rows = await db
		.select({ id: enrolments.id })
		.from(enrolments)
		.innerJoin(users, eq(users.id, enrolments.userId))
		.innerJoin(sessions, eq(sessions.id, enrolments.sessionId))
		.innerJoin(courses, eq(courses.id, sessions.courseId))
		.where(inboxWhere(inbox, filter))
		.orderBy(asc(enrolments.requestedAt), asc(enrolments.id))
		.limit(limit)
	return rows.map((row) => row.id)
}

/** The courses that have requests in the inbox, for its course filter. */
export async function listApprovalInboxCourses(db: Database, { inbox }: { inbox: ApprovalInbox }): Promise<{ id: string; title: string }[]> {
	return db
		.selectDistinct({ id: courses.id, title: courses.title })
		.from(enrolments)
		.innerJoin(users, eq(users.id, enrolments.userId))
		.innerJoin(sessions, eq(sessions.id, enrolments.sessionId))
		.innerJoin(courses, eq(courses.id, sessions.courseId))
		.where(inboxWhere(inbox, {}))
		.orderBy(asc(courses.title), asc(courses.id))
		.limit(500)
}

export type ApprovalCandidateRow = {
	id: string
	userId: string
	employeeName: string
	courseTitle: string
	priceCents: number
	startsAt: Date
	requestedAt: Date
	employeePoOverrides: PoOverrides
	providerPoOverrides: PoOverrides
}

/**
 * The named requests that are in this inbox, oldest first (the order a batch decides them in):
 * what a bulk action shows before it acts. An id that is not in the inbox (decided meanwhile,
 * another team's, another unit's, made up) is simply not returned.
 */
export async function getApprovalCandidates(db: Database, { inbox, ids }: { inbox: ApprovalInbox; ids: readonly string[] }): Promise<ApprovalCandidateRow[]> {
	if (ids.length === 0) return []
	const provider = sql`(select t.po_overrides from tenants t where t.id = ${sessions.tenantId})`
	const rows = await db
		.select({
			id: enrolments.id,
			userId: users.id,
			employeeName: users.name,
			courseTitle: courses.title,
			priceCents: enrolments.priceCents,
			startsAt: sessions.startsAt,
			requestedAt: enrolments.requestedAt,
			employeePoOverrides: tenants.poOverrides,
			providerPoOverrides: sql<unknown>`${provider}`,
		})
		.from(enrolments)
		.innerJoin(users, eq(users.id, enrolments.userId))
		.innerJoin(tenants, eq(tenants.id, users.tenantId))
		.innerJoin(sessions, eq(sessions.id, enrolments.sessionId))
		.innerJoin(courses, eq(courses.id, sessions.courseId))
		.where(and(inboxWhere(inbox, {}), inArray(enrolments.id, [...ids])))
		.orderBy(asc(enrolments.requestedAt), asc(enrolments.id))
	return rows.map((row) => ({ ...row, employeePoOverrides: row.employeePoOverrides as PoOverrides, providerPoOverrides: (row.providerPoOverrides ?? {}) as PoOverrides }))
}

/** What each of these people has committed per budget year (commitments minus releases). */
export async function committedBudgets(db: Database, { tenantId, userIds }: { tenantId: string; userIds: readonly string[] }): Promise<{ userId: string; year: number; committedCents: number }[]> {
	if (userIds.length === 0) return []
	return db
		.select({ userId: budgetLedger.userId, year: budgetLedger.year, committedCents: sql<number>`coalesce(sum(${budgetLedger.amountCents}), 0)`.mapWith(Number) })
		.from(budgetLedger)
		.where(and(eq(budgetLedger.tenantId, tenantId), inArray(budgetLedger.userId, [...new Set(userIds)])))
		.groupBy(budgetLedger.userId, budgetLedger.year)
}

/**
 * The employee and course of each of these requests that the approver's inbox covers, whatever
 * their state now (a request cancelled meanwhile is still named in the report of a decision).
 */
export async function getDecisionLabels(db: Database, { inbox, ids }: { inbox: ApprovalInbox; ids: readonly string[] }): Promise<{ id: string; userId: string; employeeName: string; courseTitle: string }[]> {
	if (ids.length === 0) return []
	return db
		.select({ id: enrolments.id, userId: enrolments.userId, employeeName: users.name, courseTitle: courses.title })
		.from(enrolments)
		.innerJoin(users, eq(users.id, enrolments.userId))
		.innerJoin(sessions, eq(sessions.id, enrolments.sessionId))
		.innerJoin(courses, eq(courses.id, sessions.courseId))
		.where(and(eq(enrolments.tenantId, inbox.tenantId), inbox.managerId ? eq(users.managerId, inbox.managerId) : undefined, inArray(enrolments.id, [...ids])))
}
