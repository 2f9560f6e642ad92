import type { LoaderFunctionArgs } from '@remix-run/node'
import { statusOf, throwFailure } from '../core/http.server.ts'
import { idParam } from '../core/route-params.server.ts'
import { CSV_TYPE, fileResponse, tableCsv, tableXlsx, XLSX_TYPE } from '../core/table-files.server.ts'
import { ownCourses } from '../features/courses/own-courses.ts'
import { exportEvaluationAnswers } from '../features/effect/show-evaluation-results.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { i18next } from '../i18n/i18next.server.ts'

/**
 * The anonymous answers to one of the unit's own courses as CSV or XLSX (`?formaat=`), one row per
 * response with nothing but its answers (ADR 041); the evaluation's, or with `?vragenlijst=vervolg`
 * the follow-up's (`vervolg`) or the managers' (`leidinggevende`, ADR 045); from five responses, as the page.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownCourses)
	const courseId = idParam(params, 'courseId', 'COURSE_NOT_FOUND')
	const search = new URL(request.url).searchParams
	const format = search.get('formaat')
	const questionnaire = search.get('vragenlijst') ?? 'evaluatie'
	const t = await i18next.getFixedT(request)
	// A file route has no page to show an error on: the message itself, as text.
	const refused = (code: 'EXPORT_FORMAT_UNKNOWN' | 'EVALUATION_KIND_UNKNOWN' | 'EVALUATION_TOO_FEW', status: number) =>
		new Response(t(`errors.${code}`), { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
	if (format !== 'csv' && format !== 'xlsx') return refused('EXPORT_FORMAT_UNKNOWN', 400)
	const kinds = { evaluatie: 'evaluation', vervolg: 'follow_up', leidinggevende: 'manager' } as const
	if (!Object.hasOwn(kinds, questionnaire)) return refused('EVALUATION_KIND_UNKNOWN', 400)
	const kind = kinds[questionnaire as keyof typeof kinds]
	const exported = await exportEvaluationAnswers(context, { actor, courseId, kind })
	if (!exported.ok) return exported.code === 'EVALUATION_TOO_FEW' ? refused('EVALUATION_TOO_FEW', statusOf(exported.kind)) : throwFailure(exported)
	const { course, form, rows } = exported.value
	const table = {
		header: form.items.map((item) => t(`evaluation.items.${item.id}` as 'evaluation.items.best')),
		rows: rows.map((row) => row.map((cell) => (cell === null ? '' : String(cell)))),
	}
	const fileName = `${questionnaire}-${course.id}.${format}`
	const sheet = t(kind === 'follow_up' ? 'evaluation.followUpSheetName' : kind === 'manager' ? 'evaluation.managerSheetName' : 'evaluation.sheetName')
	return format === 'csv' ? fileResponse(tableCsv(table), CSV_TYPE, fileName) : fileResponse(new Uint8Array(await tableXlsx(table, sheet)), XLSX_TYPE, fileName)
}
