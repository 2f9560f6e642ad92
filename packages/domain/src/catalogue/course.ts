export const COURSE_FORMS = ['classroom', 'elearning', 'blended', 'webinar'] as const
export type CourseForm = (typeof COURSE_FORMS)[number]

export const LANGUAGES = ['nl', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

/** 'merged': folded into another course by the concern administrator (issue 4); it redirects there. */
export const COURSE_STATUSES = ['draft', 'published', 'archived', 'merged'] as const
export type CourseStatus = (typeof COURSE_STATUSES)[number]

/**
 * Who may see a course: the whole concern, or only the units it was opened to.
 * The providing unit always sees its own courses, drafts included.
 */
export type CourseVisibility =
	| { scope: 'concern' }
	| { scope: 'selected'; tenantIds: readonly string[] }

export type CourseAccess = {
	providerTenantId: string
	status: CourseStatus
	visibility: CourseVisibility
}

export function isCourseVisibleTo(course: CourseAccess, viewerTenantId: string): boolean {
	if (course.providerTenantId === viewerTenantId) return true
	if (course.status !== 'published') return false
	switch (course.visibility.scope) {
		case 'concern':
			return true
		case 'selected':
			return course.visibility.tenantIds.includes(viewerTenantId)
		default: {
			const unreachable: never = course.visibility
			return unreachable
		}
	}
}
