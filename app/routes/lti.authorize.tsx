import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ownData, requirePermission } from '../features/identity/guard.server.ts'
import { useNonce } from '../components/nonce.tsx'
import { platformIssuer } from '../features/lti/platform.server.ts'
import { cspHeader } from '../server/security.ts'
import { authorizeLtiLaunch } from '../features/lti/authorize-lti-launch.server.ts'
import { throwFailure } from '../core/http.server.ts'

/**
 * The OIDC authorization endpoint of LTI launches (the tool redirects the browser here). It answers
 * for the signed-in person only (someone signed out signs in first and comes back). On success the
 * page posts the signed id_token to the tool's registered redirect URI: by a script allowed through
 * the CSP nonce, or by the button without JavaScript.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor, person } = await requirePermission(request, context, 'read', ownData)
	const params = Object.fromEntries(new URL(request.url).searchParams)
	const result = await authorizeLtiLaunch(context, { actor, person: { name: person.name, email: person.email }, params, issuer: platformIssuer(context) })
	if (!result.ok) throwFailure(result, { 'Cache-Control': 'no-store' })
	const production = process.env.NODE_ENV === 'production'
	return data(result.value, {
		headers: {
			'Cache-Control': 'no-store',
			'Referrer-Policy': 'no-referrer',
			'Content-Security-Policy': cspHeader({ nonce: context.cspNonce, production, formActionOrigins: [new URL(result.value.redirectUri).origin] }),
		},
	})
}

export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) => errorHeaders ?? loaderHeaders

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.toolName} – Leerplein` : 'Leerplein' }]

export default function LtiAuthorize() {
	const { redirectUri, idToken, state, toolName } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	const nonce = useNonce()
	return (
		<div className="container page">
			<h1>{t('lti.launch.title', { tool: toolName })}</h1>
			<form id="lti-launch" method="post" action={redirectUri}>
				<input type="hidden" name="id_token" value={idToken} />
				<input type="hidden" name="state" value={state} />
				<p>{t('lti.launch.explanation', { tool: toolName })}</p>
				<button type="submit" className="button">
					{t('lti.launch.continue', { tool: toolName })}
				</button>
			</form>
			<script nonce={nonce} dangerouslySetInnerHTML={{ __html: "document.getElementById('lti-launch').submit()" }} />
		</div>
	)
}
