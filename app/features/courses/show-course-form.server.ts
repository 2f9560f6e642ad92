import { getOwnCourse, listThemes, withTenantContext } from '@leerplein/db'
import type { LeerpleinContext } from '../../load-context.ts'

/** What the course form needs: the themes, and for editing the unit's own course (null when it is not the unit's). */
export async function showCourseForm(
	{ db }: Pick<LeerpleinContext, 'db'>,
	{ tenantId, userId, courseId, language }: { tenantId: string; userId: string; courseId: string | null; language: string },
) {
	return withTenantContext(db, { tenantId, userId }, async (tx) => {
		const themes = (await listThemes(tx)).map((theme) => ({ id: theme.id, name: language === 'en' ? theme.nameEn : theme.nameNl }))
		if (!courseId) return { themes, course: null, found: true }
		const course = await getOwnCourse(tx, { tenantId, courseId })
		return { themes, course, found: course !== null && course.status !== 'merged' }
	})
}
