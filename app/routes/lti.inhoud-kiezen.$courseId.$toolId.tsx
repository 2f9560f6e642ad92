import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { ownData, requirePermission } from '../features/identity/guard.server.ts'
import { platformIssuer } from '../features/lti/platform.server.ts'
import { startDeepLinking } from '../features/lti/start-deep-linking.server.ts'
import { valueOrThrow } from '../core/http.server.ts'
import { idParam } from '../core/route-params.server.ts'

/**
 * A coordinator starts choosing content in a tool (Deep Linking), in a new window; a GET for the
 * same reason as a launch. Any signed-in person passes the guard; the service decides on the course
 * it loads (404 for a course their unit cannot see, 403 for one they may not change).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownData)
	const courseId = idParam(params, 'courseId', 'COURSE_NOT_FOUND')
	const toolId = idParam(params, 'toolId', 'TOOL_NOT_FOUND')
	const { location } = valueOrThrow(await startDeepLinking(context, { actor, courseId, toolId, issuer: platformIssuer(context) }))
	return redirect(location, { headers: { 'Cache-Control': 'no-store' } })
}

export default function StartDeepLinking() {
	return null
}
