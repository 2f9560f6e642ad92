import { listCourseEvaluationAggregates, listEvaluationResponseRates, type CourseEvaluationAggregate } from '@leerplein/db/effect'
import { addMonths, amsterdamDate, can, courseEvaluationScore, DEFAULT_EVALUATION, FOLLOW_UP_EVALUATION, type CourseEvaluationScore } from '@leerplein/domain'
import { inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import type { ResponseRate } from './show-evaluation-results.server.ts'

/** The periods the overview offers: the last 12 months (from the first of the month), or everything. */
export const EVALUATION_PERIODS = ['12', 'alles'] as const
export type EvaluationPeriod = (typeof EVALUATION_PERIODS)[number]

/** `?periode=` as asked; anything else is the default, the last 12 months (as the search analytics do). */
export function parseEvaluationPeriod(asked: string | null): EvaluationPeriod {
	return (EVALUATION_PERIODS as readonly string[]).includes(asked ?? '') ? (asked as EvaluationPeriod) : '12'
}

export type UnitEvaluationRow = { courseId: string; courseTitle: string } & CourseEvaluationScore & {
		/** Answered of the evaluation invitations due in the period (ADR 045). */
		rate: ResponseRate
		/** The follow-up's responses (its content only on the course's page, from five) and its rate. */
		followUpResponses: number
		followUpRate: ResponseRate
	}

/**
 * The unit's courses that were evaluated or whose participants were invited, each with its number
 * of responses and, from five, the mean of all statement answers and the net promoter score (ADR
 * 041), the response rate of the evaluation and of the follow-up (ADR 045), for the unit's
 * coordinators. The database sums; no answer leaves it. `fromMonth` is the first month counted
 * (null: all).
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
			const aggregatesOf = (form: typeof DEFAULT_EVALUATION) =>
				listCourseEvaluationAggregates(tx, {
					tenantId: actor.tenantId,
					formVersion: form.version,
					statementIds: form.items.filter((item) => item.kind === 'likert').map((item) => item.id),
					recommendId: DEFAULT_EVALUATION.items.find((item) => item.kind === 'recommendation')!.id,
					fromMonth,
				})
			const [aggregates, followUps, rates] = await Promise.all([aggregatesOf(DEFAULT_EVALUATION), aggregatesOf(FOLLOW_UP_EVALUATION), listEvaluationResponseRates(tx, { courseId: null, sinceMonth: fromMonth })])
			const courses = new Map<string, string>()
			for (const row of [...aggregates, ...followUps, ...rates]) courses.set(row.courseId, row.courseTitle)
			const none: Omit<CourseEvaluationAggregate, 'courseId' | 'courseTitle'> = { responses: 0, statementSum: 0, statementAnswers: 0, recommendAnswered: 0, promoters: 0, detractors: 0 }
			const rateOf = (courseId: string, kind: 'evaluation' | 'follow_up'): ResponseRate => {
				const row = rates.find((rate) => rate.courseId === courseId && rate.kind === kind)
				return { invited: row?.invited ?? 0, answered: row?.answered ?? 0 }
			}
			const rows = [...courses].map(([courseId, courseTitle]): UnitEvaluationRow => {
				const { courseId: _id, courseTitle: _title, ...counts } = aggregates.find((row) => row.courseId === courseId) ?? { courseId, courseTitle, ...none }
				return {
					courseId,
					courseTitle,
					...courseEvaluationScore(counts),
					rate: rateOf(courseId, 'evaluation'),
					followUpResponses: followUps.find((row) => row.courseId === courseId)?.responses ?? 0,
					followUpRate: rateOf(courseId, 'follow_up'),
				}
			})
			rows.sort((a, b) => a.courseTitle.localeCompare(b.courseTitle, 'nl') || a.courseId.localeCompare(b.courseId))
			return { rows, fromMonth }
		},
		{ readOnly: true },
	)
}
