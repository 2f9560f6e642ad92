import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import type { PassportColour } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { valueOrThrow } from '../core/http.server.ts'
import { ownData, requirePermission } from '../features/identity/guard.server.ts'
import { listMyCertificates } from '../features/passport/list-certificates.server.ts'
import { MyCertificates } from '../features/passport/my-certificates.tsx'
import { PassportDots, PassportHistory, PassportTodo } from '../features/passport/passport-view.tsx'
import { showMyPassport } from '../features/passport/show-passport.server.ts'
import { i18next } from '../i18n/i18next.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownData)
	const passport = valueOrThrow(await showMyPassport(context, { actor }))
	const certificates = valueOrThrow(await listMyCertificates(context, { actor }))
	const t = await i18next.getFixedT(request)
	return { ...passport, certificates, certificateSent: new URL(request.url).searchParams.has('ingestuurd'), title: `${t('passport.title')} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function MyPassport() {
	const { dots, history, evidenceStatements, erasedEvidenceIds, certificates, certificateSent } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	const count = (status: PassportColour) => dots.filter((dot) => dot.status === status).length

	return (
		<div className="container page">
			<h1>{t('passport.title')}</h1>
			<p className="lead">{t('passport.intro')}</p>
			{dots.length === 0 ? (
				<p className="empty-state">{t('passport.empty')}</p>
			) : (
				<>
					<p role="status">{t('passport.summary', { green: count('green'), orange: count('orange'), red: count('red') })}</p>
					<PassportDots dots={dots} label={t('passport.title')} reader="self" />
				</>
			)}

			<PassportTodo dots={dots} />

			<MyCertificates certificates={certificates} sent={certificateSent} />

			<PassportHistory history={history} reader="self" statements={evidenceStatements} erasedEvidenceIds={erasedEvidenceIds} />
		</div>
	)
}
