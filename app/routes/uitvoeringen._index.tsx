import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requirePermission } from '../features/identity/guard.server.ts'
import { DataGrid, GridDay, GridSearch, GridSelect, type GridColumn } from '../components/data-grid.tsx'
import { i18next } from '../i18n/i18next.server.ts'
import { listUnitSessions } from '../features/sessions/list-unit-sessions.server.ts'
import { defaultSessionsFrom, SESSION_GRID_FILTERS, UNIT_SESSION_SORTS } from '../features/sessions/session-grid.server.ts'
import { ownUnitSession } from '../features/sessions/own-unit-session.ts'
import { formatDate, formatTimeRange } from '../utils/format.ts'
import { valueOrThrow } from '../core/http.server.ts'
import { readGridQuery } from '../core/grid-query.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownUnitSession)
	const grid = readGridQuery(request, { filters: SESSION_GRID_FILTERS, sorts: UNIT_SESSION_SORTS, fallback: { id: 'date', desc: false } })
	// Without a period asked for (no `van` at all; an empty one means "from the beginning") the list starts a week ago.
	const filters = new URL(request.url).searchParams.has('van') ? grid.filters : { ...grid.filters, van: defaultSessionsFrom(context.clock.now()) }
	const list = valueOrThrow(await listUnitSessions(context, { actor, filters, sort: grid.sort, page: grid.page }))
	const t = await i18next.getFixedT(request)
	return { ...list, filters, sort: grid.sort, title: `${t('navExtra.sessions')} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

type Row = ReturnType<typeof useLoaderData<typeof loader>>['rows'][number]

export default function UnitSessions() {
	const { rows, total, page, pages, trainers, filters, sort } = useLoaderData<typeof loader>()
	const [params] = useSearchParams()
	const plannedSeries = Number(params.get('gepland') ?? 0)
	const { t, i18n } = useTranslation()
	const language = i18n.language
	const columns: GridColumn<Row>[] = [
		{
			id: 'date',
			header: t('sessions.date'),
			sortable: true,
			cell: ({ row }) => `${formatDate(new Date(row.original.startsAt), language)}, ${formatTimeRange(new Date(row.original.startsAt), new Date(row.original.endsAt), language)}`,
		},
		{
			id: 'course',
			header: t('sessions.course'),
			sortable: true,
			cell: ({ row }) => <Link to={`/uitvoeringen/${row.original.id}`}>{row.original.courseTitle}</Link>,
		},
		{ id: 'place', header: t('sessions.place'), sortable: true, accessorFn: (row) => row.city ?? t('course.online') },
		{ id: 'trainers', header: t('sessions.trainers'), accessorFn: (row) => row.trainers ?? '' },
		{ id: 'capacity', header: t('sessions.capacity'), sortable: true, accessorFn: (row) => row.capacity },
		{ id: 'taken', header: t('sessions.taken'), sortable: true, accessorFn: (row) => row.taken },
		{ id: 'waiting', header: t('sessions.waiting'), sortable: true, accessorFn: (row) => row.waiting },
		{
			id: 'status',
			header: t('sessions.status'),
			sortable: true,
			accessorFn: (row) => t(row.status === 'planned' ? 'sessions.planned' : 'sessions.cancelled'),
			cell: ({ row }) => (
				<>
					{t(row.original.status === 'planned' ? 'sessions.planned' : 'sessions.cancelled')}
					{row.original.belowMinimum ? <span className="badge--warning">{t('sessions.belowMinimum', { minimum: row.original.minimumParticipants ?? 0 })}</span> : null}
				</>
			),
		},
	]
	return (
		<div className="container page">
			<h1>{t('navExtra.sessions')}</h1>
			<p className="lead">{t('sessions.intro')}</p>
			{plannedSeries > 1 ? (
				<p className="notice notice--success" role="status">
					{t('sessionPlan.seriesPlanned', { count: plannedSeries })}
				</p>
			) : null}
			<p>
				<Link className="button" to="/uitvoeringen/nieuw">
					{t('sessionPlan.newSession')}
				</Link>
				{' '}
				<Link to="/beheer/trainers">{t('sessionPlan.manageTrainers')}</Link>
				{' · '}
				<Link to="/beheer/zalen">{t('rooms.manage')}</Link>
			</p>
			<DataGrid
				name="uitvoeringen"
				caption={t('sessions.caption')}
				columns={columns}
				rows={rows}
				getRowId={(row) => row.id}
				sort={sort}
				page={page}
				pages={pages}
				count={t('sessions.count', { count: total })}
				empty={total === 0 && !filters.q && !filters.stand && !filters.trainer && !filters.tot ? t('sessions.empty') : t('sessions.emptyFiltered')}
				filters={
					<>
						<GridSearch label={t('sessions.search')} value={filters.q} />
						<GridSelect
							name="stand"
							label={t('sessions.status')}
							value={filters.stand}
							anyLabel={t('sessions.statusAny')}
							options={[
								{ value: 'planned', label: t('sessions.planned') },
								{ value: 'cancelled', label: t('sessions.cancelled') },
							]}
						/>
						<GridSelect name="trainer" label={t('sessions.trainers')} value={filters.trainer} anyLabel={t('sessions.trainerAny')} options={trainers.map((trainer) => ({ value: trainer.id, label: trainer.name }))} />
						<GridDay name="van" label={t('sessions.from')} value={filters.van} />
						<GridDay name="tot" label={t('sessions.to')} value={filters.tot} />
					</>
				}
			/>
		</div>
	)
}
