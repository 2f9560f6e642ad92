import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { LTI_SCOPES } from '@leerplein/domain'
import { MEDIA_TYPE, scoreSchema } from '../features/lti/protocol.server.ts'
import { requireToolAccess } from '../features/lti/service-auth.server.ts'
import { methodNotAllowed, readToolJson, refusedToolCall } from '../features/lti/tool-answers.server.ts'
import { recordLtiScore } from '../features/lti/record-lti-score.server.ts'

const SCORES = { anyOf: [LTI_SCOPES.score], methods: ['POST'] } as const

/**
 * AGS score publish. Answers exactly 200 on success, repeat or stale alike: Moodle treats 201, 202
 * and 204 as failures and sends the score again.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
	const actor = await requireToolAccess(request, context, { courseId: params.courseId, ...SCORES })
	const score = await readToolJson(request, context, { action: 'lti.ags', tool: actor.tool, mediaType: MEDIA_TYPE.score, schema: scoreSchema })
	const recorded = await recordLtiScore(context, { actor, lineItemId: params.lineItemId ?? '', score })
	if (!recorded.ok) return refusedToolCall(context, { action: 'lti.ags', tool: actor.tool, failure: recorded })
	return Response.json({ result: recorded.value.decision }, { status: 200, headers: { 'Cache-Control': 'no-store' } })
}

/** Scores are only posted: the guard answers any other method with 405, before it reads a token. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
	await requireToolAccess(request, context, { courseId: params.courseId, ...SCORES })
	return methodNotAllowed(SCORES.methods)
}
