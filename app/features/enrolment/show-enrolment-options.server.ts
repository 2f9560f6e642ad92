import { getEmployeeForEnrolment, getSessionForEnrolment } from '@leerplein/db/enrolment'
import { budgetYear, previewEnrolmentRequest, type Actor, type EnrolmentPreview } from '@leerplein/domain'
import { inTenant, refusal, type ServiceContext } from '../../core/service.server.ts'
import { budgetsOfYears, rulesOf } from './enrolment-support.server.ts'

/**
 * What the enrolment form on a course page needs to know of the signed-in employee: cost centre,
 * the budget of every year the offered sessions fall in (a session in 2027 is paid from the 2027
 * budget), and per session what asking for it will do — enrol at once or wait for approval, and
 * the budget left after — decided by the same rules the request itself meets.
 */
export async function showEnrolmentOptions(ctx: ServiceContext, { actor, sessionIds }: { actor: Actor; sessionIds: readonly string[] }) {
	const now = ctx.clock.now()
	const { userId } = actor
	return inTenant(ctx, actor, async (tx) => {
		const employee = await getEmployeeForEnrolment(tx, { userId })
		// Who is no employee their unit can see may not enrol (requestEnrolment refuses the same way).
		if (!employee) throw refusal('forbidden', 'FORBIDDEN')
		// Approval, budget and cost centre are the employee's unit's rules, whoever provides the session.
		const { employeeUnit } = await rulesOf(tx, employee.poOverrides, employee.poOverrides)
		const sessions = (await Promise.all(sessionIds.map((sessionId) => getSessionForEnrolment(tx, { sessionId })))).filter((session) => session !== null)
		// This year's budget is shown even when nothing is offered: the employee looks for it.
		const years = [budgetYear(now), ...sessions.map((session) => budgetYear(session.startsAt))]
		const budgets = await budgetsOfYears(tx, { userId, yearlyBudgetCents: employeeUnit.yearlyBudgetCents, years })
		const previews: Record<string, EnrolmentPreview> = {}
		for (const session of sessions) {
			const budget = budgets.find((candidate) => candidate.year === budgetYear(session.startsAt))!
			previews[session.id] = previewEnrolmentRequest(await rulesOf(tx, employee.poOverrides, session.providerPoOverrides), {
				employeeTenantId: employee.tenantId,
				providerTenantId: session.tenantId,
				priceCents: session.priceCents,
				courseStatus: session.courseStatus,
				session: { startsAt: session.startsAt, status: session.status },
				remainingBudgetCents: budget.remainingCents,
				now,
			})
		}
		return {
			costCentre: employee.costCentre,
			costCentreRequired: employeeUnit.costCentreRequired,
			/** Who decides first on the employee's requests, for the preview's words. */
			firstApprover: employee.managerId ? ('manager' as const) : ('coordinator' as const),
			budgets,
			previews,
		}
	})
}
