import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { requireWithinRateLimit } from '../features/identity/rate-limit.server.ts'
import { blankAttemptCookie } from '../features/identity/oidc.server.ts'
import { finishSsoSignIn, type FinishSsoFailure } from '../features/identity/finish-sso-sign-in.server.ts'
import { invariantResponse, type ErrorStatus } from '../core/http.server.ts'

const STATUS: Record<FinishSsoFailure, ErrorStatus> = {
	SSO_ATTEMPT_INVALID: 400,
	SSO_ATTEMPT_EXPIRED: 400,
	SSO_STATE_MISMATCH: 400,
	SSO_PROVIDER_ERROR: 400,
	SSO_TOKEN_REJECTED: 400,
	SSO_PROVIDER_UNAVAILABLE: 502,
	SSO_NO_EMPLOYEE_NUMBER: 403,
	SSO_NO_ACCOUNT: 403,
	SSO_MFA_REQUIRED: 403,
}

/**
 * Where the identity provider sends the browser back (ADR 008). A GET: the provider redirects
 * with a top-level navigation, so the same-origin check for state changes does not apply; the
 * attempt cookie, the state and the single-use attempt do that work here.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
	await requireWithinRateLimit(context, 'signIn')
	const result = await finishSsoSignIn(context, { request, userAgent: request.headers.get('User-Agent') })
	// The attempt is used up either way. A failure leaves any earlier session cookie alone.
	const headers = new Headers({ 'Set-Cookie': blankAttemptCookie({ secure: context.config.secureCookies }), 'Cache-Control': 'no-store' })
	invariantResponse(result.ok, result.ok ? 400 : STATUS[result.code], result.ok ? 'SSO_ATTEMPT_INVALID' : result.code, headers)
	headers.append('Set-Cookie', result.value.setCookie)
	return redirect(result.value.redirectTo, { headers })
}

/** A UI route, so a failure renders the error page. */
export default function FinishSso() {
	return null
}
