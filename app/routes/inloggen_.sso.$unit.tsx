import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { requireWithinRateLimit } from '../features/identity/rate-limit.server.ts'
import { startSsoSignIn } from '../features/identity/start-sso-sign-in.server.ts'
import { invariantResponse, safeRedirectPath } from '../core/http.server.ts'

/** Starts single sign-on at the unit's identity provider (ADR 008). A GET, so a plain link can start it. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
	await requireWithinRateLimit(context, 'signIn')
	const url = new URL(request.url)
	const result = await startSsoSignIn(context, {
		unitSlug: params.unit ?? '',
		returnTo: safeRedirectPath(url.searchParams.get('terug'), '/catalogus'),
		requestOrigin: url.origin,
	})
	invariantResponse(result.ok, result.ok || result.code === 'SSO_NOT_CONFIGURED' ? 404 : 502, result.ok ? 'SSO_NOT_CONFIGURED' : result.code)
	return redirect(result.value.location, { headers: { 'Set-Cookie': result.value.setCookie, 'Cache-Control': 'no-store' } })
}

/** A UI route, so a failure renders the error page. */
export default function StartSso() {
	return null
}
