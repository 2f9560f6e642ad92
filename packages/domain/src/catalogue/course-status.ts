import { fail, ok, type Result } from '../result.ts'
import type { CourseStatus } from './course.ts'

/** What a coordinator does to a course's status: publish it in the catalogue, or archive it. */
export const COURSE_STATUS_CHANGES = ['publish', 'archive'] as const
export type CourseStatusChange = (typeof COURSE_STATUS_CHANGES)[number]

/** What the rule needs to know of a course: its status, and the texts an employee needs before a course may be published. */
export type CourseForStatusChange = {
	status: CourseStatus
	learningGoals: string
	targetAudience: string
	contactName: string
	contactEmail: string
}

export type CourseStatusChangeCode = 'COURSE_ALREADY_PUBLISHED' | 'COURSE_ALREADY_ARCHIVED' | 'COURSE_STATUS_MERGED' | 'COURSE_INCOMPLETE'

/**
 * Which status a change leads to. A course is a draft until a coordinator publishes it; only a
 * course with learning goals, a target audience and a contact is published, so an employee can
 * judge it and ask about it. An archived course may be published again; a draft may be archived
 * without ever having been published. A merged course lives on in the one it was merged into: it
 * changes no more.
 */
export function decideCourseStatusChange(course: CourseForStatusChange, change: CourseStatusChange): Result<Exclude<CourseStatus, 'draft' | 'merged'>, CourseStatusChangeCode> {
	if (course.status === 'merged') return fail('COURSE_STATUS_MERGED')
	switch (change) {
		case 'publish':
			if (course.status === 'published') return fail('COURSE_ALREADY_PUBLISHED')
			if (missingForPublication(course).length > 0) return fail('COURSE_INCOMPLETE')
			return ok('published')
		case 'archive':
			if (course.status === 'archived') return fail('COURSE_ALREADY_ARCHIVED')
			return ok('archived')
		default: {
			const unknown: never = change
			return unknown
		}
	}
}

/** The texts a course still lacks before it may be published, in the form's order (empty: complete). */
export function missingForPublication(course: Omit<CourseForStatusChange, 'status'>): ('learningGoals' | 'targetAudience' | 'contact')[] {
	const missing: ('learningGoals' | 'targetAudience' | 'contact')[] = []
	if (course.learningGoals.trim() === '') missing.push('learningGoals')
	if (course.targetAudience.trim() === '') missing.push('targetAudience')
	if (course.contactName.trim() === '' || course.contactEmail.trim() === '') missing.push('contact')
	return missing
}
