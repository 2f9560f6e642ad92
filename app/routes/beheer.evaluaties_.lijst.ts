import type { LoaderFunctionArgs } from '@remix-run/node'
import { valueOrThrow } from '../core/http.server.ts'
import { CSV_TYPE, fileResponse, tableCsv } from '../core/table-files.server.ts'
import { ownCourses } from '../features/courses/own-courses.ts'
import { parseEvaluationPeriod, showUnitEvaluations } from '../features/effect/show-unit-evaluations.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { i18next } from '../i18n/i18next.server.ts'

/** The unit's evaluation overview (/beheer/evaluaties) as CSV, for the same period (ADR 041), with the response rates (ADR 045): numbers only, no answers. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownCourses)
	const period = parseEvaluationPeriod(new URL(request.url).searchParams.get('periode'))
	const overview = valueOrThrow(await showUnitEvaluations(context, { actor, period }))
	const [t, language] = await Promise.all([i18next.getFixedT(request), i18next.getLocale(request)])
	const decimal = (value: number | null) => (value === null ? '' : value.toLocaleString(language === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 2 }))
	const rows = overview.rows.map((row) => [
		row.courseTitle,
		String(row.responses),
		String(row.rate.invited),
		row.shown ? decimal(row.statementMean) : '',
		row.shown && row.netPromoterScore !== null ? String(row.netPromoterScore) : '',
		String(row.followUpResponses),
		String(row.followUpRate.invited),
	])
	const header = [t('evaluation.course'), t('evaluation.responsesColumn'), t('evaluation.invitedColumn'), t('evaluation.statementMean'), t('evaluation.nps'), t('evaluation.followUpColumn'), t('evaluation.followUpInvitedColumn')]
	return fileResponse(tableCsv({ header, rows }), CSV_TYPE, `evaluaties-${period}.csv`)
}
