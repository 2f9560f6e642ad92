import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { isUuid } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { actorOf, requireSignedIn } from '../features/identity/guard.server.ts'
import type { ErrorCode } from '../core/error-codes.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { cancelSession } from '../features/sessions/cancel-session.server.ts'
import { runsSessions, showSessionAdmin } from '../features/sessions/show-session-admin.server.ts'
import { formatDate } from '../utils/format.ts'
import { invariantResponse } from '../core/http.server.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const signedIn = await requireSignedIn(request, context)
	invariantResponse(runsSessions(signedIn), 403, 'FORBIDDEN')
	invariantResponse(isUuid(params.sessionId), 404, 'SESSION_NOT_FOUND')
	const shown = await showSessionAdmin(context, signedIn, { sessionId: params.sessionId, now: new Date() })
	invariantResponse(shown, 404, 'SESSION_NOT_FOUND')
	invariantResponse(shown.session.status === 'planned', 409, 'SESSION_CANCELLED')
	const t = await i18next.getFixedT(request)
	return { session: shown.session, count: shown.participants.length + shown.waitlist.length, title: `${t('cancelSession.title')} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

const cancelSchema = z.object({ reason: z.string().trim().min(3, { error: 'CANCEL_REASON_REQUIRED' }).max(500, { error: 'CANCEL_REASON_REQUIRED' }) })

export async function action({ request, params, context }: ActionFunctionArgs) {
	const signedIn = await requireSignedIn(request, context)
	invariantResponse(runsSessions(signedIn), 403, 'FORBIDDEN')
	invariantResponse(isUuid(params.sessionId), 404, 'SESSION_NOT_FOUND')
	const form = await request.formData()
	const parsed = cancelSchema.safeParse({ reason: String(form.get('reason') ?? '') })
	if (!parsed.success) return data({ error: 'CANCEL_REASON_REQUIRED' as ErrorCode, reason: String(form.get('reason') ?? '') }, { status: 400 })
	const result = await cancelSession(context, { actor: actorOf(signedIn), sessionId: params.sessionId, reason: parsed.data.reason })
	invariantResponse(result.ok, result.ok ? 400 : (result.status ?? 400), result.ok ? 'SESSION_NOT_FOUND' : result.code)
	return redirect(`/uitvoeringen/${params.sessionId}`)
}

export default function CancelSession() {
	const { session, count } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t, i18n } = useTranslation()
	return (
		<div className="container page narrow">
			<h1>{t('cancelSession.title')}</h1>
			<p>{t('cancelSession.question', { title: session.courseTitle, date: formatDate(new Date(session.startsAt), i18n.language), count })}</p>
			<Form method="post" className="form-stack" noValidate>
				<div className={`field${actionData?.error ? ' field--invalid' : ''}`}>
					<label htmlFor="reden">{t('cancelSession.reason')}</label>
					{actionData?.error ? (
						<p className="field__error" id="reden-fout">
							{t(`errors.${actionData.error}`)}
						</p>
					) : null}
					<textarea id="reden" name="reason" rows={3} maxLength={500} required defaultValue={actionData?.reason ?? ''} aria-invalid={actionData?.error ? true : undefined} aria-describedby={actionData?.error ? 'reden-fout' : undefined} />
				</div>
				<div className="form-actions">
					<button type="submit" className="button">
						{t('cancelSession.confirm')}
					</button>
					<Link to={`/uitvoeringen/${session.id}`}>{t('cancelSession.back')}</Link>
				</div>
			</Form>
		</div>
	)
}
