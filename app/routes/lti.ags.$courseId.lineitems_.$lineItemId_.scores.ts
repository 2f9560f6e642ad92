import type { ActionFunctionArgs } from '@remix-run/node'
import { LTI_SCOPES } from '@leerplein/domain'
import { MEDIA_TYPE, scoreSchema } from '@leerplein/moodle'
import { readJsonBody, requireToolAccess, serviceError } from '../features/lti/service-auth.server.ts'
import { recordLtiScore } from '../features/lti/record-lti-score.server.ts'

/**
 * AGS score publish. Answers exactly 200 on success, repeat or stale alike: Moodle treats 201, 202
 * and 204 as failures and sends the score again.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
	if (request.method !== 'POST') return serviceError(405, 'invalid_request', 'use POST')
	const access = await requireToolAccess(request, context, { courseId: params.courseId, anyOf: [LTI_SCOPES.score] })
	const parsed = scoreSchema.safeParse(await readJsonBody(request, MEDIA_TYPE.score))
	if (!parsed.success) return serviceError(400, 'invalid_request', parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '))
	const result = await recordLtiScore(context, { access, lineItemId: params.lineItemId ?? '', score: parsed.data })
	if (!result.ok) {
		if (result.code === 'LINE_ITEM_NOT_FOUND') return serviceError(404, 'not_found', 'no such line item')
		if (result.code === 'NOT_A_PARTICIPANT') return serviceError(422, 'invalid_request', 'userId is not enrolled in this context')
		return serviceError(400, 'invalid_request', result.code)
	}
	return Response.json({ result: result.value.decision }, { status: 200, headers: { 'Cache-Control': 'no-store' } })
}

export function loader() {
	return serviceError(405, 'invalid_request', 'use POST')
}
