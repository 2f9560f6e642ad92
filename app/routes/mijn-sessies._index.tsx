import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ownData, requirePermission } from '../features/identity/guard.server.ts'
import { showMySessions } from '../features/sessions/show-my-sessions.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { formatDate } from '../utils/format.ts'
import { valueOrThrow } from '../core/http.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownData)
	const shown = valueOrThrow(await showMySessions(context, { actor }))
	const t = await i18next.getFixedT(request)
	return { ...shown, title: `${t('mySessions.title')} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

type Session = ReturnType<typeof useLoaderData<typeof loader>>['upcoming'][number]

export default function MySessions() {
	const { upcoming, recent } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	return (
		<div className="container page">
			<h1>{t('mySessions.title')}</h1>
			<p>{t('mySessions.intro')}</p>
			<h2 id="komend">{t('mySessions.upcoming')}</h2>
			<SessionList sessions={upcoming} labelledBy="komend" empty={t('mySessions.emptyUpcoming')} />
			<h2 id="recent">{t('mySessions.recent')}</h2>
			<SessionList sessions={recent} labelledBy="recent" empty={t('mySessions.emptyRecent')} />
		</div>
	)
}

function SessionList({ sessions, labelledBy, empty }: { sessions: Session[]; labelledBy: string; empty: string }) {
	const { t, i18n } = useTranslation()
	if (sessions.length === 0) return <p>{empty}</p>
	return (
		<ul className="session-cards" aria-labelledby={labelledBy}>
			{sessions.map((session) => (
				<li key={session.id} className="session-card">
					<Link to={`/mijn-sessies/${session.id}`} className="session-card__link">
						{session.courseTitle}
					</Link>
					<p>
						{t('mySessions.summary', { date: formatDate(new Date(session.startsAt), i18n.language), meetings: session.meetings, participants: session.participants })}
						{session.city ? ` · ${session.city}` : ''}
						{session.status === 'cancelled' ? ` · ${t('mySessions.cancelled')}` : ''}
					</p>
				</li>
			))}
		</ul>
	)
}
