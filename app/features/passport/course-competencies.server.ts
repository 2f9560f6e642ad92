import { errorCode } from '@leerplein/db'
import { getOwnCourse } from '@leerplein/db/catalogue'
import { listCompetencies, listCourseGrants, replaceCourseCompetencies, type CompetencyRow, type CourseGrant } from '@leerplein/db/passport'
import { can, type CourseStatus } from '@leerplein/domain'
import { audit, inTenant, refuse, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

export type CourseCompetencies = { course: { id: string; title: string; status: CourseStatus }; competencies: CompetencyRow[]; granted: CourseGrant[] }

/** One of the unit's own courses with the concern's competencies and those the course grants (with their minimum scores); another unit's course is not found. */
export async function showCourseCompetencies(ctx: ServiceContext, { actor, courseId }: { actor: Actor; courseId: string }): Promise<ServiceResult<CourseCompetencies>> {
	return inTenant(ctx, actor, async (tx) => {
		const course = await getOwnCourse(tx, { tenantId: actor.tenantId, courseId })
		if (!course || !can(actor, 'update', { kind: 'course', providerTenantId: actor.tenantId })) throw refusal('not_found', 'COURSE_NOT_FOUND')
		return { course: { id: course.id, title: course.title, status: course.status }, competencies: await listCompetencies(tx), granted: await listCourseGrants(tx, { courseId }) }
	})
}

/**
 * Sets which competencies a course of the coordinator's own unit grants, and for each the LTI
 * score that grants it and the level it grants, audit-logged with before and after. From then on an attendance or
 * completion of the course (the enrolment trigger), or for a competency with a minimum a score at
 * or above it (the score trigger), writes evidence (ADR 031); evidence already earned is kept.
 */
export async function updateCourseCompetencies(
	ctx: ServiceContext,
	{ actor, courseId, grants }: { actor: Actor; courseId: string; grants: readonly CourseGrant[] },
): Promise<ServiceResult<{ granted: number }>> {
	const after = [...grants].sort((a, b) => a.competencyId.localeCompare(b.competencyId))
	try {
		return await inTenant(ctx, actor, async (tx) => {
			const course = await getOwnCourse(tx, { tenantId: actor.tenantId, courseId })
			if (!course || !can(actor, 'update', { kind: 'course', providerTenantId: actor.tenantId })) throw refusal('not_found', 'COURSE_NOT_FOUND')
			// A level the competency lacks is refused beside its choice (the table's trigger stands behind this).
			const levelsOf = new Map((await listCompetencies(tx)).map((competency) => [competency.id, competency.levels.length]))
			for (const grant of after) {
				const available = levelsOf.get(grant.competencyId)
				if (grant.grantsLevel == null || available === undefined) continue
				if (available === 0) throw refusal('invalid', 'LEVEL_WITHOUT_LEVELS', { field: `grantsLevels.${grant.competencyId}` })
				if (grant.grantsLevel > available) throw refusal('invalid', 'LEVEL_INVALID', { field: `grantsLevels.${grant.competencyId}` })
			}
			const before = await listCourseGrants(tx, { courseId })
			await replaceCourseCompetencies(tx, { courseId, grants: after })
			await audit(ctx, tx, { actor, action: 'course.competencies.update', objectType: 'course', objectId: courseId, before, after })
			return { granted: after.length }
		})
	} catch (error) {
		// An id that names no competency: the foreign key refuses it.
		if (errorCode(error) === '23503') return refuse('invalid', 'COMPETENCY_NOT_FOUND', { field: 'competencyIds' })
		throw error
	}
}
