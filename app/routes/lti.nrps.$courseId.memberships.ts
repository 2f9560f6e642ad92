import type { LoaderFunctionArgs } from '@remix-run/node'
import { LTI_SCOPES } from '@leerplein/domain'
import { linkHeader, MEDIA_TYPE, membershipContainer, pageParams } from '@leerplein/moodle'
import { nrpsMembershipsUrl } from '../features/lti/platform.server.ts'
import { requireToolAccess, serviceError } from '../features/lti/service-auth.server.ts'
import { listLtiMemberships } from '../features/lti/list-lti-memberships.server.ts'

/** NRPS 2.0 context memberships, paged with a `Link` header that keeps `rlid`. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const access = await requireToolAccess(request, context, { courseId: params.courseId, anyOf: [LTI_SCOPES.memberships] })
	const url = new URL(request.url)
	const { page, pageSize } = pageParams(url, { defaultSize: 100, maxSize: 1000 })
	const found = await listLtiMemberships(context, { access, resourceLinkId: url.searchParams.get('rlid'), page, pageSize })
	if (!found) return serviceError(404, 'not_found', 'no such resource link in this context')
	return Response.json(membershipContainer(nrpsMembershipsUrl(access.issuer, access.courseId), found.context, found.members), {
		headers: { 'Content-Type': MEDIA_TYPE.membershipContainer, Link: linkHeader(url, { page, pageSize, hasNext: found.hasNext }), 'Cache-Control': 'no-store' },
	})
}
