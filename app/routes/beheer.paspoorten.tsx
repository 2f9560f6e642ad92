import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { isUuid } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { GridFilter } from '../components/data-grid.tsx'
import { ScrollRegion } from '../components/scroll-region.tsx'
import { valueOrThrow } from '../core/http.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { PassportDot } from '../features/passport/passport-dot.tsx'
import { showPassportOverview } from '../features/passport/passport-matrix.server.ts'
import { i18next } from '../i18n/i18next.server.ts'

type Counts = { red: number; orange: number; green: number }

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', { kind: 'passport_overview' })
	const asked = new URL(request.url).searchParams.get('eenheid')
	const overview = valueOrThrow(await showPassportOverview(context, { actor, unitId: asked && isUuid(asked) ? asked : null }))
	const t = await i18next.getFixedT(request)
	return { ...overview, title: `${t('passportOverview.title')} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

const COLOURS = ['red', 'orange', 'green'] as const

/** The share of required dots that are valid (green or orange), rounded down: "in order" is never flattered. */
const inOrder = ({ red, orange, green }: Counts) => (red + orange + green === 0 ? 100 : Math.floor(((orange + green) * 100) / (red + orange + green)))

export default function PassportOverview() {
	const { units, competencies, unitId } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	const header = (first: string) => (
		<tr>
			<th scope="col">{first}</th>
			{COLOURS.map((colour) => (
				<th scope="col" key={colour}>
					<PassportDot status={colour} />
				</th>
			))}
			<th scope="col">{t('passportOverview.compliance')}</th>
		</tr>
	)
	const counts = (row: Counts) => (
		<>
			{COLOURS.map((colour) => (
				<td key={colour}>{row[colour]}</td>
			))}
			<td>{t('passportOverview.compliancePercent', { percent: inOrder(row) })}</td>
		</>
	)
	return (
		<div className="container page">
			<h1>{t('passportOverview.title')}</h1>
			<p className="lead">{t('passportOverview.intro')}</p>
			{units.length === 0 ? (
				<p className="empty-state">{t('passportOverview.empty')}</p>
			) : (
				<>
					<section aria-labelledby="overview-units-title">
						<h2 id="overview-units-title">{t('passportOverview.caption')}</h2>
						<ScrollRegion labelledBy="overview-units-title">
							<table className="sessions">
								<thead>{header(t('passportOverview.unit'))}</thead>
								<tbody>
									{units.map((unit) => (
										<tr key={unit.id}>
											<th scope="row">
												{unit.name} <span className="hint">({t('passportOverview.people', { count: unit.people })})</span>
											</th>
											{counts(unit)}
										</tr>
									))}
								</tbody>
							</table>
						</ScrollRegion>
					</section>
					<section aria-labelledby="overview-competencies-title">
						<h2 id="overview-competencies-title">{t('passportMatrix.countsTitle')}</h2>
						<Form method="get" className="grid-filters" aria-label={t('passportMatrix.countsTitle')}>
							<div className="grid-filters__fields">
								<GridFilter id="filter-eenheid" label={t('passportOverview.unit')}>
									<select id="filter-eenheid" name="eenheid" defaultValue={unitId ?? ''}>
										<option value="">{t('passportOverview.allUnits')}</option>
										{units.map((unit) => (
											<option key={unit.id} value={unit.id}>
												{unit.name}
											</option>
										))}
									</select>
								</GridFilter>
							</div>
							<div className="grid-filters__actions">
								<button type="submit" className="button">
									{t('grid.apply')}
								</button>
							</div>
						</Form>
						<ScrollRegion labelledBy="overview-competencies-title">
							<table className="sessions">
								<thead>{header(t('passportMatrix.competency'))}</thead>
								<tbody>
									{competencies.map((competency) => (
										<tr key={competency.id}>
											<th scope="row">{competency.name}</th>
											{counts(competency)}
										</tr>
									))}
								</tbody>
							</table>
						</ScrollRegion>
					</section>
				</>
			)}
		</div>
	)
}
