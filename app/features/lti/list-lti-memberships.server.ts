import { getCourseTitle, listCourseInstructorsForTool, listCourseMembersForTool, listCourseOnlineParts } from '@leerplein/db/lti'
import { getConcernPoDefaults } from '@leerplein/db/po-rules'
import { effectivePoSettings, nrpsMemberRoles, poOverridesSchema, sharedPersonalFields } from '@leerplein/domain'
import type { Member } from '@leerplein/moodle'
import { refusal, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { inToolContext, type ToolAccess } from './tool-context.server.ts'

export type Memberships = { context: { id: string; label: string; title: string }; members: Member[]; hasNext: boolean }

/**
 * NRPS 2.0 context memberships: everyone enrolled in the course as Learner, and the providing
 * unit's coordinators as Instructor (the course has no teachers of its own), with a name and
 * e-mail address only where both the registration and the person's unit allow it. Paged over a
 * stable order (user id), so Moodle's sync never misses anyone (a missing member gets unenrolled).
 */
export async function listLtiMemberships(
	ctx: ServiceContext,
	{ actor, resourceLinkId, page, pageSize }: { actor: ToolAccess; resourceLinkId: string | null; page: number; pageSize: number },
): Promise<ServiceResult<Memberships>> {
	return inToolContext(ctx, actor, async (tx) => {
		// Every participant may open every part of the course, so `rlid` narrows nothing, but it must be the tool's own link.
		if (resourceLinkId !== null) {
			const parts = await listCourseOnlineParts(tx, { courseId: actor.courseId })
			if (!parts.some(({ link }) => link.id === resourceLinkId)) throw refusal('not_found', 'LTI_RESOURCE_LINK_NOT_FOUND')
		}
		const title = (await getCourseTitle(tx, { courseId: actor.courseId })) ?? ''
		const learners = await listCourseMembersForTool(tx, { courseId: actor.courseId })
		const instructors = await listCourseInstructorsForTool(tx, { courseId: actor.courseId })
		const people = new Map<string, { userId: string; name: string; email: string; unitOverrides: Record<string, unknown>; learns: boolean; instructs: boolean }>()
		for (const learner of learners) people.set(learner.userId, { ...learner, learns: true, instructs: false })
		for (const instructor of instructors) people.set(instructor.userId, { ...instructor, learns: people.has(instructor.userId), instructs: true })
		const concernDefaults = await getConcernPoDefaults(tx)
		const everyone = [...people.values()].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0))
		const start = (page - 1) * pageSize
		const members = everyone.slice(start, start + pageSize).map((member): Member => {
			const overrides = poOverridesSchema.safeParse(member.unitOverrides)
			const unitAllows = effectivePoSettings(concernDefaults, overrides.success ? overrides.data : {}).shareContactDetailsWithTools
			const shared = sharedPersonalFields(actor.tool, unitAllows)
			return {
				userId: member.userId,
				roles: nrpsMemberRoles(member),
				status: 'Active',
				name: shared.name ? member.name : null,
				email: shared.email ? member.email : null,
			}
		})
		return { context: { id: actor.courseId, label: actor.courseId.slice(-8), title }, members, hasNext: start + pageSize < everyone.length }
	})
}
