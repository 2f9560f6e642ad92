import { getOwnCourse, listThemes, type OwnCourse } from '@leerplein/db/catalogue'
import { can } from '@leerplein/domain'
import { inTenant, refusal, refuse, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { ownCourses } from './own-courses.ts'

export type CourseFormView = { themes: { id: string; name: string }[]; course: OwnCourse | null }

/**
 * What the course form needs: the themes (named in the reader's language), and for editing the
 * unit's own course. Another unit's course, or a merged one, is not found: its existence is not
 * confirmed either.
 */
export async function showCourseForm(
	ctx: ServiceContext,
	{ actor, courseId, language }: { actor: Actor; courseId: string | null; language: string },
): Promise<ServiceResult<CourseFormView>> {
	if (!can(actor, courseId ? 'update' : 'create', ownCourses(actor))) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(ctx, actor, async (tx) => {
		const themes = (await listThemes(tx)).map((theme) => ({ id: theme.id, name: language === 'en' ? theme.nameEn : theme.nameNl }))
		if (!courseId) return { themes, course: null }
		const course = await getOwnCourse(tx, { tenantId: actor.tenantId, courseId })
		if (!course || course.status === 'merged') throw refusal('not_found', 'COURSE_NOT_FOUND')
		return { themes, course }
	})
}
