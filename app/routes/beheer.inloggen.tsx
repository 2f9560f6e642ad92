import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminList, AdminSection } from '../components/admin-list.tsx'
import { valueOrThrow } from '../core/http.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { CALLBACK_PATH } from '../features/identity/oidc.server.ts'
import { showSsoSettings } from '../features/identity/show-sso-settings.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { formatDateTime } from '../utils/format.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', { kind: 'sso_settings' })
	const units = valueOrThrow(await showSsoSettings(context, { actor, secretFromEnv: context.config.secretFromEnv }))
	const t = await i18next.getFixedT(request)
	return { units, redirectUri: `${context.config.publicOrigin}${CALLBACK_PATH}`, title: `${t('ssoSettings.title')} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function SsoSettings() {
	const { units, redirectUri } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	return (
		<div className="container page">
			<h1>{t('ssoSettings.title')}</h1>
			<p className="lead">{t('ssoSettings.intro')}</p>
			<AdminList
				id="onderdelen"
				heading={t('ssoSettings.unit')}
				columns={[t('ssoSettings.unit'), t('ssoSettings.issuer'), t('ssoSettings.clientId'), t('ssoSettings.secret'), t('ssoSettings.lastChanged')]}
				empty={units.length === 0}
				emptyText={t('ssoSettings.none')}
			>
				{units.map(({ unit, config }) => (
					<tr key={unit.slug}>
						<th scope="row">
							<Link to={`/beheer/inloggen/${unit.slug}`} aria-label={t('ssoSettings.open', { unit: unit.name })}>
								{unit.name}
							</Link>
						</th>
						{config ? (
							<>
								<td>
									<code>{config.issuer}</code>
								</td>
								<td>
									<code>{config.clientId}</code>
								</td>
								<td>{config.secretSet ? t('ssoSettings.secretSet', { name: config.clientSecretEnv }) : <strong>{t('ssoSettings.secretMissing', { name: config.clientSecretEnv })}</strong>}</td>
								<td>{formatDateTime(new Date(config.updatedAt), i18n.language)}</td>
							</>
						) : (
							<>
								<td>{t('ssoSettings.none')}</td>
								<td>–</td>
								<td>–</td>
								<td>–</td>
							</>
						)}
					</tr>
				))}
			</AdminList>
			<AdminSection id="registreren" heading={t('ssoSettings.registerTitle')}>
				<p>{t('ssoSettings.registerIntro')}</p>
				<p>
					<code>{redirectUri}</code>
				</p>
			</AdminSection>
		</div>
	)
}
