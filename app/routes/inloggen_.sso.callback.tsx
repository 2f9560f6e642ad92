import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { safeRedirectPath, throwFailure } from '../core/http.server.ts'
import { finishSsoSignIn } from '../features/identity/finish-sso-sign-in.server.ts'
import { blankAttemptCookie, readAttemptToken } from '../features/identity/oidc.server.ts'
import { requireWithinRateLimit } from '../features/identity/rate-limit.server.ts'

/**
 * Where the identity provider sends the browser back (ADR 008). A GET: the provider redirects
 * with a top-level navigation, so the same-origin check for state changes does not apply; the
 * attempt cookie, the state and the single-use attempt do that work here. The answer's query goes
 * whole to openid-client, which checks it (state, code, iss).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
	// A public page: no guard, but a limit on attempts per client address.
	await requireWithinRateLimit(context, 'signIn')
	const result = await finishSsoSignIn(context, {
		attemptToken: readAttemptToken(request, { secure: context.config.secureCookies }),
		callbackParams: new URL(request.url).searchParams,
		userAgent: request.headers.get('User-Agent'),
		config: context.config,
	})
	// The attempt is used up either way. A failure leaves any earlier session cookie alone.
	const headers = new Headers({ 'Set-Cookie': blankAttemptCookie({ secure: context.config.secureCookies }), 'Cache-Control': 'no-store' })
	if (!result.ok) throwFailure(result, headers)
	headers.append('Set-Cookie', result.value.setCookie)
	// Checked when the attempt was stored, and again here: an attempt stored before a stricter check.
	return redirect(safeRedirectPath(result.value.redirectTo, '/catalogus'), { headers })
}

/** A UI route, so a failure renders the error page. */
export default function FinishSso() {
	return null
}
