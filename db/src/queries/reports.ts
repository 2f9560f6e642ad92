import type { ParticipationCounts } from '@leerplein/domain'
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
 */
export async function countReportParticipation(db: Database, scope: ReportScope): Promise<ReportParticipationRow[]> {
	const month = sql`to_char(s.starts_at at time zone 'Europe/Amsterdam', 'YYYY-MM')`
	return selectRows<ReportParticipationRow>(
		db,
		sql`select ${month} as month, c.id as "courseId", c.title as "courseTitle",
				count(*) filter (where e.status in ('enrolled', 'attended', 'no_show', 'completed'))::int as participants,
				count(*) filter (where e.status in ('attended', 'completed'))::int as completed,
				count(*) filter (where e.status = 'no_show')::int as "noShows",
				count(*) filter (where e.status = 'cancelled')::int as cancellations,
				count(*) filter (where e.status = 'cancelled'
					and e.updated_at > s.starts_at - make_interval(days => ${scope.freeCancellationDays}::int)
					and (e.free_cancellation_until is null or e.updated_at >= e.free_cancellation_until))::int as "lateCancellations",
				count(*) filter (where e.status = 'waitlisted')::int as waiting
			from sessions s
			join courses c on c.id = s.course_id
			join enrolments e on e.session_id = s.id
			where s.tenant_id = ${scope.tenantId}::uuid and s.status = 'planned'
				and s.starts_at >= (${`${scope.fromMonth}-01`}::date)::timestamp at time zone 'Europe/Amsterdam'
				and s.starts_at < ((${`${scope.toMonth}-01`}::date + interval '1 month'))::timestamp at time zone 'Europe/Amsterdam'
				${scope.courseId ? sql`and c.id = ${scope.courseId}::uuid` : sql``}
				${scope.themeId ? sql`and c.theme_id = ${scope.themeId}::uuid` : sql``}
			group by grouping sets ((${month}), (c.id, c.title))
			order by 1 nulls last, 3, 2`,
	)
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
