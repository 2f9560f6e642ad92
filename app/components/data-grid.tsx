import { Form, Link, useLocation, useNavigate, useNavigation } from '@remix-run/react'
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table'
import type { FormEvent, ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Pagination } from './pagination.tsx'
import { ScrollRegion } from './scroll-region.tsx'

/** A column; `sortable` when the database can sort by it; `headerHidden` keeps its header for screen readers only. */
export type GridColumn<Row> = ColumnDef<Row> & { id: string; header: string; headerHidden?: boolean; sortable?: boolean }

/**
 * The portal's grid for long lists (issue 14): the database filters, sorts and pages, and the
 * state lives in the query string, so every view is a link and works without JavaScript.
 *
 * The filters are a GET form (`<name>-filter`) above the table; sortable headers are buttons of
 * that form (`sorteer=date`, `sorteer=-date` for descending), so sorting keeps the filters and
 * starts again at page 1; pages are links that keep everything. @tanstack/react-table renders
 * the rows (manual sorting and paging: the rows are the one page the database returned). The
 * table scrolls sideways inside its own named, focusable region on a narrow screen.
 */
export function DataGrid<Row>({
	name,
	caption,
	columns,
	rows,
	getRowId,
	sort,
	page,
	pages,
	count,
	filters,
	empty,
	beforeTable,
	afterTable,
}: {
	name: string
	caption: string
	columns: GridColumn<Row>[]
	rows: Row[]
	getRowId: (row: Row) => string
	sort: { id: string; desc: boolean }
	page: number
	pages: number
	/** "312 aanvragen": what matches the filters, announced when it changes. */
	count: string
	/** The filter fields (named as the route reads them). */
	filters: ReactNode
	empty: ReactNode
	/** Between the count and the table (select all that match). */
	beforeTable?: ReactNode
	/** After the table, given the rows on the page. */
	afterTable?: (pageRows: Row[]) => ReactNode
}) {
	const { t } = useTranslation()
	const location = useLocation()
	const navigation = useNavigation()
	const formId = `${name}-filter`
	const table = useReactTable({
		data: rows,
		columns,
		getRowId,
		state: { sorting: [sort] },
		getCoreRowModel: getCoreRowModel(),
		manualSorting: true,
		manualPagination: true,
		pageCount: pages,
	})
	const loading = navigation.state === 'loading' && navigation.location.pathname === location.pathname
	const navigate = useNavigate()
	// With JavaScript the same GET, with one `sorteer` in the URL instead of the current one and the button's.
	const submit = (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault()
		const submitter = (event.nativeEvent as SubmitEvent).submitter
		const params = new URLSearchParams()
		for (const [key, value] of new FormData(event.currentTarget, submitter)) if (typeof value === 'string') params.set(key, value)
		navigate(`${location.pathname}?${params}`, { preventScrollReset: true })
	}
	return (
		<>
			<Form method="get" id={formId} className="grid-filters" role="search" aria-label={t('grid.filters', { caption })} onSubmit={submit}>
				<div className="grid-filters__fields">{filters}</div>
				{/* The current sort; a sort button's own value comes after it and wins. */}
				<input type="hidden" name="sorteer" value={sort.desc ? `-${sort.id}` : sort.id} />
				<div className="grid-filters__actions">
					<button type="submit" className="button">
						{t('grid.apply')}
					</button>
					<Link to={location.pathname}>{t('grid.reset')}</Link>
				</div>
			</Form>
			<p className="result-count" role="status">
				{count}
			</p>
			{beforeTable}
			{rows.length === 0 ? (
				<p className="empty-state">{empty}</p>
			) : (
				<ScrollRegion label={caption} id={name}>
					<table className="sessions data-grid" aria-busy={loading || undefined}>
						<caption className="visually-hidden">{caption}</caption>
						<thead>
							{table.getHeaderGroups().map((group) => (
								<tr key={group.id}>
									{group.headers.map((header) => {
										const { header: label, headerHidden, sortable } = header.column.columnDef as GridColumn<Row>
										const sorted = sort.id === header.column.id ? (sort.desc ? 'descending' : 'ascending') : undefined
										// Ascending first; a column sorted ascending turns descending.
										const nextValue = sorted === 'ascending' ? `-${header.column.id}` : header.column.id
										return (
											<th key={header.id} scope="col" aria-sort={sortable ? (sorted ?? 'none') : undefined}>
												{sortable ? (
													<button type="submit" form={formId} name="sorteer" value={nextValue} className="data-grid__sort">
														{label}
														<span className="visually-hidden">{sorted ? ` (${t(sorted === 'ascending' ? 'table.sortAscending' : 'table.sortDescending')})` : ''}</span>
														<span aria-hidden="true">{sorted === 'ascending' ? ' ▲' : sorted === 'descending' ? ' ▼' : ' ↕'}</span>
													</button>
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
										<td key={cell.id}>{flexRender(cell.column.columnDef.cell ?? ((context) => String(context.getValue() ?? '')), cell.getContext())}</td>
									))}
								</tr>
							))}
						</tbody>
					</table>
				</ScrollRegion>
			)}
			{afterTable?.(rows)}
			<Pagination page={page} pages={pages} label={`${t('pagination.label')}: ${caption}`} anchor={name} />
		</>
	)
}

/** A labelled filter control for a grid's filter form: a text, date or number input, or a select. */
export function GridFilter({
	id,
	label,
	children,
}: {
	id: string
	label: string
	/** The control, with this `id`. */
	children: ReactNode
}) {
	return (
		<div className="grid-filter">
			<label htmlFor={id}>{label}</label>
			{children}
		</div>
	)
}

/** The grid's free-text filter, `q`: words in what the grid shows. */
export function GridSearch({ label, value }: { label: string; value: string | undefined }) {
	return (
		<GridFilter id="filter-q" label={label}>
			<input type="search" id="filter-q" name="q" defaultValue={value ?? ''} maxLength={100} />
		</GridFilter>
	)
}

/** A choice among `options`, or any (`anyLabel`, the empty value), as query-string parameter `name`. */
export function GridSelect({
	name,
	label,
	value,
	anyLabel,
	options,
}: {
	name: string
	label: string
	value: string | number | undefined
	anyLabel: string
	options: readonly { value: string | number; label: string }[]
}) {
	const id = `filter-${name}`
	return (
		<GridFilter id={id} label={label}>
			<select id={id} name={name} defaultValue={value === undefined ? '' : String(value)}>
				<option value="">{anyLabel}</option>
				{options.map((option) => (
					<option key={option.value} value={option.value}>
						{option.label}
					</option>
				))}
			</select>
		</GridFilter>
	)
}

/** A day (YYYY-MM-DD) as query-string parameter `name`: one end of a period. */
export function GridDay({ name, label, value }: { name: string; label: string; value: string | undefined }) {
	const id = `filter-${name}`
	return (
		<GridFilter id={id} label={label}>
			<input type="date" id={id} name={name} defaultValue={value ?? ''} />
		</GridFilter>
	)
}
