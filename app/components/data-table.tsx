import { Link, useLocation } from '@remix-run/react'
import {
	flexRender,
	getCoreRowModel,
	getPaginationRowModel,
	getSortedRowModel,
	useReactTable,
	type ColumnDef,
	type SortingState,
} from '@tanstack/react-table'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Pagination } from './pagination.tsx'
import { ScrollRegion } from './scroll-region.tsx'

/** A column; `headerHidden` keeps its header for screen readers only (a column of row actions). */
export type DataColumn<Row> = ColumnDef<Row> & { id: string; header: string; headerHidden?: boolean }

/**
 * Sorting and paging done by the database, for a list too long to send whole: the route reads
 * them from its own query parameters, loads one page, and says how a header link asks for
 * another sort. Pages are `?pagina=` (the Pagination component).
 */
export type ServerSideTable = {
	sort: { id: string; desc: boolean }
	/** The URL of the list sorted by column `id`, in the route's own parameters. */
	sortHref: (id: string, desc: boolean) => string
	page: number
	pages: number
}

/**
 * A sortable, paged table that works without JavaScript: sorting and paging live in the query
 * string (`<name>-sorteer`, `<name>-pagina`), headers and pages are plain links, and
 * @tanstack/react-table does the sorting and slicing on the server render and in the browser alike.
 * With `server`, the rows are one page the database sorted and sliced (manual sorting and paging).
 */
export function DataTable<Row>({
	name,
	caption,
	columns,
	rows,
	empty,
	pageSize = 20,
	initialSort,
	afterTable,
	server,
}: {
	name: string
	caption: string
	columns: DataColumn<Row>[]
	rows: Row[]
	empty: ReactNode
	pageSize?: number
	initialSort?: { id: string; desc: boolean }
	/** Rendered after the table, given the rows on the shown page (a form keeps selections of other pages with it). */
	afterTable?: (pageRows: Row[]) => ReactNode
	/** Sorted and paged by the database: `rows` is the page to show. */
	server?: ServerSideTable
}) {
	const { t } = useTranslation()
	const location = useLocation()
	const params = new URLSearchParams(location.search)
	const sortParam = params.get(`${name}-sorteer`)
	const sorting: SortingState = server
		? [server.sort]
		: sortParam
			? [{ id: sortParam.replace(/^-/, ''), desc: sortParam.startsWith('-') }]
			: initialSort
				? [initialSort]
				: []
	const pages = server ? server.pages : Math.max(1, Math.ceil(rows.length / pageSize))
	const page = server ? server.page : Math.min(pages, Math.max(1, Number.parseInt(params.get(`${name}-pagina`) ?? '1', 10) || 1))
	const table = useReactTable({
		data: rows,
		columns,
		state: { sorting, pagination: { pageIndex: page - 1, pageSize: server ? Math.max(rows.length, 1) : pageSize } },
		getCoreRowModel: getCoreRowModel(),
		...(server
			? { manualSorting: true, manualPagination: true, pageCount: pages }
			: { getSortedRowModel: getSortedRowModel(), getPaginationRowModel: getPaginationRowModel(), manualPagination: false }),
		// The page lives in the URL. Left on, a re-render with new columns (a ticked checkbox) would
		// reset the page index, which re-renders, which resets it again: a loop that hangs the tab.
		autoResetPageIndex: false,
	})
	const href = (changes: Record<string, string | null>) => {
		const next = new URLSearchParams(location.search)
		for (const [key, value] of Object.entries(changes)) {
			if (value === null) next.delete(key)
			else next.set(key, value)
		}
		const query = next.toString()
		return `${location.pathname}${query ? `?${query}` : ''}#${name}`
	}
	// Ascending first; a column sorted ascending turns descending.
	const sortHref = (id: string, sorted: false | 'asc' | 'desc') =>
		server ? server.sortHref(id, sorted === 'asc') : href({ [`${name}-sorteer`]: sorted === 'asc' ? `-${id}` : id, [`${name}-pagina`]: null })
	if (rows.length === 0) return <p className="empty-state">{empty}</p>
	return (
		<>
			<ScrollRegion label={caption} id={name}>
				<table className="sessions data-table">
					<caption className="visually-hidden">{caption}</caption>
					<thead>
						{table.getHeaderGroups().map((group) => (
							<tr key={group.id}>
								{group.headers.map((header) => {
									const column = header.column
									const sorted = column.getIsSorted()
									const { header: label, headerHidden } = column.columnDef as DataColumn<Row>
									return (
										<th
											key={header.id}
											scope="col"
											aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
										>
											{column.getCanSort() ? (
												<Link to={sortHref(column.id, sorted)}>
													{label}
													<span className="visually-hidden">
														{sorted ? ` (${sorted === 'asc' ? t('table.sortAscending') : t('table.sortDescending')})` : ''}
													</span>
													<span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
												</Link>
											) : headerHidden ? (
												<span className="visually-hidden">{label}</span>
											) : (
												label
											)}
										</th>
									)
								})}
							</tr>
						))}
					</thead>
					<tbody>
						{table.getRowModel().rows.map((row) => (
							<tr key={row.id}>
								{row.getVisibleCells().map((cell) => (
									<td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
								))}
							</tr>
						))}
					</tbody>
				</table>
			</ScrollRegion>
			{afterTable?.(table.getRowModel().rows.map((row) => row.original))}
			{server ? (
				<Pagination page={page} pages={pages} label={`${t('pagination.label')}: ${caption}`} />
			) : pages > 1 ? (
				<nav className="pagination" aria-label={`${t('pagination.label')}: ${caption}`}>
					<p className="pagination__status">{t('pagination.status', { page, pages })}</p>
					<ul>
						{page > 1 ? (
							<li>
								<Link to={href({ [`${name}-pagina`]: String(page - 1) })} rel="prev">
									{t('pagination.previous')}
								</Link>
							</li>
						) : null}
						{page < pages ? (
							<li>
								<Link to={href({ [`${name}-pagina`]: String(page + 1) })} rel="next">
									{t('pagination.next')}
								</Link>
							</li>
						) : null}
					</ul>
				</nav>
			) : null}
		</>
	)
}
