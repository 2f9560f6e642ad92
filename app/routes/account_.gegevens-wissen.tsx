import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { readForm, requireIntent } from '../core/form.server.ts'
import { throwFailure, valueOrThrow } from '../core/http.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { requestErasure } from '../features/privacy/request-erasure.server.ts'
import { showOwnErasure } from '../features/privacy/show-own-erasure.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { formatDate } from '../utils/format.ts'

// A person asks the privacy officer to erase their data (GDPR art. 17; ADR 054). The page itself
// is the confirmation: it says what erasure means before the one button that asks for it.

const ownRequest = (actor: { userId: string }) => ({ kind: 'erasure_request', personId: actor.userId }) as const

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownRequest)
	const open = valueOrThrow(await showOwnErasure(context, { actor }))
	const t = await i18next.getFixedT(request)
	return { title: `${t('privacy.eraseOwnTitle')} – ${t('app.name')}`, requestedAt: open?.requestedAt ?? null }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export async function action({ request, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'create', ownRequest)
	requireIntent(await readForm(request), ['request'])
	const made = await requestErasure(context, { actor, subject: { self: true } })
	if (!made.ok) throwFailure(made)
	return redirect('/account/gegevens-wissen', 303)
}

export default function EraseOwnData() {
	const { requestedAt } = useLoaderData<typeof loader>()
	const navigation = useNavigation()
	const { t, i18n } = useTranslation()
	return (
		<div className="container page">
			<h1>{t('privacy.eraseOwnTitle')}</h1>
			{requestedAt ? (
				<p className="notice" role="status">
					{t('privacy.eraseOwnRequested', { date: formatDate(new Date(requestedAt), i18n.language) })}
				</p>
			) : (
				<>
					<p>{t('privacy.eraseOwnIntro')}</p>
					<Form method="post">
						<input type="hidden" name="intent" value="request" />
						<button type="submit" className="button" disabled={navigation.state === 'submitting'}>
							{t('privacy.eraseOwnConfirm')}
						</button>
					</Form>
				</>
			)}
			<p>
				<Link to="/account">{t('privacy.eraseOwnCancel')}</Link>
			</p>
		</div>
	)
}
