import { getCourse, getLtiTool, insertOnlinePart, withTenantContext, writeAudit } from '@leerplein/db'
import { fail, ok, type Result } from '@leerplein/domain'
import { forgetToolAccess } from './service-auth.server.ts'
import type { SignedIn } from '../identity/session.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'

export type LinkOnlinePartInput = {
	toolId: string
	title: string
	targetLinkUri: string | null
	customId: string | null
	passMarkPercent: number | null
	/** The Moodle course and activity (course module) id, for the web-services completion sync; both or neither. */
	moodleCourseId?: number | null
	moodleActivityId?: number | null
}

/** A coordinator links a course's online part to a resource in a tool by hand (Moodle: the published resource's launch URL and UUID). */
export async function linkOnlinePart(
	context: LeerpleinContext,
	{ signedIn, courseId, input }: { signedIn: SignedIn; courseId: string; input: LinkOnlinePartInput },
): Promise<Result<{ id: string }, 'COURSE_NOT_FOUND' | 'TOOL_NOT_FOUND'>> {
	const { person } = signedIn
	return withTenantContext(context.db, { tenantId: person.tenantId, userId: person.userId }, async (tx) => {
		const course = await getCourse(tx, { viewerTenantId: person.tenantId, courseId })
		if (!course) return fail('COURSE_NOT_FOUND')
		const tool = await getLtiTool(tx, { toolId: input.toolId })
		if (!tool || !tool.active) return fail('TOOL_NOT_FOUND')
		const part = await insertOnlinePart(tx, {
			tenantId: course.providerTenantId,
			courseId,
			toolId: tool.id,
			deploymentId: tool.deploymentIds[0]!,
			title: input.title,
			targetLinkUri: input.targetLinkUri,
			custom: input.customId ? { id: input.customId } : {},
			passMarkPercent: input.passMarkPercent,
			moodleCourseId: input.moodleCourseId ?? null,
			moodleActivityId: input.moodleActivityId ?? null,
			createdBy: person.userId,
		})
		await writeAudit(tx, {
			tenantId: course.providerTenantId,
			actorUserId: person.userId,
			action: 'lti.online_part_linked',
			objectType: 'lti_resource_link',
			objectId: part.id,
			result: 'success',
			origin: context.clientIp,
			requestId: context.requestId,
			after: { courseId, toolId: tool.id, title: input.title, targetLinkUri: input.targetLinkUri, passMarkPercent: input.passMarkPercent, moodleActivityId: input.moodleActivityId ?? null },
		})
		return ok({ id: part.id })
	}).finally(forgetToolAccess)
}
