import { fail, ok, type Result } from '../result.ts'

export const MAX_PAGE = 10_000

export type PageError = 'PAGE_NOT_A_NUMBER' | 'PAGE_OUT_OF_RANGE'

/**
 * Reads a 1-based page number from a query-string value. A missing value is page 1;
 * anything that is not a whole number from 1 to MAX_PAGE is rejected, so a crafted
 * URL never turns into a huge OFFSET.
 */
export function parsePage(raw: string | null | undefined): Result<number, PageError> {
	if (raw === null || raw === undefined || raw === '') return ok(1)
	if (!/^\d+$/.test(raw.trim())) return fail('PAGE_NOT_A_NUMBER')
	const page = Number(raw.trim())
	if (page < 1 || page > MAX_PAGE) return fail('PAGE_OUT_OF_RANGE')
	return ok(page)
}

export type PageWindow = { page: number; pageSize: number; offset: number }

export function pageWindow(page: number, pageSize: number): PageWindow {
	return { page, pageSize, offset: (page - 1) * pageSize }
}

/** The number of pages needed for `total` rows; an empty list still has one (empty) page. */
export function pageCount(total: number, pageSize: number): number {
	return Math.max(1, Math.ceil(total / pageSize))
}
