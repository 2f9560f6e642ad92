import type { LoaderFunctionArgs } from '@remix-run/node'
import { LTI_SCOPES } from '@leerplein/domain'
import { linkHeader, MEDIA_TYPE, pageParams, resultJson } from '../features/lti/protocol.server.ts'
import { agsLineItemUrl } from '../features/lti/platform.server.ts'
import { requireToolAccess } from '../features/lti/service-auth.server.ts'
import { refusedToolCall } from '../features/lti/tool-answers.server.ts'
import { listLtiResults } from '../features/lti/list-lti-results.server.ts'

/** AGS results of a line item (optionally `user_id`), paged with Link. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const actor = await requireToolAccess(request, context, { courseId: params.courseId, anyOf: [LTI_SCOPES.resultReadOnly] })
	const url = new URL(request.url)
	const { page, pageSize } = pageParams(url, { defaultSize: 100, maxSize: 1000 })
	const lineItemId = params.lineItemId ?? ''
	const found = await listLtiResults(context, { actor, lineItemId, userId: url.searchParams.get('user_id'), page, pageSize })
	if (!found.ok) return refusedToolCall(context, { action: 'lti.ags', tool: actor.tool, failure: found })
	const itemUrl = agsLineItemUrl(actor.issuer, actor.courseId, lineItemId)
	return Response.json(
		found.value.results.map((result) =>
			resultJson({ userId: result.userId, resultScore: result.scoreGiven, resultMaximum: result.scoreMaximum, comment: result.comment }, itemUrl),
		),
		{ headers: { 'Content-Type': MEDIA_TYPE.resultContainer, Link: linkHeader(url, { page, pageSize, hasNext: found.value.hasNext }), 'Cache-Control': 'no-store' } },
	)
}
