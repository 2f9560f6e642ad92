import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { parseForm, readForm, requireIntent } from '../core/form.server.ts'
import { invariantResponse, safeRedirectPath, throwFailure, valueOrThrow } from '../core/http.server.ts'
import { getSignedIn } from '../features/identity/guard.server.ts'
import { requireWithinRateLimit } from '../features/identity/rate-limit.server.ts'
import { showSignInOptions } from '../features/identity/show-sign-in-options.server.ts'
import { signInAsPersona } from '../features/identity/sign-in-as-persona.server.ts'
import { i18next } from '../i18n/i18next.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
	// A public page: no guard. Whoever is signed in already goes where they wanted to go.
	const url = new URL(request.url)
	const redirectTo = safeRedirectPath(url.searchParams.get('terug'), '/catalogus')
	if (await getSignedIn(request, context)) throw redirect(redirectTo)
	const options = valueOrThrow(await showSignInOptions(context, { demoMode: context.config.demoMode }))
	const t = await i18next.getFixedT(request)
	return {
		...options,
		title: `${t('auth.title')} – ${t('app.name')}`,
		redirectTo,
		notice: url.searchParams.has('verlopen') ? 'expired' : url.searchParams.has('afgemeld') ? 'signedOut' : null,
	}
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

/** A persona's button: which persona, and where to go afterwards. Hidden fields, so a refusal is a page, not a field error. */
const personaSchema = z.object({ persona: z.string({ error: 'PERSONA_UNKNOWN' }), redirectTo: z.string().optional() })

export async function action({ request, context }: ActionFunctionArgs) {
	// A public page: no guard. Without demo mode the action does not exist, whatever the request says.
	invariantResponse(context.config.demoMode, 404, 'DEMO_MODE_OFF')
	await requireWithinRateLimit(context, 'signIn')
	const form = await readForm(request)
	requireIntent(form, ['persona'])
	const submission = parseForm(form, personaSchema)
	invariantResponse(submission.status === 'success', 400, 'PERSONA_UNKNOWN')
	const result = await signInAsPersona(context, { personaKey: submission.value.persona, userAgent: request.headers.get('User-Agent'), config: context.config })
	if (!result.ok) throwFailure(result)
	return redirect(safeRedirectPath(submission.value.redirectTo ?? null, '/catalogus'), { headers: { 'Set-Cookie': result.value.setCookie } })
}

export default function SignIn() {
	const { ssoUnits, personas, redirectTo, notice } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	return (
		<div className="container page narrow">
			<h1>{t('auth.title')}</h1>
			{notice ? (
				<p className="notice" role="status">
					{notice === 'expired' ? t('auth.expired') : t('auth.signedOut')}
				</p>
			) : null}
			<p className="lead">{t('auth.intro')}</p>
			<section aria-labelledby="sso" className="sso-units">
				<h2 id="sso">{t('auth.ssoTitle')}</h2>
				{ssoUnits.length > 0 ? (
					<>
						<p>{t('auth.ssoIntro')}</p>
						{/* Links, not forms: CSP form-action would stop a form's redirect to the provider. */}
						<ul className="sso-list">
							{ssoUnits.map((unit) => (
								<li key={unit.slug}>
									<a className="button" href={`/inloggen/sso/${unit.slug}?${new URLSearchParams({ terug: redirectTo })}`}>
										{t('auth.ssoSignInVia', { unit: unit.shortName })}
									</a>
								</li>
							))}
						</ul>
					</>
				) : (
					<p>{t('auth.ssoNone')}</p>
				)}
			</section>
			{personas.length > 0 ? (
				<section aria-labelledby="demo" className="demo-personas">
					<h2 id="demo">{t('auth.demoTitle')}</h2>
					<p>{t('auth.demoIntro')}</p>
					<ul className="persona-list">
						{personas.map((persona) => (
							<li key={persona.key}>
								<Form method="post">
									<input type="hidden" name="intent" value="persona" />
									<input type="hidden" name="persona" value={persona.key} />
									<input type="hidden" name="redirectTo" value={redirectTo} />
									<button type="submit" className="button">
										{t('auth.signInAs', { name: persona.name })}
									</button>
									<span className="persona-role">
										{t(`role.${persona.role as 'employee'}`)}
										{persona.unit ? `, ${persona.unit}` : null}
									</span>
								</Form>
							</li>
						))}
					</ul>
				</section>
			) : null}
		</div>
	)
}
