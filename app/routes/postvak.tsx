import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ownData, requirePermission } from '../features/identity/guard.server.ts'
import { showOutbox } from '../features/notifications/show-outbox.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { formatDateTime } from '../utils/format.ts'
import { invariantResponse, valueOrThrow } from '../core/http.server.ts'

/** The demo's outbox: mails kept instead of sent, to the signed-in person's unit (row-level security); any of its people may look. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownData)
	invariantResponse(context.config.demoMode, 404, 'OUTBOX_DEMO_ONLY')
	const mails = valueOrThrow(await showOutbox(context, { actor }))
	const t = await i18next.getFixedT(request)
	return { mails, title: `${t('outbox.title')} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function Outbox() {
	const { mails } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	return (
		<div className="container page">
			<h1>{t('outbox.title')}</h1>
			<p className="lead">{t('outbox.intro')}</p>
			{mails.length === 0 ? (
				<p className="empty-state">{t('outbox.empty')}</p>
			) : (
				mails.map((mail) => (
					<article key={mail.id} className="panel" aria-label={mail.subject}>
						<h2>{mail.subject}</h2>
						<p>
							{t('outbox.to')}: {mail.toAddress} · {t('outbox.at')}: {formatDateTime(new Date(mail.createdAt), i18n.language)}
						</p>
						<pre className="mail-body">{mail.body}</pre>
					</article>
				))
			)}
		</div>
	)
}
