import { listOwnCourses, listTenants, withTenantContext, type OwnCourseSort } from '@leerplein/db'
import { pageCount, pageWindow } from '@leerplein/domain'
import type { LeerpleinContext } from '../../load-context.ts'

const PAGE_SIZE = 25

/** A unit's own courses for its coordinators, sorted and paged. */
export async function listOwnCoursesPage(
	{ db }: Pick<LeerpleinContext, 'db'>,
	{ tenantId, userId, sort, direction, page }: { tenantId: string; userId: string; sort: OwnCourseSort; direction: 'asc' | 'desc'; page: number },
) {
	const window = pageWindow(page, PAGE_SIZE)
	const [{ rows, total }, units] = await withTenantContext(db, { tenantId, userId }, (tx) =>
		Promise.all([listOwnCourses(tx, { tenantId, sort, direction, limit: window.pageSize, offset: window.offset }), listTenants(tx)]),
	)
	const unit = units.find((candidate) => candidate.id === tenantId)?.name ?? ''
	return { rows, total, page, pages: pageCount(total, PAGE_SIZE), unit }
}
