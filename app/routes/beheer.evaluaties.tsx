import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DataTable, type DataColumn } from '../components/data-table.tsx'
import { valueOrThrow } from '../core/http.server.ts'
import { ownCourses } from '../features/courses/own-courses.ts'
import type { ResponseRate } from '../features/effect/show-evaluation-results.server.ts'
import { parseEvaluationPeriod, showUnitEvaluations, type UnitEvaluationRow } from '../features/effect/show-unit-evaluations.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { formatMonth } from '../utils/format.ts'

const PATH = '/beheer/evaluaties'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownCourses)
	const period = parseEvaluationPeriod(new URL(request.url).searchParams.get('periode'))
	const overview = valueOrThrow(await showUnitEvaluations(context, { actor, period }))
	const t = await i18next.getFixedT(request)
	return { ...overview, period, title: `${t('evaluation.overviewTitle')} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

/**
 * The unit's evaluated courses (ADR 041): responses per course and, from five, the mean of the
 * statements and the net promoter score; the response rate of the evaluation and the follow-up's
 * responses and rate (ADR 045); sortable, a period, and the same table as CSV. Each
 * course links to its own evaluation page.
 */
export default function UnitEvaluations() {
	const { rows, fromMonth, period } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const decimal = (value: number) => value.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
	// A rate sorts by its share; a course nobody was invited to yet sorts last.
	const share = (rate: ResponseRate) => (rate.invited === 0 ? -1 : rate.answered / rate.invited)
	const rateText = (rate: ResponseRate) => (rate.invited === 0 ? '—' : `${t('evaluation.rateCell', { answered: rate.answered, invited: rate.invited })} (${Math.round((100 * rate.answered) / rate.invited)}%)`)
	const columns: DataColumn<UnitEvaluationRow>[] = [
		{
			id: 'opleiding',
			header: t('evaluation.course'),
			accessorKey: 'courseTitle',
			cell: ({ row }) => <Link to={`/beheer/cursussen/${row.original.courseId}/evaluatie`}>{row.original.courseTitle}</Link>,
		},
		{ id: 'antwoorden', header: t('evaluation.responsesColumn'), accessorKey: 'responses', sortDescFirst: true },
		{
			id: 'respons',
			header: t('evaluation.rateColumn'),
			accessorFn: (row) => share(row.rate),
			sortDescFirst: true,
			cell: ({ row }) => rateText(row.original.rate),
		},
		{
			id: 'stellingen',
			header: t('evaluation.statementMean'),
			accessorFn: (row) => (row.shown ? (row.statementMean ?? -1) : -2),
			sortDescFirst: true,
			cell: ({ row }) => (row.original.shown ? (row.original.statementMean === null ? '—' : decimal(row.original.statementMean)) : t('evaluation.hidden')),
		},
		{
			id: 'nps',
			header: t('evaluation.nps'),
			accessorFn: (row) => (row.shown ? (row.netPromoterScore ?? -101) : -102),
			sortDescFirst: true,
			cell: ({ row }) => (row.original.shown ? (row.original.netPromoterScore === null ? '—' : String(row.original.netPromoterScore)) : t('evaluation.hidden')),
		},
		{ id: 'vervolg', header: t('evaluation.followUpColumn'), accessorKey: 'followUpResponses', sortDescFirst: true },
		{
			id: 'respons-vervolg',
			header: t('evaluation.followUpRateColumn'),
			accessorFn: (row) => share(row.followUpRate),
			sortDescFirst: true,
			cell: ({ row }) => rateText(row.original.followUpRate),
		},
	]
	return (
		<div className="container page">
			<h1>{t('evaluation.overviewTitle')}</h1>
			<p className="lead">{t('evaluation.overviewIntro')}</p>
			<Form method="get" action={PATH} className="filter-bar">
				<label htmlFor="periode">{t('evaluation.period')}</label>{' '}
				<select id="periode" name="periode" defaultValue={period} key={period}>
					<option value="12">{t('evaluation.period12')}</option>
					<option value="alles">{t('evaluation.periodAll')}</option>
				</select>{' '}
				<button type="submit" className="button button--secondary">
					{t('evaluation.show')}
				</button>
			</Form>
			{fromMonth ? <p>{t('evaluation.since', { month: formatMonth(fromMonth, i18n.language) })}</p> : null}
			<DataTable name="evaluaties" caption={t('evaluation.overviewTitle')} columns={columns} rows={rows} empty={t('evaluation.empty')} initialSort={{ id: 'antwoorden', desc: true }} />
			{rows.length > 0 ? (
				<p>
					<a href={`${PATH}/lijst?periode=${period}`} download>
						{t('evaluation.overviewCsv')}
					</a>
				</p>
			) : null}
		</div>
	)
}
