import { getEmployeeForEnrolment, listMyEnrolments } from '@leerplein/db/enrolment'
import { listMyOnlinePartProgress } from '@leerplein/db/lti'
import { getConcernPoDefaults } from '@leerplein/db/po-rules'
import { blendedParts, blendedProgress, budgetYear, completesByRule, completionRuleOf, effectivePoSettings, type Actor } from '@leerplein/domain'
import { inTenant, type ServiceContext } from '../../core/service.server.ts'
import { budgetsOfYears } from './enrolment-support.server.ts'

/**
 * "Mijn leren": the actor's own enrolments in four groups, each with its course's online parts
 * (completed, score), a blended programme's progress per part, and the budget left this year and in every later year an enrolment is paid from.
 */
export async function showMyLearning(ctx: ServiceContext, { actor }: { actor: Actor }) {
	const now = ctx.clock.now()
	const { userId } = actor
	return inTenant(ctx, actor, async (tx) => {
		const [rows, employee, parts] = await Promise.all([listMyEnrolments(tx, { userId }), getEmployeeForEnrolment(tx, { userId }), listMyOnlinePartProgress(tx, { userId })])
		const enrolments = rows.map((enrolment) => {
			const onlineParts = parts.filter((part) => part.courseId === enrolment.courseId).map(({ resourceLinkId, title, score, completedAt }) => ({ resourceLinkId, title, score, completedAt }))
			// A blended programme shows each part's progress and whether its rule is met (ADR 033).
			const blended = completesByRule(enrolment.courseForm, onlineParts.length)
				? blendedProgress(
						blendedParts(
							enrolment.status,
							onlineParts.map((part) => ({ kind: 'online' as const, id: part.resourceLinkId, title: part.title, completed: part.completedAt !== null })),
						),
						completionRuleOf(enrolment.completionMinParts),
					)
				: null
			return { ...enrolment, onlineParts, blended }
		})
		const settings = effectivePoSettings(await getConcernPoDefaults(tx), employee?.poOverrides ?? {})
		const upcoming = (startsAt: Date) => startsAt.getTime() > now.getTime()
		const years = [budgetYear(now), ...enrolments.filter((e) => upcoming(e.startsAt)).map((e) => budgetYear(e.startsAt))]
		return {
			budgets: await budgetsOfYears(tx, { userId, yearlyBudgetCents: settings.yearlyBudgetCents, years }),
			enrolled: enrolments.filter((e) => e.status === 'enrolled' && upcoming(e.startsAt)),
			waitlisted: enrolments.filter((e) => e.status === 'waitlisted' && upcoming(e.startsAt)),
			awaiting: enrolments.filter((e) => (e.status === 'awaiting_approval' || e.status === 'approved') && upcoming(e.startsAt)),
			history: enrolments.filter(
				(e) => !upcoming(e.startsAt) || ['declined', 'cancelled', 'attended', 'no_show', 'completed'].includes(e.status),
			),
		}
	})
}
