import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { ownData, requirePermission } from '../features/identity/guard.server.ts'
import { platformIssuer } from '../features/lti/platform.server.ts'
import { startLtiLaunch } from '../features/lti/start-lti-launch.server.ts'
import { valueOrThrow } from '../core/http.server.ts'
import { idParam } from '../core/route-params.server.ts'

/**
 * Opens an online part: a link from the course page (in a new window) lands here and the browser
 * goes on to the tool's login. A GET, like starting single sign-on: a form post would be stopped
 * by the CSP's form-action when it redirects to the tool, and a forged link only opens the part
 * for the person who clicks it. The service decides with can() whether the part is theirs to open.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownData)
	const resourceLinkId = idParam(params, 'resourceLinkId', 'ONLINE_PART_NOT_FOUND')
	const { location } = valueOrThrow(await startLtiLaunch(context, { actor, resourceLinkId, issuer: platformIssuer(context) }))
	return redirect(location, { headers: { 'Cache-Control': 'no-store' } })
}

/** A UI route, so a refusal renders the Dutch error page. */
export default function StartLaunch() {
	return null
}
