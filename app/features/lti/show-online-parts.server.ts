import { getClassroomPartIndex, getCourseCompletionMinParts, listCompletedResults, listCourseOnlineParts, listLtiTools } from '@leerplein/db/lti'
import { completesByRule, partCountOf, scoreBelowPassMark, type CourseStatus, type GradingProgress } from '@leerplein/domain'
import { inTenant, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { courseToManage } from './course-to-manage.server.ts'

export type OnlinePartsPage = {
	course: { id: string; title: string; providerTenantId: string; status: CourseStatus }
	parts: {
		id: string
		title: string
		toolName: string
		toolActive: boolean
		targetLinkUri: string | null
		customId: string | null
		passMarkPercent: number | null
		/** People whose completion stands although their latest grade is under the pass mark (ADR 026). */
		completedBelowPassMark: number
		moodleCourseId: number | null
		moodleActivityId: number | null
	}[]
	tools: { id: string; name: string; deepLinking: boolean }[]
	/** A blended programme's completion rule (ADR 033): asked where the course has online parts and is not e-learning. */
	completion: { byRule: boolean; minParts: number | null; partCount: number; classroomIndex: number }
}

/** A course's online parts (with completions that stand under a later failing grade) and the active tools, for those who manage the course (its providing unit's coordinators). */
export async function showOnlineParts(ctx: ServiceContext, { actor, courseId }: { actor: Actor; courseId: string }): Promise<ServiceResult<OnlinePartsPage>> {
	return inTenant(ctx, actor, async (tx) => {
		const course = await courseToManage(tx, { actor, courseId })
		const parts = await listCourseOnlineParts(tx, { courseId })
		const completed = await listCompletedResults(tx, { courseId })
		const tools = (await listLtiTools(tx)).filter((tool) => tool.active)
		return {
			course: { id: course.id, title: course.title, providerTenantId: course.providerTenantId, status: course.status },
			parts: parts.map(({ link, toolName, toolActive }) => ({
				id: link.id,
				title: link.title,
				toolName,
				toolActive,
				targetLinkUri: link.targetLinkUri,
				customId: link.custom.id ?? null,
				passMarkPercent: link.passMarkPercent,
				completedBelowPassMark: completed.filter(
					(result) => result.resourceLinkId === link.id && scoreBelowPassMark({ ...result, gradingProgress: result.gradingProgress as GradingProgress }, link.passMarkPercent),
				).length,
				moodleCourseId: link.moodleCourseId,
				moodleActivityId: link.moodleActivityId,
			})),
			tools: tools.map((tool) => ({ id: tool.id, name: tool.name, deepLinking: tool.deepLinkingUrl !== null })),
			completion: { byRule: completesByRule(course.form, parts.length), minParts: await getCourseCompletionMinParts(tx, { courseId }), partCount: partCountOf(parts.length), classroomIndex: await getClassroomPartIndex(tx, { courseId }) },
		}
	})
}
