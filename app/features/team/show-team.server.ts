import { committedBudgets, findTeamMember, getEmployeeForEnrolment, listTeamLearning, listTeamMemberLearning, listTeamMembers, TEAM_SORTS, type Team, type TeamLearningRow, type TeamMemberCounts, type TeamSort } from '@leerplein/db/enrolment'
import { countMatrixCompetencies } from '@leerplein/db/passport'
import { getConcernPoDefaults } from '@leerplein/db/po-rules'
import { budgetYear, can, effectivePoSettings, pageCount, pageWindow, remainingBudget, type Actor } from '@leerplein/domain'
import { gridField } from '../../core/grid-query.server.ts'
import { inTenant, refusal, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

// A manager's team page (/mijn-team, issue 18 item 5): per person of their team their learning in
// four counts, one person's list, the team's budget this budget year and its passport dots. Only
// ever the actor's own team: the people of their unit whose manager they are (users.manager_id),
// the same team as the approvals inbox and the passport matrix; the unit's policies keep the rest
// of the concern out, the query the rest of the unit.

export const TEAM_PAGE_SIZE = 50

/** The grid's filter as the query string names it. */
export const TEAM_FILTERS = { q: gridField.text }
export type TeamFilters = { q?: string }
export { TEAM_SORTS }

export type TeamBudget = {
	/** The budget year: the calendar year (Amsterdam) of today. */
	year: number
	people: number
	/** The unit's yearly budget per person times the people of the team. */
	totalCents: number
	/** What the ledger holds for the team's people in this year (commitments minus releases). */
	committedCents: number
	/** Total minus committed; negative where the unit lets people go over. */
	remainingCents: number
}

export type TeamOverview = {
	rows: TeamMemberCounts[]
	total: number
	page: number
	pages: number
	/** The whole team, unfiltered: 0 is the page's empty state. */
	teamSize: number
	budget: TeamBudget
	/** The team's dots (the passport matrix's counts), when the actor may open the team's matrix; else null. */
	passport: { red: number; orange: number; green: number } | null
	/** The person `memberId` named, with their learning; null when none was asked for. */
	member: { id: string; name: string; learning: TeamLearningRow[] } | null
}

/**
 * The actor's team overview: one page of the people (filtered on name, sorted by name or a count),
 * the team's budget and dots, and, when `memberId` names someone of the team, their learning. A
 * `memberId` of anyone else (another manager's person, another unit's) is not found.
 */
export async function showTeam(
	ctx: ServiceContext,
	{ actor, filters, sort, page, memberId }: { actor: Actor; filters: TeamFilters; sort: { id: TeamSort; desc: boolean }; page: number; memberId: string | null },
): Promise<ServiceResult<TeamOverview>> {
	const now = ctx.clock.now()
	const team: Team = { tenantId: actor.tenantId, managerId: actor.userId }
	const window = pageWindow(page, TEAM_PAGE_SIZE)
	const readsDots = can(actor, 'read', { kind: 'passport_matrix', tenantId: actor.tenantId, scope: 'team' })
	return inTenant(
		ctx,
		actor,
		async (tx) => {
			if (!can(actor, 'read', { kind: 'team_overview', tenantId: actor.tenantId })) throw refusal('forbidden', 'FORBIDDEN')
			const member = memberId === null ? null : await findTeamMember(tx, { team, userId: memberId })
			if (memberId !== null && !member) throw refusal('not_found', 'TEAM_MEMBER_NOT_FOUND')
			const [{ rows, total }, people, manager, defaults, dots, learning] = await Promise.all([
				listTeamLearning(tx, { team, now, search: filters.q, sort: sort.id, direction: sort.desc ? 'desc' : 'asc', limit: window.pageSize, offset: window.offset }),
				listTeamMembers(tx, { team }),
				getEmployeeForEnrolment(tx, { userId: actor.userId }),
				getConcernPoDefaults(tx),
				readsDots ? countMatrixCompetencies(tx, { scope: team }) : null,
				member ? listTeamMemberLearning(tx, { team, userId: member.id, now }) : null,
			])
			// The budget as the approvals inbox reckons it: the unit's yearly budget per person (the
			// concern's default under the unit's override) minus what the ledger holds for the year.
			const year = budgetYear(now)
			const { yearlyBudgetCents } = effectivePoSettings(defaults, manager?.poOverrides ?? {})
			const committed = await committedBudgets(tx, { tenantId: actor.tenantId, userIds: people.map((person) => person.id) })
			const committedCents = committed.filter((row) => row.year === year).reduce((sum, row) => sum + row.committedCents, 0)
			const totalCents = yearlyBudgetCents * people.length
			return {
				rows,
				total,
				page,
				pages: pageCount(total, TEAM_PAGE_SIZE),
				teamSize: people.length,
				budget: { year, people: people.length, totalCents, committedCents, remainingCents: remainingBudget(totalCents, committedCents) },
				passport: dots
					? dots.reduce((sum, competency) => ({ red: sum.red + competency.red, orange: sum.orange + competency.orange, green: sum.green + competency.green }), { red: 0, orange: 0, green: 0 })
					: null,
				member: member && learning ? { ...member, learning } : null,
			}
		},
		{ readOnly: true },
	)
}
