import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Trans, useTranslation } from 'react-i18next'
import { i18next } from '../i18n/i18next.server.ts'

/** The privacy statement (public, the footer's link): where to send a request and the data protection officer come from the configuration. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const t = await i18next.getFixedT(request)
	return { email: context.config.contactEmail, officerEmail: context.config.privacyOfficerEmail, title: `${t('statements.privacy.title')} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function PrivacyStatement() {
	const { email, officerEmail } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	return (
		<div className="container statement">
			<h1>{t('statements.privacy.title')}</h1>
			<p>{t('statements.privacy.intro')}</p>
			<h2>{t('statements.privacy.controllerTitle')}</h2>
			<p>{t('statements.privacy.controller')}</p>
			<h2>{t('statements.privacy.dataTitle')}</h2>
			<ul>
				<li>{t('statements.privacy.data1')}</li>
				<li>{t('statements.privacy.data2')}</li>
				<li>{t('statements.privacy.data3')}</li>
				<li>{t('statements.privacy.data4')}</li>
				<li>{t('statements.privacy.data5')}</li>
			</ul>
			<h2>{t('statements.privacy.purposeTitle')}</h2>
			<p>{t('statements.privacy.purpose')}</p>
			<h2>{t('statements.privacy.retentionTitle')}</h2>
			<p>{t('statements.privacy.retention')}</p>
			<h2>{t('statements.privacy.sharingTitle')}</h2>
			<p>{t('statements.privacy.sharing')}</p>
			<h2>{t('statements.privacy.rightsTitle')}</h2>
			<p>
				<Trans i18nKey="statements.privacy.rights" values={{ email }} components={{ mail: <a href={`mailto:${email}`}>{email}</a> }} />
			</p>
			<h2>{t('statements.privacy.officerTitle')}</h2>
			<p>
				<Trans i18nKey="statements.privacy.officer" values={{ email: officerEmail }} components={{ mail: <a href={`mailto:${officerEmail}`}>{officerEmail}</a> }} />
			</p>
		</div>
	)
}
