import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requirePermission } from '../features/identity/guard.server.ts'
import { DataTable, type DataColumn } from '../components/data-table.tsx'
import { i18next } from '../i18n/i18next.server.ts'
import { listUnitSessions } from '../features/sessions/list-unit-sessions.server.ts'
import { ownUnitSession } from '../features/sessions/own-unit-session.ts'
import { formatDate, formatTimeRange } from '../utils/format.ts'
import { valueOrThrow } from '../core/http.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownUnitSession)
	const sessions = valueOrThrow(await listUnitSessions(context, { actor }))
	const t = await i18next.getFixedT(request)
	return { sessions, title: `${t('navExtra.sessions')} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

type Row = ReturnType<typeof useLoaderData<typeof loader>>['sessions'][number]

export default function UnitSessions() {
	const { sessions } = useLoaderData<typeof loader>()
	const [params] = useSearchParams()
	const plannedSeries = Number(params.get('gepland') ?? 0)
	const { t, i18n } = useTranslation()
	const language = i18n.language
	const columns: DataColumn<Row>[] = [
		{
			id: 'datum',
			header: t('sessions.date'),
			accessorFn: (row) => new Date(row.startsAt).getTime(),
			cell: ({ row }) => `${formatDate(new Date(row.original.startsAt), language)}, ${formatTimeRange(new Date(row.original.startsAt), new Date(row.original.endsAt), language)}`,
		},
		{
			id: 'opleiding',
			header: t('sessions.course'),
			accessorFn: (row) => row.courseTitle,
			cell: ({ row }) => <Link to={`/uitvoeringen/${row.original.id}`}>{row.original.courseTitle}</Link>,
		},
		{ id: 'plaats', header: t('sessions.place'), accessorFn: (row) => row.city ?? t('course.online') },
		{ id: 'capaciteit', header: t('sessions.capacity'), accessorFn: (row) => row.capacity },
		{ id: 'bezet', header: t('sessions.taken'), accessorFn: (row) => row.taken },
		{ id: 'wachtlijst', header: t('sessions.waiting'), accessorFn: (row) => row.waiting },
		{
			id: 'stand',
			header: t('sessions.status'),
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
			<DataTable name="uitvoeringen" caption={t('navExtra.sessions')} columns={columns} rows={sessions} empty={t('sessions.empty')} initialSort={{ id: 'datum', desc: false }} />
		</div>
	)
}
