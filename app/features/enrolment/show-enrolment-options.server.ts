import { committedBudget, getEmployeeForEnrolment } from '@leerplein/db/enrolment'
import { getConcernPoDefaults } from '@leerplein/db/po-rules'
import { budgetYear, effectivePoSettings, remainingBudget, type Actor } from '@leerplein/domain'
import { inTenant, refusal, type ServiceContext } from '../../core/service.server.ts'

/** What the enrolment form on a course page needs to know of the signed-in employee: cost centre and budget. */
export async function showEnrolmentOptions(ctx: ServiceContext, { actor }: { actor: Actor }) {
	const year = budgetYear(ctx.clock.now())
	const { userId } = actor
	return inTenant(ctx, actor, async (tx) => {
		const employee = await getEmployeeForEnrolment(tx, { userId })
		// Who is no employee their unit can see may not enrol (requestEnrolment refuses the same way).
		if (!employee) throw refusal('forbidden', 'FORBIDDEN')
		const settings = effectivePoSettings(await getConcernPoDefaults(tx), employee.poOverrides)
		return {
			costCentre: employee.costCentre,
			costCentreRequired: settings.costCentreRequired,
			budget: { year, total: settings.yearlyBudgetCents, remaining: remainingBudget(settings.yearlyBudgetCents, await committedBudget(tx, { userId, year })) },
		}
	})
}
