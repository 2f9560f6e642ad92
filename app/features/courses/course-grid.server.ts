import type { OwnCourseFilter } from '@leerplein/db/catalogue'
import { COURSE_FORMS } from '@leerplein/domain'
import { gridField } from '../../core/grid-query.server.ts'

// The unit's course grid's filters as the query string names them (issue 14), and what they mean to the database.

export const COURSE_GRID_FILTERS = {
	/** Words in the title. */
	q: gridField.text,
	status: gridField.choice(['draft', 'published', 'archived']),
	vorm: gridField.choice(COURSE_FORMS),
}

export type CourseGridFilters = { q?: string; status?: 'draft' | 'published' | 'archived'; vorm?: (typeof COURSE_FORMS)[number] }

export function ownCourseFilter(filters: CourseGridFilters): OwnCourseFilter {
	return { search: filters.q, status: filters.status, form: filters.vorm }
}
