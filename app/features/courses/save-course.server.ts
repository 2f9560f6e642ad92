import { existingTenantIds, getOwnCourse, insertCourse, listThemes, updateCourse } from '@leerplein/db/catalogue'
import { can, type CourseInput } from '@leerplein/domain'
import { audit, inTenant, refuse, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { findDuplicateSuggestions, type DuplicateSuggestion } from '../deduplication/suggest-duplicates.server.ts'
import { ownCourses } from './own-courses.ts'

export type SaveCourseOutcome = { kind: 'saved'; courseId: string } | { kind: 'likely_duplicates'; suggestions: DuplicateSuggestion[] }

/**
 * Creates a course of the asker's unit (`courseId` null) as a draft, or updates one of its own
 * (its status stays: publishing is `changeCourseStatus`), and records it in the audit log. Unless the coordinator confirmed it (`despiteDuplicates`), a course that
 * likely duplicates one already in the concern catalogue is not saved: the suggestions come back,
 * so the unit can join one instead. A theme that does not exist is refused beside its field. Another unit's course, or one merged meanwhile, is not found.
 */
export async function saveCourse(
	ctx: ServiceContext,
	{ actor, courseId, input, despiteDuplicates }: { actor: Actor; courseId: string | null; input: CourseInput; despiteDuplicates: boolean },
): Promise<ServiceResult<SaveCourseOutcome>> {
	if (!can(actor, courseId ? 'update' : 'create', ownCourses(actor))) return refuse('forbidden', 'FORBIDDEN')
	const { priceEuros, audienceTenantIds: chosen, ...rest } = input
	const values = { ...rest, priceCents: Math.round(priceEuros * 100) }
	// The units matter only to a course open to selected units; a course open to the concern keeps none.
	const audienceTenantIds = input.visibility === 'selected' ? chosen : []
	const { tenantId } = actor
	return inTenant(ctx, actor, async (tx) => {
		const before = courseId ? await getOwnCourse(tx, { tenantId, courseId }) : null
		if (courseId && !before) throw refusal('not_found', 'COURSE_NOT_FOUND')
		// A well-formed id of no theme would otherwise reach the foreign key as a 500.
		const themes = await listThemes(tx)
		if (!themes.some((theme) => theme.id === input.themeId)) throw refusal('invalid', 'COURSE_THEME_REQUIRED', { field: 'themeId' })
		if ((await existingTenantIds(tx, { tenantIds: audienceTenantIds })).length !== audienceTenantIds.length)
			throw refusal('invalid', 'COURSE_AUDIENCE_UNITS_REQUIRED', { field: 'audienceTenantIds' })
		if (!despiteDuplicates) {
			const suggestions = await findDuplicateSuggestions(tx, { draft: input, courseId })
			if (suggestions.length > 0) return { kind: 'likely_duplicates', suggestions } as const
		}
		const id = courseId
			? (await updateCourse(tx, { tenantId, courseId, fields: values, audienceTenantIds })) ? courseId : null
			: await insertCourse(tx, { tenantId, fields: values, audienceTenantIds })
		if (!id) throw refusal('not_found', 'COURSE_NOT_FOUND')
		await audit(ctx, tx, { actor, action: courseId ? 'course.update' : 'course.create', objectType: 'course', objectId: id, before, after: { ...values, audienceTenantIds } })
		return { kind: 'saved', courseId: id } as const
	})
}
