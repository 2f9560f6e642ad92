import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { safeRedirectPath, throwFailure } from '../core/http.server.ts'
import { isSlug } from '../core/route-params.server.ts'
import { requireWithinRateLimit } from '../features/identity/rate-limit.server.ts'
import { startSsoSignIn } from '../features/identity/start-sso-sign-in.server.ts'

/** Starts single sign-on at the unit's identity provider (ADR 008). A GET, so a plain link can start it. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
	// A public page: no guard, but a limit on attempts per client address.
	await requireWithinRateLimit(context, 'signIn')
	const url = new URL(request.url)
	const result = await startSsoSignIn(context, {
		// Anything that cannot be a unit's slug is a unit without single sign-on.
		unitSlug: isSlug(params.unit) ? params.unit : '',
		returnTo: safeRedirectPath(url.searchParams.get('terug'), '/catalogus'),
		config: context.config,
	})
	if (!result.ok) throwFailure(result)
	return redirect(result.value.location, { headers: { 'Set-Cookie': result.value.setCookie, 'Cache-Control': 'no-store' } })
}

/** A UI route, so a failure renders the error page. */
export default function StartSso() {
	return null
}
