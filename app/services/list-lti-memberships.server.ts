import { getCourseTitle, listCourseMembersForTool, listCourseOnlineParts, withToolContext } from '@leerplein/db'
import { CONCERN_DEFAULT_PO_SETTINGS, effectivePoSettings, LIS_ROLES, poOverridesSchema, sharedPersonalFields } from '@leerplein/domain'
import type { Member } from '@leerplein/moodle'
import type { ToolAccess } from '../lti/service-auth.server.ts'
import type { LeerpleinContext } from '../load-context.ts'

/**
 * NRPS 2.0 context memberships: everyone enrolled in the course, as Learners, with a name and
 * e-mail address only where both the registration and the person's unit allow it. Paged by the
 * caller over a stable order, so Moodle's sync never misses anyone (a missing member gets unenrolled).
 */
export async function listLtiMemberships(
	context: LeerpleinContext,
	{ access, resourceLinkId, page, pageSize }: { access: ToolAccess; resourceLinkId: string | null; page: number; pageSize: number },
): Promise<{ context: { id: string; label: string; title: string }; members: Member[]; hasNext: boolean } | null> {
	return withToolContext(context.db, { tenantId: access.tenantId, toolId: access.toolId }, async (tx) => {
		// Every participant may open every part of the course, so `rlid` narrows nothing, but it must be the tool's own link.
		if (resourceLinkId !== null) {
			const parts = await listCourseOnlineParts(tx, { courseId: access.courseId })
			if (!parts.some(({ link }) => link.id === resourceLinkId)) return null
		}
		const title = (await getCourseTitle(tx, { courseId: access.courseId })) ?? ''
		const everyone = await listCourseMembersForTool(tx, { courseId: access.courseId })
		const start = (page - 1) * pageSize
		const members = everyone.slice(start, start + pageSize).map((member): Member => {
			const overrides = poOverridesSchema.safeParse(member.unitOverrides)
			const unitAllows = effectivePoSettings(CONCERN_DEFAULT_PO_SETTINGS, overrides.success ? overrides.data : {}).shareContactDetailsWithTools
			const shared = sharedPersonalFields(access.tool, unitAllows)
			return {
				userId: member.userId,
				roles: [LIS_ROLES.learner],
				status: 'Active',
				name: shared.name ? member.name : null,
				email: shared.email ? member.email : null,
			}
		})
		return { context: { id: access.courseId, label: access.courseId.slice(-8), title }, members, hasNext: start + pageSize < everyone.length }
	})
}
