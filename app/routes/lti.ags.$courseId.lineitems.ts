import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { LTI_SCOPES } from '@leerplein/domain'
import { lineItemInputSchema, lineItemJson, linkHeader, MEDIA_TYPE, pageParams } from '../features/lti/protocol.server.ts'
import { agsLineItemUrl } from '../features/lti/platform.server.ts'
import { requireToolAccess } from '../features/lti/service-auth.server.ts'
import { readToolJson, refusedToolCall } from '../features/lti/tool-answers.server.ts'
import { createLtiLineItem } from '../features/lti/create-lti-line-item.server.ts'
import { listLtiLineItems } from '../features/lti/list-lti-line-items.server.ts'

/** AGS line-items container: GET lists (filtered by resource_link_id, resource_id, tag; paged with Link), POST adds. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const actor = await requireToolAccess(request, context, { courseId: params.courseId, anyOf: [LTI_SCOPES.lineItem, LTI_SCOPES.lineItemReadOnly] })
	const url = new URL(request.url)
	const { page, pageSize } = pageParams(url, { defaultSize: 100, maxSize: 1000 })
	const filter = {
		resourceLinkId: url.searchParams.get('resource_link_id'),
		resourceId: url.searchParams.get('resource_id'),
		tag: url.searchParams.get('tag'),
	}
	const listed = await listLtiLineItems(context, { actor, filter, page, pageSize })
	if (!listed.ok) return refusedToolCall(context, { action: 'lti.ags', tool: actor.tool, failure: listed })
	return Response.json(
		listed.value.items.map((item) => lineItemJson(item, agsLineItemUrl(actor.issuer, actor.courseId, item.id))),
		{ headers: { 'Content-Type': MEDIA_TYPE.lineItemContainer, Link: linkHeader(url, { page, pageSize, hasNext: listed.value.hasNext }), 'Cache-Control': 'no-store' } },
	)
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	const actor = await requireToolAccess(request, context, { courseId: params.courseId, anyOf: [LTI_SCOPES.lineItem], methods: ['GET', 'POST'] })
	const input = await readToolJson(request, context, { action: 'lti.ags', tool: actor.tool, mediaType: MEDIA_TYPE.lineItem, schema: lineItemInputSchema })
	const created = await createLtiLineItem(context, { actor, input })
	if (!created.ok) return refusedToolCall(context, { action: 'lti.ags', tool: actor.tool, failure: created })
	const url = agsLineItemUrl(actor.issuer, actor.courseId, created.value.id)
	return Response.json(lineItemJson(created.value, url), { status: 201, headers: { 'Content-Type': MEDIA_TYPE.lineItem, Location: url } })
}
