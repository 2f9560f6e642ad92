import { listCourseEvaluationAggregates } from '@leerplein/db/effect'
import { addMonths, amsterdamDate, can, courseEvaluationScore, DEFAULT_EVALUATION, type CourseEvaluationScore } from '@leerplein/domain'
import { inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/** The periods the overview offers: the last 12 months (from the first of the month), or everything. */
export const EVALUATION_PERIODS = ['12', 'alles'] as const
export type EvaluationPeriod = (typeof EVALUATION_PERIODS)[number]

/** `?periode=` as asked; anything else is the default, the last 12 months (as the search analytics do). */
export function parseEvaluationPeriod(asked: string | null): EvaluationPeriod {
	return (EVALUATION_PERIODS as readonly string[]).includes(asked ?? '') ? (asked as EvaluationPeriod) : '12'
}

export type UnitEvaluationRow = { courseId: string; courseTitle: string } & CourseEvaluationScore

/**
 * The unit's courses that were evaluated, each with its number of responses and, from five, the
 * mean of all statement answers and the net promoter score (ADR 041), for the unit's coordinators.
 * The database sums; no answer leaves it. `fromMonth` is the first month counted (null: all).
 */
export async function showUnitEvaluations(
	ctx: ServiceContext,
	{ actor, period }: { actor: Actor; period: EvaluationPeriod },
): Promise<ServiceResult<{ rows: UnitEvaluationRow[]; fromMonth: string | null }>> {
	const today = amsterdamDate(ctx.clock.now())
	const fromMonth = period === 'alles' ? null : `${addMonths(today, -11).slice(0, 7)}-01`
	return inTenant(
		ctx,
		actor,
		async (tx) => {
			if (!can(actor, 'update', { kind: 'course', providerTenantId: actor.tenantId })) throw refusal('forbidden', 'FORBIDDEN')
			const aggregates = await listCourseEvaluationAggregates(tx, {
				tenantId: actor.tenantId,
				formVersion: DEFAULT_EVALUATION.version,
				statementIds: DEFAULT_EVALUATION.items.filter((item) => item.kind === 'likert').map((item) => item.id),
				recommendId: DEFAULT_EVALUATION.items.find((item) => item.kind === 'recommendation')!.id,
				fromMonth,
			})
			return { rows: aggregates.map(({ courseId, courseTitle, ...counts }) => ({ courseId, courseTitle, ...courseEvaluationScore(counts) })), fromMonth }
		},
		{ readOnly: true },
	)
}
