import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { LTI_SCOPES } from '@leerplein/domain'
import { lineItemInputSchema, lineItemJson, linkHeader, MEDIA_TYPE, pageParams } from '@leerplein/moodle'
import { agsLineItemUrl } from '../features/lti/platform.server.ts'
import { readJsonBody, requireToolAccess, serviceError } from '../features/lti/service-auth.server.ts'
import { createLtiLineItem } from '../features/lti/create-lti-line-item.server.ts'
import { listLtiLineItems } from '../features/lti/list-lti-line-items.server.ts'

const READ = [LTI_SCOPES.lineItem, LTI_SCOPES.lineItemReadOnly]

/** AGS line-items container: GET lists (filtered by resource_link_id, resource_id, tag; paged with Link), POST adds. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const access = await requireToolAccess(request, context, { courseId: params.courseId, anyOf: READ })
	const url = new URL(request.url)
	const { page, pageSize } = pageParams(url, { defaultSize: 100, maxSize: 1000 })
	const filter = {
		resourceLinkId: url.searchParams.get('resource_link_id'),
		resourceId: url.searchParams.get('resource_id'),
		tag: url.searchParams.get('tag'),
	}
	const { items, hasNext } = await listLtiLineItems(context, { access, filter, page, pageSize })
	return Response.json(
		items.map((item) => lineItemJson(item, agsLineItemUrl(access.issuer, access.courseId, item.id))),
		{ headers: { 'Content-Type': MEDIA_TYPE.lineItemContainer, Link: linkHeader(url, { page, pageSize, hasNext }), 'Cache-Control': 'no-store' } },
	)
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	if (request.method !== 'POST') return serviceError(405, 'invalid_request', 'use GET or POST')
	const access = await requireToolAccess(request, context, { courseId: params.courseId, anyOf: [LTI_SCOPES.lineItem] })
	const parsed = lineItemInputSchema.safeParse(await readJsonBody(request, MEDIA_TYPE.lineItem))
	if (!parsed.success) return serviceError(400, 'invalid_request', parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '))
	const result = await createLtiLineItem(context, { access, input: parsed.data })
	if (!result.ok) return serviceError(400, 'invalid_request', 'resourceLinkId is not a resource link of this tool in this context')
	const url = agsLineItemUrl(access.issuer, access.courseId, result.value.id)
	return Response.json(lineItemJson(result.value, url), { status: 201, headers: { 'Content-Type': MEDIA_TYPE.lineItem, Location: url } })
}
