import { getOnlinePart, insertMessageState, isEnrolledInCourse, withTenantContext, writeAudit } from '@leerplein/db'
import { fail, holdsRole, ok, type Result } from '@leerplein/domain'
import { loginInitiationUrl } from '@leerplein/moodle'
import type { SignedIn } from '../identity/session.server.ts'
import { oneTimeValue } from './platform.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'

export type StartLaunchFailure = 'ONLINE_PART_NOT_FOUND' | 'NOT_ENROLLED' | 'TOOL_INACTIVE'

/** How long the tool has to come back to the authorization endpoint with the message hint. */
export const MESSAGE_HINT_LIFETIME_MS = 5 * 60_000

/**
 * Starts a launch into an online part (third-party-initiated login, LTI 1.3 Core §4.1): only for
 * an employee enrolled in the course, or a coordinator of the providing unit. Stores a one-time
 * message hint for this person and part, and sends the browser to the tool's login URL.
 */
export async function startLtiLaunch(
	context: LeerpleinContext,
	{ signedIn, resourceLinkId, issuer }: { signedIn: SignedIn; resourceLinkId: string; issuer: string },
	now = new Date(),
): Promise<Result<{ location: string }, StartLaunchFailure>> {
	const { person } = signedIn
	return withTenantContext(context.db, { tenantId: person.tenantId, userId: person.userId }, async (tx) => {
		const part = await getOnlinePart(tx, { resourceLinkId })
		if (!part) return fail('ONLINE_PART_NOT_FOUND')
		if (!part.tool.active) return fail('TOOL_INACTIVE')
		const teaches = holdsRole({ ...person }, 'coordinator', part.course.providerTenantId)
		if (!teaches && !(await isEnrolledInCourse(tx, { courseId: part.course.id, userId: person.userId }))) {
			await writeAudit(tx, {
				tenantId: person.tenantId,
				actorUserId: person.userId,
				action: 'lti.launch',
				objectType: 'lti_resource_link',
				objectId: resourceLinkId,
				result: 'denied',
				origin: context.clientIp,
				requestId: context.requestId,
				after: { reason: 'NOT_ENROLLED' },
			})
			return fail('NOT_ENROLLED')
		}
		const hint = oneTimeValue()
		await insertMessageState(tx, {
			id: hint.hash,
			kind: 'launch',
			toolId: part.tool.id,
			tenantId: part.course.providerTenantId,
			courseId: part.course.id,
			resourceLinkId: part.link.id,
			userId: person.userId,
			deploymentId: part.link.deploymentId,
			expiresAt: new Date(now.getTime() + MESSAGE_HINT_LIFETIME_MS),
		})
		return ok({
			location: loginInitiationUrl(part.tool.loginUrl, {
				issuer,
				loginHint: person.userId,
				targetLinkUri: part.link.targetLinkUri ?? part.tool.targetLinkUri,
				messageHint: hint.value,
				clientId: part.tool.clientId,
				deploymentId: part.link.deploymentId,
			}),
		})
	})
}
