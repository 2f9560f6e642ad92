import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { isUuid } from '@leerplein/domain'
import { requirePermission, requireSignedIn } from '../features/identity/guard.server.ts'
import { platformIssuer } from '../features/lti/platform.server.ts'
import { showOnlineParts } from '../features/lti/show-online-parts.server.ts'
import { startDeepLinking } from '../features/lti/start-deep-linking.server.ts'
import { invariantResponse } from '../core/http.server.ts'

/** A coordinator starts choosing content in a tool (Deep Linking), in a new window; a GET for the same reason as a launch. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const signedIn = await requireSignedIn(request, context)
	invariantResponse(isUuid(params.courseId) && isUuid(params.toolId), 404, 'COURSE_NOT_FOUND')
	const page = await showOnlineParts(context, { signedIn, courseId: params.courseId })
	invariantResponse(page, 404, 'COURSE_NOT_FOUND')
	await requirePermission(request, context, 'update', { kind: 'course', providerTenantId: page.course.providerTenantId })
	const result = await startDeepLinking(context, { signedIn, courseId: params.courseId, toolId: params.toolId, issuer: platformIssuer(context, request) })
	invariantResponse(result.ok, result.ok || result.code !== 'TOOL_WITHOUT_DEEP_LINKING' ? 404 : 400, result.ok ? 'TOOL_NOT_FOUND' : result.code)
	return redirect(result.value.location, { headers: { 'Cache-Control': 'no-store' } })
}

export default function StartDeepLinking() {
	return null
}
