import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { isUuid } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { actorOf, requireSignedIn } from '../features/identity/guard.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { cancelEnrolment } from '../features/enrolment/cancel-enrolment.server.ts'
import { showEnrolment } from '../features/enrolment/show-enrolment.server.ts'
import { formatDate } from '../utils/format.ts'
import { invariantResponse } from '../core/http.server.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const signedIn = await requireSignedIn(request, context)
	invariantResponse(isUuid(params.enrolmentId), 404, 'ENROLMENT_NOT_FOUND')
	const shown = await showEnrolment(context, signedIn, { enrolmentId: params.enrolmentId, now: new Date() })
	invariantResponse(shown?.enrolment.own, 404, 'ENROLMENT_NOT_FOUND')
	const t = await i18next.getFixedT(request)
	return { ...shown, title: `${t('cancelEnrolment.title')} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export async function action({ request, params, context }: ActionFunctionArgs) {
	const signedIn = await requireSignedIn(request, context)
	invariantResponse(isUuid(params.enrolmentId), 404, 'ENROLMENT_NOT_FOUND')
	const result = await cancelEnrolment(context, { actor: actorOf(signedIn), enrolmentId: params.enrolmentId, now: new Date() })
	invariantResponse(result.ok, result.ok ? 400 : (result.status ?? 400), result.ok ? 'ENROLMENT_NOT_FOUND' : result.code)
	return redirect('/mijn-leren?geannuleerd=1')
}

export default function CancelEnrolment() {
	const { session, terms, freeCancellationDays } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	return (
		<div className="container page narrow">
			<h1>{t('cancelEnrolment.title')}</h1>
			<p>{t('cancelEnrolment.question', { title: session.courseTitle, date: formatDate(new Date(session.startsAt), i18n.language) })}</p>
			<p className="notice">{terms.free ? t('cancelEnrolment.free') : t('cancelEnrolment.charged', { days: freeCancellationDays })}</p>
			<Form method="post" className="form-actions">
				<button type="submit" className="button">
					{t('cancelEnrolment.confirm')}
				</button>
				<Link to="/mijn-leren">{t('cancelEnrolment.back')}</Link>
			</Form>
		</div>
	)
}
