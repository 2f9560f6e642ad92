import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { LTI_SCOPES } from '@leerplein/domain'
import { lineItemInputSchema, lineItemJson, MEDIA_TYPE } from '@leerplein/moodle'
import { agsLineItemUrl } from '../features/lti/platform.server.ts'
import { readJsonBody, requireToolAccess, serviceError } from '../features/lti/service-auth.server.ts'
import { deleteLtiLineItem } from '../features/lti/delete-lti-line-item.server.ts'
import { showLtiLineItem } from '../features/lti/show-lti-line-item.server.ts'
import { updateLtiLineItem } from '../features/lti/update-lti-line-item.server.ts'

/** AGS line item: GET, PUT (replace), DELETE. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const access = await requireToolAccess(request, context, { courseId: params.courseId, anyOf: [LTI_SCOPES.lineItem, LTI_SCOPES.lineItemReadOnly] })
	const item = await showLtiLineItem(context, { access, lineItemId: params.lineItemId ?? '' })
	if (!item) return serviceError(404, 'not_found', 'no such line item')
	return Response.json(lineItemJson(item, agsLineItemUrl(access.issuer, access.courseId, item.id)), {
		headers: { 'Content-Type': MEDIA_TYPE.lineItem, 'Cache-Control': 'no-store' },
	})
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	if (request.method !== 'PUT' && request.method !== 'DELETE') return serviceError(405, 'invalid_request', 'use GET, PUT or DELETE')
	const access = await requireToolAccess(request, context, { courseId: params.courseId, anyOf: [LTI_SCOPES.lineItem] })
	const lineItemId = params.lineItemId ?? ''
	if (request.method === 'DELETE') {
		if (!(await deleteLtiLineItem(context, { access, lineItemId }))) return serviceError(404, 'not_found', 'no such line item')
		return new Response(null, { status: 204 })
	}
	const parsed = lineItemInputSchema.safeParse(await readJsonBody(request, MEDIA_TYPE.lineItem))
	if (!parsed.success) return serviceError(400, 'invalid_request', parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '))
	const item = await updateLtiLineItem(context, { access, lineItemId, input: parsed.data })
	if (!item) return serviceError(404, 'not_found', 'no such line item')
	return Response.json(lineItemJson(item, agsLineItemUrl(access.issuer, access.courseId, item.id)), { headers: { 'Content-Type': MEDIA_TYPE.lineItem } })
}
