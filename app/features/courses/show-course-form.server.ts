import { getOwnCourse, listThemes, type OwnCourse } from '@leerplein/db/catalogue'
import { listTenants } from '@leerplein/db/tenants'
import { can } from '@leerplein/domain'
import { inTenant, refusal, refuse, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import type { CourseFormValues } from './course-form-schema.ts'
import { ownCourses } from './own-courses.ts'

export type CourseFormView = {
	themes: { id: string; name: string }[]
	/** The other units of the concern, which a course may be opened to (the own unit always sees its courses). */
	units: { id: string; name: string }[]
	course: OwnCourse | null
}

/**
 * What the course form needs: the themes (named in the reader's language), the other units, and for editing the
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
		const units = (await listTenants(tx)).filter((unit) => unit.id !== actor.tenantId).map((unit) => ({ id: unit.id, name: unit.name }))
		if (!courseId) return { themes, units, course: null }
		const course = await getOwnCourse(tx, { tenantId: actor.tenantId, courseId })
		if (!course || course.status === 'merged') throw refusal('not_found', 'COURSE_NOT_FOUND')
		return { themes, units, course }
	})
}

/** A saved course as its form shows it. */
export function courseFormValues(course: OwnCourse): CourseFormValues {
	return {
		title: course.title,
		summary: course.summary,
		description: course.description,
		themeId: course.themeId ?? '',
		form: course.form,
		language: course.language,
		durationMinutes: String(course.durationMinutes),
		priceEuros: String(course.priceCents / 100),
		learningGoals: course.learningGoals,
		targetAudience: course.targetAudience,
		prerequisites: course.prerequisites,
		keywords: course.keywords.join(', '),
		visibility: course.visibility,
		audienceTenantIds: course.audienceTenantIds,
		contactName: course.contactName,
		contactEmail: course.contactEmail,
	}
}
