import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import { isUuid, type Actor, type Resource } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { DataGrid, GridSearch, type GridColumn } from '../components/data-grid.tsx'
import { ScrollRegion } from '../components/scroll-region.tsx'
import { readGridQuery } from '../core/grid-query.server.ts'
import { invariantResponse, valueOrThrow } from '../core/http.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { PassportDot } from '../features/passport/passport-dot.tsx'
import { showTeam, TEAM_FILTERS, TEAM_SORTS } from '../features/team/show-team.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { formatDate, formatPrice } from '../utils/format.ts'

/** The manager's own team in their own unit; who is in it, the service's query decides. */
const ownTeam = (actor: Actor): Resource => ({ kind: 'team_overview', tenantId: actor.tenantId })

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownTeam)
	const grid = readGridQuery(request, { filters: TEAM_FILTERS, sorts: TEAM_SORTS, fallback: { id: 'name', desc: false } })
	// `?medewerker=` opens one person's list: no UUID names nobody of the team, the page's 404 before any query.
	const memberId = new URL(request.url).searchParams.get('medewerker')
	invariantResponse(memberId === null || isUuid(memberId), 404, 'TEAM_MEMBER_NOT_FOUND')
	const team = valueOrThrow(await showTeam(context, { actor, filters: grid.filters, sort: grid.sort, page: grid.page, memberId }))
	const t = await i18next.getFixedT(request)
	const title = team.member ? t('team.memberTitle', { name: team.member.name }) : t('team.title')
	return { ...team, filters: grid.filters, sort: grid.sort, title: `${title} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>
type Row = LoaderData['rows'][number]

const GROUPS = ['upcoming', 'waiting', 'completed', 'cancelled'] as const
const COLOURS = ['red', 'orange', 'green'] as const

export default function MyTeam() {
	const { rows, total, page, pages, teamSize, budget, passport, member, filters, sort } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const language = i18n.language
	const location = useLocation()
	// A person's list keeps the grid as it was (filter, sort, page); closing it drops only the person.
	const withMember = (id: string | null) => {
		const params = new URLSearchParams(location.search)
		if (id === null) params.delete('medewerker')
		else params.set('medewerker', id)
		const query = params.toString()
		return `${location.pathname}${query ? `?${query}` : ''}${id ? '#medewerker' : ''}`
	}
	const columns: GridColumn<Row>[] = [
		{
			id: 'name',
			header: t('team.name'),
			sortable: true,
			cell: ({ row }) => (
				<Link to={withMember(row.original.id)} aria-label={t('team.open', { name: row.original.name })} aria-current={member?.id === row.original.id ? 'true' : undefined}>
					{row.original.name}
				</Link>
			),
		},
		...GROUPS.map((group): GridColumn<Row> => ({ id: group, header: t(`team.${group}`), sortable: true, accessorFn: (row) => String(row[group]) })),
	]
	return (
		<div className="container page">
			<h1>{t('team.title')}</h1>
			<p className="lead">{t('team.intro')}</p>

			{teamSize === 0 ? (
				<p className="empty-state">{t('team.empty')}</p>
			) : (
				<>
					<section aria-labelledby="team-budget-title">
						<h2 id="team-budget-title">{t('team.budgetTitle', { year: budget.year })}</h2>
						<p>{t('team.budgetIntro', { count: budget.people })}</p>
						<dl className="facts">
							<div>
								<dt>{t('team.budgetTotal')}</dt>
								<dd>{formatPrice(budget.totalCents, language)}</dd>
							</div>
							<div>
								<dt>{t('team.budgetCommitted')}</dt>
								<dd>{formatPrice(budget.committedCents, language)}</dd>
							</div>
							<div>
								<dt>{t('team.budgetRemaining')}</dt>
								<dd>{budget.remainingCents < 0 ? t('team.budgetOver', { amount: formatPrice(-budget.remainingCents, language) }) : formatPrice(budget.remainingCents, language)}</dd>
							</div>
						</dl>
					</section>

					{passport ? (
						<section aria-labelledby="team-passport-title">
							<h2 id="team-passport-title">{t('team.passportTitle')}</h2>
							{passport.red + passport.orange + passport.green === 0 ? (
								<p>{t('team.passportNone')}</p>
							) : (
								<>
									<p>{t('team.passportSummary')}</p>
									<ul className="plain-list">
										{COLOURS.map((colour) => (
											<li key={colour}>
												<PassportDot status={colour} /> {passport[colour]}
											</li>
										))}
									</ul>
								</>
							)}
							<p>
								<Link to="/paspoorten?wie=team">{t('team.passportLink')}</Link>
							</p>
						</section>
					) : null}

					<section aria-labelledby="team-people-title">
						<h2 id="team-people-title">{t('team.caption')}</h2>
						<p className="hint">{t('team.legend')}</p>
						<DataGrid
							name="team"
							caption={t('team.caption')}
							columns={columns}
							rows={rows}
							getRowId={(row) => row.id}
							sort={sort}
							page={page}
							pages={pages}
							count={t('team.count', { count: total })}
							empty={t('team.emptyFiltered')}
							filters={
								<>
									{member ? <input type="hidden" name="medewerker" value={member.id} /> : null}
									<GridSearch label={t('team.search')} value={filters.q} />
								</>
							}
						/>
					</section>

					{member ? (
						<section aria-labelledby="medewerker-title" id="medewerker">
							<h2 id="medewerker-title">{t('team.memberTitle', { name: member.name })}</h2>
							{member.learning.length === 0 ? (
								<p className="empty-state">{t('team.memberEmpty', { name: member.name })}</p>
							) : (
								<ScrollRegion labelledBy="medewerker-title">
									<table className="sessions">
										<caption className="visually-hidden">{t('team.memberCaption', { name: member.name })}</caption>
										<thead>
											<tr>
												<th scope="col">{t('team.course')}</th>
												<th scope="col">{t('team.date')}</th>
												<th scope="col">{t('team.kind')}</th>
												<th scope="col">{t('team.status')}</th>
											</tr>
										</thead>
										<tbody>
											{member.learning.map((row) => (
												<tr key={row.enrolmentId}>
													<th scope="row">{row.courseTitle}</th>
													<td>{formatDate(new Date(row.startsAt), language)}</td>
													<td>{t(`team.group_${row.group}`)}</td>
													<td>{t(`enrolmentStatus.${row.status}`)}</td>
												</tr>
											))}
										</tbody>
									</table>
								</ScrollRegion>
							)}
							<p>
								<Link to={withMember(null)}>{t('team.memberClose')}</Link>
							</p>
						</section>
					) : null}
				</>
			)}
		</div>
	)
}
