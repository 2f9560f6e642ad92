import type { LoaderFunctionArgs } from '@remix-run/node'
import { LTI_SCOPES } from '@leerplein/domain'
import { linkHeader, MEDIA_TYPE, membershipContainer, pageParams } from '../features/lti/protocol.server.ts'
import { nrpsMembershipsUrl } from '../features/lti/platform.server.ts'
import { requireToolAccess } from '../features/lti/service-auth.server.ts'
import { refusedToolCall } from '../features/lti/tool-answers.server.ts'
import { listLtiMemberships } from '../features/lti/list-lti-memberships.server.ts'

/** NRPS 2.0 context memberships, paged with a `Link` header that keeps `rlid`. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const actor = await requireToolAccess(request, context, { courseId: params.courseId, anyOf: [LTI_SCOPES.memberships] })
	const url = new URL(request.url)
	const { page, pageSize } = pageParams(url, { defaultSize: 100, maxSize: 1000 })
	const found = await listLtiMemberships(context, { actor, resourceLinkId: url.searchParams.get('rlid'), page, pageSize })
	if (!found.ok) return refusedToolCall(context, { action: 'lti.nrps', tool: actor.tool, failure: found })
	return Response.json(membershipContainer(nrpsMembershipsUrl(actor.issuer, actor.courseId), found.value.context, found.value.members), {
		headers: { 'Content-Type': MEDIA_TYPE.membershipContainer, Link: linkHeader(url, { page, pageSize, hasNext: found.value.hasNext }), 'Cache-Control': 'no-store' },
	})
}
