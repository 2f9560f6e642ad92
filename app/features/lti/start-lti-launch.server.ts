import { getOnlinePart, insertMessageState, isEnrolledInCourse } from '@leerplein/db/lti'
import { can, isUnpublishedCourseVisibleTo } from '@leerplein/domain'
import { loginInitiationUrl } from '@leerplein/moodle'
import { inTenant, refusal, refuse, succeed, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { oneTimeValue } from './platform.server.ts'
import { auditDenial } from './tool-context.server.ts'

/** How long the tool has to come back to the authorization endpoint with the message hint. */
export const MESSAGE_HINT_LIFETIME_MS = 5 * 60_000

/**
 * Starts a launch into an online part (third-party-initiated login, LTI 1.3 Core §4.1): only for
 * an employee enrolled in the course, or a coordinator of the providing unit (can() on the part).
 * Stores a one-time message hint for this person and part, and gives the tool's login URL to send
 * the browser to. A refused launch is logged and audited (repeats counted in one row).
 */
export async function startLtiLaunch(
	ctx: ServiceContext,
	{ actor, resourceLinkId, issuer }: { actor: Actor; resourceLinkId: string; issuer: string },
): Promise<ServiceResult<{ location: string }>> {
	const outcome = await inTenant(ctx, actor, async (tx): Promise<ServiceResult<{ location: string }>> => {
		const part = await getOnlinePart(tx, { resourceLinkId })
		// A part of a draft or archived course is, like the course itself, only for the providing unit's coordinators.
		const seen = part && (part.course.status === 'published' || isUnpublishedCourseVisibleTo({ providerTenantId: part.course.providerTenantId }, actor))
		if (!part || !seen) throw refusal('not_found', 'ONLINE_PART_NOT_FOUND')
		if (!part.tool.active) return refuse('forbidden', 'TOOL_INACTIVE')
		const participant = await isEnrolledInCourse(tx, { courseId: part.course.id, userId: actor.userId })
		if (!can(actor, 'read', { kind: 'online_part', providerTenantId: part.course.providerTenantId, participant })) return refuse('forbidden', 'NOT_ENROLLED')
		const hint = oneTimeValue()
		await insertMessageState(tx, {
			id: hint.hash,
			kind: 'launch',
			toolId: part.tool.id,
			tenantId: part.course.providerTenantId,
			courseId: part.course.id,
			resourceLinkId: part.link.id,
			userId: actor.userId,
			deploymentId: part.link.deploymentId,
			expiresAt: new Date(ctx.clock.now().getTime() + MESSAGE_HINT_LIFETIME_MS),
		})
		return succeed({
			location: loginInitiationUrl(part.tool.loginUrl, {
				issuer,
				loginHint: actor.userId,
				targetLinkUri: part.link.targetLinkUri ?? part.tool.targetLinkUri,
				messageHint: hint.value,
				clientId: part.tool.clientId,
				deploymentId: part.link.deploymentId,
			}),
		})
	})
	const result = outcome.ok ? outcome.value : outcome
	// A refusal of a part the person may see (a tool switched off, not enrolled) leaves its trail; a
	// part they may not see is not found, as if it did not exist.
	if (!result.ok && result.code !== 'ONLINE_PART_NOT_FOUND')
		await auditDenial(ctx, `lti.launch:${actor.userId}:${resourceLinkId}:${result.code}`, {
			action: 'lti.launch',
			objectType: 'lti_resource_link',
			objectId: resourceLinkId,
			actor,
			after: { reason: result.code },
		})
	return result
}
