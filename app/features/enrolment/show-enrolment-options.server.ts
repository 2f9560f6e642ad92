import { committedBudget, getConcernPoDefaults, getEmployeeForEnrolment, withTenantContext } from '@leerplein/db'
import { budgetYear, effectivePoSettings, remainingBudget } from '@leerplein/domain'
import type { SignedIn } from '../identity/session.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'

/** What the enrolment form on a course page needs to know of the signed-in employee. */
export async function showEnrolmentOptions({ db }: Pick<LeerpleinContext, 'db'>, signedIn: SignedIn, now: Date) {
	const { userId, tenantId } = signedIn.person
	return withTenantContext(db, { tenantId, userId }, async (tx) => {
		const employee = await getEmployeeForEnrolment(tx, { userId })
		if (!employee) return null
		const settings = effectivePoSettings(await getConcernPoDefaults(tx), employee.poOverrides)
		const year = budgetYear(now)
		return {
			costCentre: employee.costCentre,
			costCentreRequired: settings.costCentreRequired,
			budget: { year, total: settings.yearlyBudgetCents, remaining: remainingBudget(settings.yearlyBudgetCents, await committedBudget(tx, { userId, year })) },
		}
	})
}
