import type { ParticipationCounts, PoOverrides } from '@leerplein/domain'
import { sql } from 'drizzle-orm'
import { selectRows, type Database } from '../client.ts'

// Reports (issue 18, item 4; ADR 043): the counts behind a unit's report, summed by PostgreSQL
// inside the unit's tenant context, so row-level security decides what is counted and no
// enrolment leaves the database. The domain (`participationFigures`, `budgetFigures`) turns them
// into rates.

/** What a report is about: the providing unit's sessions starting in these months, optionally one course or one theme. */
export type ReportScope = {
	/** The providing unit: its sessions, whoever enrolled in them. */
	tenantId: string
	/** First month, `YYYY-MM`. */
	fromMonth: string
	/** Last month, `YYYY-MM`, inclusive. */
	toMonth: string
	courseId?: string | null
	themeId?: string | null
	/** The providing unit's free cancellation period: a cancellation later than this before the start is late. */
	freeCancellationDays: number
}

/** One month's counts (`courseId` null) or one course's over the whole period (`month` null). */
export type ReportParticipationRow = ParticipationCounts & { month: string | null; courseId: string | null; courseTitle: string | null }

/**
 * Per month (Amsterdam) and per course, in one pass (grouping sets): seat-holding enrolments,
 * completed (attended or completed), no-shows, cancellations and those late, and who waits, of
 * the unit's sessions starting in the period. A cancelled session counts not at all (the
 * provider cancelled, nobody failed to come), nor a declined request. A cancellation is late when
 * made within the free period before the start, unless a change of the session made it free
 * (ADR 029). Months come sorted, then courses by title.
 *
 * Counted by `report_participation` (SECURITY DEFINER, migration 0062) past the enrolments'
 * per-row provider policy, for the verified context's unit only and only when `tenantId` is that
 * unit: sums, never a person.
 */
export async function countReportParticipation(db: Database, scope: ReportScope): Promise<ReportParticipationRow[]> {
	const rows = await selectRows<{
		month: string | null
		course_id: string | null
		course_title: string | null
		participants: number
		completed: number
		no_shows: number
		cancellations: number
		late_cancellations: number
		waiting: number
	}>(
		db,
		sql`select * from report_participation(${scope.tenantId}::uuid, ${`${scope.fromMonth}-01`}::date, ${`${scope.toMonth}-01`}::date,
			${scope.courseId ?? null}::uuid, ${scope.themeId ?? null}::uuid, ${scope.freeCancellationDays}::int)`,
	)
	return rows.map((row) => ({
		month: row.month,
		courseId: row.course_id,
		courseTitle: row.course_title,
		participants: row.participants,
		completed: row.completed,
		noShows: row.no_shows,
		cancellations: row.cancellations,
		lateCancellations: row.late_cancellations,
		waiting: row.waiting,
	}))
}

export type ReportBudgetCounts = { year: number; people: number; committedCents: number; spentCents: number }

/**
 * The unit's own budget in budget year `year`: its active people (the budget is the yearly
 * amount per person), what the ledger holds for them (commitments minus releases) and the part
 * of it for learning that took place (attended, completed or a no-show), wherever it was provided.
 */
export async function countReportBudget(db: Database, { tenantId, year }: { tenantId: string; year: number }): Promise<ReportBudgetCounts> {
	const [row] = await selectRows<ReportBudgetCounts>(
		db,
		sql`select ${year}::int as year,
				(select count(*) from users u where u.tenant_id = ${tenantId}::uuid and u.active)::int as people,
				coalesce(sum(b.amount_cents), 0)::int as "committedCents",
				coalesce(sum(b.amount_cents) filter (where e.status in ('attended', 'completed', 'no_show')), 0)::int as "spentCents"
			from budget_ledger b
			join enrolments e on e.id = b.enrolment_id
			where b.tenant_id = ${tenantId}::uuid and b.year = ${year}`,
	)
	return row!
}

/** The unit's courses that have sessions, for the report's course filter, by title. */
export async function listReportCourses(db: Database, { tenantId }: { tenantId: string }): Promise<{ id: string; title: string }[]> {
	return selectRows(
		db,
		sql`select c.id, c.title from courses c
			where exists (select 1 from sessions s where s.course_id = c.id and s.tenant_id = ${tenantId}::uuid)
			order by c.title, c.id`,
	)
}

/** Every unit with the P&O rules it overrides (unit rows are public): the concern report's rows and each unit's free period. */
export async function listReportUnits(db: Database): Promise<{ id: string; name: string; shortName: string; poOverrides: PoOverrides }[]> {
	return selectRows(db, sql`select id, name, short_name as "shortName", po_overrides as "poOverrides" from tenants order by name, id`)
}

export type UnitParticipationRow = ParticipationCounts & { tenantId: string }

/**
 * The concern's report: per providing unit, the sums of `countReportParticipation` over the
 * period, each unit's late cancellations judged by its own free period. Counted by
 * `report_unit_participation` (SECURITY DEFINER, migration 0062), which answers only a concern
 * administrator; a unit without enrolments in the period has no row.
 */
export async function countConcernParticipation(
	db: Database,
	{ fromMonth, toMonth, units }: { fromMonth: string; toMonth: string; units: { tenantId: string; freeCancellationDays: number }[] },
): Promise<UnitParticipationRow[]> {
	const rows = await selectRows<{ tenant_id: string; participants: number; completed: number; no_shows: number; cancellations: number; late_cancellations: number; waiting: number }>(
		db,
		sql`select * from report_unit_participation(${`${fromMonth}-01`}::date, ${`${toMonth}-01`}::date,
			${`{${units.map((unit) => unit.tenantId).join(',')}}`}::uuid[], ${`{${units.map((unit) => unit.freeCancellationDays).join(',')}}`}::int[])`,
	)
	return rows.map((row) => ({
		tenantId: row.tenant_id,
		participants: row.participants,
		completed: row.completed,
		noShows: row.no_shows,
		cancellations: row.cancellations,
		lateCancellations: row.late_cancellations,
		waiting: row.waiting,
	}))
}
