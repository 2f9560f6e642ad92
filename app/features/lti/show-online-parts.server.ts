import { getCourse, listCourseOnlineParts, listLtiTools, withTenantContext } from '@leerplein/db'
import type { SignedIn } from '../identity/session.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'

/** A course's online parts and the registered tools, for the coordinators of the providing unit (the route checks). */
export async function showOnlineParts(context: Pick<LeerpleinContext, 'db'>, { signedIn, courseId }: { signedIn: SignedIn; courseId: string }) {
	const { person } = signedIn
	return withTenantContext(context.db, { tenantId: person.tenantId, userId: person.userId }, async (tx) => {
		const course = await getCourse(tx, { viewerTenantId: person.tenantId, courseId })
		if (!course) return null
		const parts = await listCourseOnlineParts(tx, { courseId })
		const tools = (await listLtiTools(tx)).filter((tool) => tool.active)
		return {
			course: { id: course.id, title: course.title, providerTenantId: course.providerTenantId },
			parts: parts.map(({ link, toolName }) => ({
				id: link.id,
				title: link.title,
				toolName,
				targetLinkUri: link.targetLinkUri,
				customId: link.custom.id ?? null,
				passMarkPercent: link.passMarkPercent,
				moodleCourseId: link.moodleCourseId,
				moodleActivityId: link.moodleActivityId,
			})),
			tools: tools.map((tool) => ({ id: tool.id, name: tool.name, deepLinking: tool.deepLinkingUrl !== null })),
		}
	})
}
