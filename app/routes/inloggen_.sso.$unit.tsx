import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { safeRedirectPath, throwFailure } from '../core/http.server.ts'
import { requireWithinRateLimit } from '../features/identity/rate-limit.server.ts'
import { startSsoSignIn } from '../features/identity/start-sso-sign-in.server.ts'

/** A unit's slug as it appears in a link on the sign-in page. */
const unitSlug = z.string().regex(/^[a-z0-9-]{1,64}$/)

/** Starts single sign-on at the unit's identity provider (ADR 008). A GET, so a plain link can start it. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
	// A public page: no guard, but a limit on attempts per client address.
	await requireWithinRateLimit(context, 'signIn')
	const url = new URL(request.url)
	const slug = unitSlug.safeParse(params.unit)
	const result = await startSsoSignIn(context, {
		// Anything that cannot be a unit's slug is a unit without single sign-on.
		unitSlug: slug.success ? slug.data : '',
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
