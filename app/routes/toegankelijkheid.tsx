import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Trans, useTranslation } from 'react-i18next'
import { i18next } from '../i18n/i18next.server.ts'

/** The accessibility statement (public, the footer's link): the portal's address and where to write come from the configuration. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const t = await i18next.getFixedT(request)
	return { origin: context.config.publicOrigin, email: context.config.contactEmail, title: `${t('statements.accessibility.title')} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function AccessibilityStatement() {
	const { origin, email } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	return (
		<div className="container statement">
			<h1>{t('statements.accessibility.title')}</h1>
			<p>{t('statements.accessibility.intro', { origin })}</p>
			<h2>{t('statements.accessibility.statusTitle')}</h2>
			<p>{t('statements.accessibility.status')}</p>
			<h2>{t('statements.accessibility.measuresTitle')}</h2>
			<ul>
				<li>{t('statements.accessibility.measures1')}</li>
				<li>{t('statements.accessibility.measures2')}</li>
				<li>{t('statements.accessibility.measures3')}</li>
				<li>{t('statements.accessibility.measures4')}</li>
			</ul>
			<h2>{t('statements.accessibility.knownTitle')}</h2>
			<ul>
				<li>{t('statements.accessibility.known1')}</li>
				<li>{t('statements.accessibility.known2')}</li>
			</ul>
			<h2 id="contact">{t('statements.accessibility.contactTitle')}</h2>
			<p>
				<Trans i18nKey="statements.accessibility.contact" values={{ email }} components={{ mail: <a href={`mailto:${email}`}>{email}</a> }} />
			</p>
			<h2>{t('statements.accessibility.enforcementTitle')}</h2>
			<p>{t('statements.accessibility.enforcement')}</p>
			<h2>{t('statements.accessibility.dateTitle')}</h2>
			<p>{t('statements.accessibility.date')}</p>
		</div>
	)
}
