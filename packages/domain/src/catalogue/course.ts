import type { RoleGrant } from '../tenancy/permissions.ts'

export const COURSE_FORMS = ['classroom', 'elearning', 'blended', 'webinar'] as const
export type CourseForm = (typeof COURSE_FORMS)[number]

export const LANGUAGES = ['nl', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

/** 'merged': folded into another course by the concern administrator (issue 4); it redirects there. */
export const COURSE_STATUSES = ['draft', 'published', 'archived', 'merged'] as const
export type CourseStatus = (typeof COURSE_STATUSES)[number]

/**
 * Who may see a course: the whole concern, or only the units it was opened to.
 * The providing unit always sees its own published courses.
 */
export type CourseVisibility =
	| { scope: 'concern' }
	| { scope: 'selected'; tenantIds: readonly string[] }

export type CourseAccess = {
	providerTenantId: string
	status: CourseStatus
	visibility: CourseVisibility
}

/**
 * Who looks at a course: their unit, and the units whose courses they prepare (as coordinator);
 * null for a visitor who has not signed in. An `Actor` fits.
 */
export type CourseViewer = { tenantId: string; grants: readonly RoleGrant[] }

/**
 * A course that is not published (a draft being prepared, an archived one, one merged into another)
 * is the providing unit's own business: only its coordinators, who prepare and wind courses down,
 * see it. To anyone else, its own unit's employees and managers included, it does not exist.
 */
export function isUnpublishedCourseVisibleTo(course: Pick<CourseAccess, 'providerTenantId'>, viewer: CourseViewer | null): boolean {
	return viewer !== null && viewer.grants.some((grant) => grant.role === 'coordinator' && grant.tenantId === course.providerTenantId)
}

/** Whether a viewer may see this course: its status first (above), then to whom it is opened. */
export function isCourseVisibleTo(course: CourseAccess, viewer: CourseViewer | null): boolean {
	if (course.status !== 'published') return isUnpublishedCourseVisibleTo(course, viewer)
	if (viewer && course.providerTenantId === viewer.tenantId) return true
	switch (course.visibility.scope) {
		case 'concern':
			return true
		case 'selected':
			return viewer !== null && course.visibility.tenantIds.includes(viewer.tenantId)
		default: {
			const unreachable: never = course.visibility
			return unreachable
		}
	}
}
