import { listCatalogue, withTenantContext } from '@leerplein/db'
import { pageCount, pageWindow } from '@leerplein/domain'
import type { LeerpleinContext } from '../../load-context.ts'

export const CATALOGUE_PAGE_SIZE = 20

/** One page of the shared catalogue as the viewer's unit may see it, newest first. */
export async function listCataloguePage(
	{ db }: Pick<LeerpleinContext, 'db'>,
	{ viewerTenantId, page }: { viewerTenantId: string | null; page: number },
) {
	const window = pageWindow(page, CATALOGUE_PAGE_SIZE)
	// Row-level security sees the same viewer as the query's own visibility filter.
	const { entries, total } = await withTenantContext(db, { tenantId: viewerTenantId, userId: null }, (tx) =>
		listCatalogue(tx, { viewerTenantId, limit: window.pageSize, offset: window.offset }),
	)
	return { entries, total, page, pages: pageCount(total, CATALOGUE_PAGE_SIZE) }
}
