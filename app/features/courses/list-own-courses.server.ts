import { listOwnCourses, type OwnCourseRow, type OwnCourseSort } from '@leerplein/db/catalogue'
import { listTenants } from '@leerplein/db/tenants'
import { can, pageCount, pageWindow } from '@leerplein/domain'
import { inTenant, refuse, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { ownCourseFilter, type CourseGridFilters } from './course-grid.server.ts'
import { ownCourses } from './own-courses.ts'

const PAGE_SIZE = 25

export type OwnCoursesPage = { rows: OwnCourseRow[]; total: number; page: number; pages: number; unit: string }

/** The asker's unit's own courses, for its coordinators, filtered, sorted and paged in the database. */
export async function listOwnCoursesPage(
	ctx: ServiceContext,
	{ actor, filters = {}, sort, page }: { actor: Actor; filters?: CourseGridFilters; sort: { id: OwnCourseSort; desc: boolean }; page: number },
): Promise<ServiceResult<OwnCoursesPage>> {
	if (!can(actor, 'create', ownCourses(actor))) return refuse('forbidden', 'FORBIDDEN')
	const window = pageWindow(page, PAGE_SIZE)
	return inTenant(ctx, actor, async (tx) => {
		const [{ rows, total }, units] = await Promise.all([
			listOwnCourses(tx, { tenantId: actor.tenantId, filter: ownCourseFilter(filters), sort: sort.id, direction: sort.desc ? 'desc' : 'asc', limit: window.pageSize, offset: window.offset }),
			listTenants(tx),
		])
		const unit = units.find((candidate) => candidate.id === actor.tenantId)?.name ?? ''
		return { rows, total, page, pages: pageCount(total, PAGE_SIZE), unit }
	})
}
export { OWN_COURSE_SORTS, type OwnCourseSort } from '@leerplein/db/catalogue'
