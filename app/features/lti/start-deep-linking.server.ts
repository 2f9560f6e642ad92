import { getCourse, getLtiTool, insertMessageState, withTenantContext } from '@leerplein/db'
import { fail, ok, type Result } from '@leerplein/domain'
import { loginInitiationUrl } from '@leerplein/moodle'
import type { SignedIn } from '../identity/session.server.ts'
import { oneTimeValue } from './platform.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'
import { MESSAGE_HINT_LIFETIME_MS } from './start-lti-launch.server.ts'

export type StartDeepLinkingFailure = 'COURSE_NOT_FOUND' | 'TOOL_NOT_FOUND' | 'TOOL_WITHOUT_DEEP_LINKING'

/**
 * A coordinator of the providing unit picks content in a tool (Deep Linking 2.0): the same login
 * flow as a launch, ending in an LtiDeepLinkingRequest. The route has checked the permission.
 */
export async function startDeepLinking(
	context: LeerpleinContext,
	{ signedIn, courseId, toolId, issuer }: { signedIn: SignedIn; courseId: string; toolId: string; issuer: string },
	now = new Date(),
): Promise<Result<{ location: string }, StartDeepLinkingFailure>> {
	const { person } = signedIn
	return withTenantContext(context.db, { tenantId: person.tenantId, userId: person.userId }, async (tx) => {
		const course = await getCourse(tx, { viewerTenantId: person.tenantId, courseId })
		if (!course) return fail('COURSE_NOT_FOUND')
		const tool = await getLtiTool(tx, { toolId })
		if (!tool || !tool.active) return fail('TOOL_NOT_FOUND')
		if (!tool.deepLinkingUrl) return fail('TOOL_WITHOUT_DEEP_LINKING')
		const hint = oneTimeValue()
		const deploymentId = tool.deploymentIds[0]!
		await insertMessageState(tx, {
			id: hint.hash,
			kind: 'deep_linking',
			toolId: tool.id,
			tenantId: course.providerTenantId,
			courseId,
			resourceLinkId: null,
			userId: person.userId,
			deploymentId,
			expiresAt: new Date(now.getTime() + MESSAGE_HINT_LIFETIME_MS),
		})
		return ok({
			location: loginInitiationUrl(tool.loginUrl, {
				issuer,
				loginHint: person.userId,
				targetLinkUri: tool.deepLinkingUrl,
				messageHint: hint.value,
				clientId: tool.clientId,
				deploymentId,
			}),
		})
	})
}
