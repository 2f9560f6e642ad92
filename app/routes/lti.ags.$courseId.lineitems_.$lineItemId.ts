import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { LTI_SCOPES } from '@leerplein/domain'
import { lineItemInputSchema, lineItemJson, MEDIA_TYPE } from '../features/lti/protocol.server.ts'
import { agsLineItemUrl } from '../features/lti/platform.server.ts'
import { requireToolAccess } from '../features/lti/service-auth.server.ts'
import { readToolJson, refusedToolCall } from '../features/lti/tool-answers.server.ts'
import { deleteLtiLineItem } from '../features/lti/delete-lti-line-item.server.ts'
import { showLtiLineItem } from '../features/lti/show-lti-line-item.server.ts'
import { updateLtiLineItem } from '../features/lti/update-lti-line-item.server.ts'

/** AGS line item: GET, PUT (replace), DELETE. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const actor = await requireToolAccess(request, context, { courseId: params.courseId, anyOf: [LTI_SCOPES.lineItem, LTI_SCOPES.lineItemReadOnly] })
	const shown = await showLtiLineItem(context, { actor, lineItemId: params.lineItemId ?? '' })
	if (!shown.ok) return refusedToolCall(context, { action: 'lti.ags', tool: actor.tool, failure: shown })
	return Response.json(lineItemJson(shown.value, agsLineItemUrl(actor.issuer, actor.courseId, shown.value.id)), {
		headers: { 'Content-Type': MEDIA_TYPE.lineItem, 'Cache-Control': 'no-store' },
	})
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	const actor = await requireToolAccess(request, context, { courseId: params.courseId, anyOf: [LTI_SCOPES.lineItem], methods: ['GET', 'PUT', 'DELETE'] })
	const lineItemId = params.lineItemId ?? ''
	if (request.method === 'DELETE') {
		const deleted = await deleteLtiLineItem(context, { actor, lineItemId })
		if (!deleted.ok) return refusedToolCall(context, { action: 'lti.ags', tool: actor.tool, failure: deleted })
		return new Response(null, { status: 204 })
	}
	const input = await readToolJson(request, context, { action: 'lti.ags', tool: actor.tool, mediaType: MEDIA_TYPE.lineItem, schema: lineItemInputSchema })
	const updated = await updateLtiLineItem(context, { actor, lineItemId, input })
	if (!updated.ok) return refusedToolCall(context, { action: 'lti.ags', tool: actor.tool, failure: updated })
	return Response.json(lineItemJson(updated.value, agsLineItemUrl(actor.issuer, actor.courseId, updated.value.id)), { headers: { 'Content-Type': MEDIA_TYPE.lineItem } })
}
