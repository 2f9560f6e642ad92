import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ScrollRegion } from '../components/scroll-region.tsx'
import { valueOrThrow } from '../core/http.server.ts'
import { ownData, requirePermission } from '../features/identity/guard.server.ts'
import { showAccount } from '../features/identity/show-account.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { formatDateTime } from '../utils/format.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor, sessionId } = await requirePermission(request, context, 'read', ownData)
	const account = valueOrThrow(await showAccount(context, { actor, sessionId }))
	const t = await i18next.getFixedT(request)
	return { ...account, title: `${t('account.title')} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function Account() {
	const account = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const when = (date: string | Date) => formatDateTime(new Date(date), i18n.language)
	return (
		<div className="container page">
			<h1>{t('account.title')}</h1>
			<dl className="facts facts--wide">
				<div>
					<dt>{t('account.unit')}</dt>
					<dd>{account.unit}</dd>
				</div>
				<div>
					<dt>{t('account.roles')}</dt>
					<dd>
						<ul className="plain-list">
							{account.grants.map((grant) => (
								<li key={`${grant.role}-${grant.slug}`}>
									{t(`role.${grant.role}`)}
									{grant.unit ? ` (${grant.unit})` : null}
									{grant.role === 'coordinator' && grant.slug ? (
										<>
											{' · '}
											<Link to={`/onderdelen/${grant.slug}/regels`}>{t('account.unitRules', { unit: grant.unit })}</Link>
										</>
									) : null}
								</li>
							))}
						</ul>
					</dd>
				</div>
			</dl>
			<section aria-labelledby="sessies">
				<h2 id="sessies">{t('account.sessions')}</h2>
				<p>{t('account.sessionsIntro')}</p>
				<ScrollRegion labelledBy="sessies">
					<table className="sessions">
						<thead>
							<tr>
								<th scope="col">{t('account.started')}</th>
								<th scope="col">{t('account.expires')}</th>
								<th scope="col">{t('account.device')}</th>
								<th scope="col">{t('account.address')}</th>
							</tr>
						</thead>
						<tbody>
							{account.sessions.map((session, index) => (
								<tr key={index}>
									<td>
										{when(session.createdAt)}
										{session.current ? <strong> ({t('account.thisSession')})</strong> : null}
									</td>
									<td>{when(session.absoluteExpiresAt)}</td>
									<td>{session.userAgent ?? '–'}</td>
									<td>{session.ipAddress ?? '–'}</td>
								</tr>
							))}
						</tbody>
					</table>
				</ScrollRegion>
				<Form method="post" action="/uitloggen">
					<input type="hidden" name="intent" value="everywhere" />
					<button type="submit" className="button button--secondary">
						{t('account.signOutEverywhere')}
					</button>
				</Form>
			</section>
			<section aria-labelledby="gegevens">
				<h2 id="gegevens">{t('privacy.ownDataHeading')}</h2>
				<p>{t('privacy.ownDataIntro')}</p>
				<p>
					{/* A file, not a page: the browser downloads it without leaving the account page. */}
					<a href="/account/mijn-gegevens" download>
						{t('privacy.ownDataLink')}
					</a>
				</p>
				<p>
					<Link to="/account/gegevens-wissen">{t('privacy.eraseOwnLink')}</Link>
				</p>
			</section>
		</div>
	)
}
