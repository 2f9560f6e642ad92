import { listThemes } from '@leerplein/db/catalogue'
import { listCourseEvaluationAggregates } from '@leerplein/db/effect'
import { getEmployeeForEnrolment } from '@leerplein/db/enrolment'
import { getConcernPoDefaults } from '@leerplein/db/po-rules'
import { countReportBudget, countReportParticipation, listReportCourses } from '@leerplein/db/reports'
import {
	budgetFigures,
	can,
	checkReportPeriod,
	courseEvaluationScore,
	DEFAULT_EVALUATION,
	effectivePoSettings,
	participationFigures,
	periodMonths,
	sumParticipation,
	type BudgetFigures,
	type CourseEvaluationScore,
	type ParticipationCounts,
	type ParticipationFigures,
	type ReportPeriod,
} from '@leerplein/domain'
import type { ErrorCode } from '../../core/error-codes.ts'
import { inTenant, refuse, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import type { ReportFilters } from './report-filters.ts'

// A unit's own report (issue 18, item 4; ADR 043): its sessions' participation per month and per
// course, the courses' evaluation scores and its employees' budget. One read-only transaction in
// the coordinator's unit; PostgreSQL counts, the domain turns counts into rates.

export type ReportCourseRow = { courseId: string; courseTitle: string; figures: ParticipationFigures; evaluation: CourseEvaluationScore | null }

export type UnitReport = {
	period: ReportPeriod
	months: { month: string; figures: ParticipationFigures }[]
	courses: ReportCourseRow[]
	total: ParticipationFigures
	budget: BudgetFigures & { year: number; people: number }
	freeCancellationDays: number
	options: { courses: { id: string; title: string }[]; themes: { slug: string; nameNl: string; nameEn: string }[] }
}

const PERIOD_ERRORS = {
	from_not_a_month: ['REPORT_FROM_NOT_A_MONTH', 'van'],
	to_not_a_month: ['REPORT_TO_NOT_A_MONTH', 'tot'],
	to_before_from: ['REPORT_TO_BEFORE_FROM', 'tot'],
	too_long: ['REPORT_TOO_LONG', 'van'],
} as const satisfies Record<string, readonly [ErrorCode, keyof ReportFilters]>

export const ZERO: ParticipationCounts = { participants: 0, completed: 0, noShows: 0, cancellations: 0, lateCancellations: 0, waiting: 0 }
export const countsOf = (row: ParticipationCounts): ParticipationCounts => ({
	participants: row.participants,
	completed: row.completed,
	noShows: row.noShows,
	cancellations: row.cancellations,
	lateCancellations: row.lateCancellations,
	waiting: row.waiting,
})

/** The filters' period as the domain judges it; a month that is none, or a period backwards or too long, refused beside its field. */
export function reportPeriodOf(ctx: ServiceContext, filters: Pick<ReportFilters, 'van' | 'tot'>): ServiceResult<ReportPeriod> {
	const period = checkReportPeriod({ from: filters.van, to: filters.tot }, ctx.clock.now())
	if (period.ok) return period
	const [code, field] = PERIOD_ERRORS[period.code]
	return refuse('invalid', code, { field })
}

/**
 * The actor's unit's report for the filters: every month of the period (zero where nothing
 * happened), every course with enrolments, the total, and the budget of the period's last year.
 * A filter that names no month, course or theme of the unit is refused beside its field.
 */
export async function showUnitReport(ctx: ServiceContext, { actor, filters }: { actor: Actor; filters: ReportFilters }): Promise<ServiceResult<UnitReport>> {
	if (!can(actor, 'read', { kind: 'report', tenantId: actor.tenantId })) return refuse('forbidden', 'FORBIDDEN')
	const period = reportPeriodOf(ctx, filters)
	if (!period.ok) return period
	const { fromMonth, toMonth } = period.value
	return inTenant(
		ctx,
		actor,
		async (tx) => {
			const [courses, themes, defaults, coordinator] = await Promise.all([
				listReportCourses(tx, { tenantId: actor.tenantId }),
				listThemes(tx),
				getConcernPoDefaults(tx),
				getEmployeeForEnrolment(tx, { userId: actor.userId }),
			])
			if (filters.opleiding !== null && !courses.some((course) => course.id === filters.opleiding)) throw refusal('invalid', 'REPORT_COURSE_UNKNOWN', { field: 'opleiding' })
			const theme = filters.thema === null ? null : themes.find((candidate) => candidate.slug === filters.thema)
			if (theme === undefined) throw refusal('invalid', 'REPORT_THEME_UNKNOWN', { field: 'thema' })
			const rules = effectivePoSettings(defaults, coordinator?.poOverrides ?? {})
			const year = Number(toMonth.slice(0, 4))
			const [rows, budget, evaluations] = await Promise.all([
				countReportParticipation(tx, { tenantId: actor.tenantId, fromMonth, toMonth, courseId: filters.opleiding, themeId: theme?.id ?? null, freeCancellationDays: rules.freeCancellationDays }),
				countReportBudget(tx, { tenantId: actor.tenantId, year }),
				listCourseEvaluationAggregates(tx, {
					tenantId: actor.tenantId,
					formVersion: DEFAULT_EVALUATION.version,
					statementIds: DEFAULT_EVALUATION.items.filter((item) => item.kind === 'likert').map((item) => item.id),
					recommendId: DEFAULT_EVALUATION.items.find((item) => item.kind === 'recommendation')!.id,
					fromMonth: `${fromMonth}-01`,
				}),
			])
			const byMonth = new Map(rows.filter((row) => row.month !== null).map((row) => [row.month!, countsOf(row)]))
			const courseRows = rows.filter((row) => row.month === null && row.courseId !== null)
			const scores = new Map(evaluations.map(({ courseId, courseTitle: _title, ...counts }) => [courseId, courseEvaluationScore(counts)]))
			return {
				period: period.value,
				months: periodMonths(period.value).map((month) => ({ month, figures: participationFigures(byMonth.get(month) ?? ZERO) })),
				courses: courseRows.map((row) => ({ courseId: row.courseId!, courseTitle: row.courseTitle!, figures: participationFigures(countsOf(row)), evaluation: scores.get(row.courseId!) ?? null })),
				total: participationFigures(sumParticipation([...byMonth.values()])),
				budget: { ...budgetFigures({ budgetCents: rules.yearlyBudgetCents * budget.people, committedCents: budget.committedCents, spentCents: budget.spentCents }), year, people: budget.people },
				freeCancellationDays: rules.freeCancellationDays,
				options: { courses, themes: themes.map(({ slug, nameNl, nameEn }) => ({ slug, nameNl, nameEn })) },
			}
		},
		{ readOnly: true },
	)
}
