import { getLtiTool, insertMessageState } from '@leerplein/db/lti'
import { loginInitiationUrl } from '@leerplein/moodle'
import { inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { courseToManage } from './course-to-manage.server.ts'
import { oneTimeValue } from './platform.server.ts'
import { MESSAGE_HINT_LIFETIME_MS } from './start-lti-launch.server.ts'

/**
 * A coordinator of the providing unit picks content in a tool (Deep Linking 2.0): the same login
 * flow as a launch, ending in an LtiDeepLinkingRequest, with a one-time message hint for this
 * person, course and tool.
 */
export async function startDeepLinking(
	ctx: ServiceContext,
	{ actor, courseId, toolId, issuer }: { actor: Actor; courseId: string; toolId: string; issuer: string },
): Promise<ServiceResult<{ location: string }>> {
	return inTenant(ctx, actor, async (tx) => {
		const course = await courseToManage(tx, { actor, courseId })
		const tool = await getLtiTool(tx, { toolId })
		if (!tool || !tool.active) throw refusal('not_found', 'TOOL_NOT_FOUND')
		if (!tool.deepLinkingUrl) throw refusal('invalid', 'TOOL_WITHOUT_DEEP_LINKING')
		const hint = oneTimeValue()
		const deploymentId = tool.deploymentIds[0]!
		await insertMessageState(tx, {
			id: hint.hash,
			kind: 'deep_linking',
			toolId: tool.id,
			tenantId: course.providerTenantId,
			courseId,
			resourceLinkId: null,
			userId: actor.userId,
			deploymentId,
			expiresAt: new Date(ctx.clock.now().getTime() + MESSAGE_HINT_LIFETIME_MS),
		})
		return {
			location: loginInitiationUrl(tool.loginUrl, {
				issuer,
				loginHint: actor.userId,
				targetLinkUri: tool.deepLinkingUrl,
				messageHint: hint.value,
				clientId: tool.clientId,
				deploymentId,
			}),
		}
	})
}
