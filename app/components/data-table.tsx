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

export type DataColumn<Row> = ColumnDef<Row> & { id: string; header: string }

/**
 * A sortable, paged table that works without JavaScript: sorting and paging live in the query
 * string (`<name>-sorteer`, `<name>-pagina`), headers and pages are plain links, and
 * @tanstack/react-table does the sorting and slicing on the server render and in the browser alike.
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
}) {
	const { t } = useTranslation()
	const location = useLocation()
	const params = new URLSearchParams(location.search)
	const sortParam = params.get(`${name}-sorteer`)
	const sorting: SortingState = sortParam
		? [{ id: sortParam.replace(/^-/, ''), desc: sortParam.startsWith('-') }]
		: initialSort
			? [initialSort]
			: []
	const pages = Math.max(1, Math.ceil(rows.length / pageSize))
	const page = Math.min(pages, Math.max(1, Number.parseInt(params.get(`${name}-pagina`) ?? '1', 10) || 1))
	const table = useReactTable({
		data: rows,
		columns,
		state: { sorting, pagination: { pageIndex: page - 1, pageSize } },
		getCoreRowModel: getCoreRowModel(),
		getSortedRowModel: getSortedRowModel(),
		getPaginationRowModel: getPaginationRowModel(),
		manualPagination: false,
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
	if (rows.length === 0) return <p className="empty-state">{empty}</p>
	return (
		<>
			{/* A table that scrolls sideways on a phone must be reachable by keyboard to scroll it. */}
			{/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
			<div className="table-scroll" role="region" aria-label={caption} tabIndex={0} id={name}>
				<table className="sessions data-table">
					<caption className="visually-hidden">{caption}</caption>
					<thead>
						{table.getHeaderGroups().map((group) => (
							<tr key={group.id}>
								{group.headers.map((header) => {
									const column = header.column
									const sorted = column.getIsSorted()
									const label = (column.columnDef as DataColumn<Row>).header
									return (
										<th
											key={header.id}
											scope="col"
											aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
										>
											{column.getCanSort() ? (
												<Link to={href({ [`${name}-sorteer`]: sorted === 'asc' ? `-${column.id}` : column.id, [`${name}-pagina`]: null })}>
													{label}
													<span className="visually-hidden">
														{sorted ? ` (${sorted === 'asc' ? t('table.sortAscending') : t('table.sortDescending')})` : ''}
													</span>
													<span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
												</Link>
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
			</div>
			{afterTable?.(table.getRowModel().rows.map((row) => row.original))}
			{pages > 1 ? (
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
