import { cloneElement, type ReactElement } from 'react'
import { ScrollRegion } from '../../components/scroll-region.tsx'
import type { ReportFilters } from './report-filters.ts'

// The parts both report pages share: a field of the GET form, and a table of cells.

/** A field of the GET form with its label, hint and the error beside it, tied by aria. */
export function FilterField({ name, label, hint, error, children }: { name: keyof ReportFilters; label: string; hint?: string; error: string | null; children: ReactElement<Record<string, unknown>> }) {
	const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(' ') || undefined
	const control = cloneElement(children, { id: name, name, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })
	return (
		<div className={['field', error ? 'field--invalid' : null].filter(Boolean).join(' ')}>
			<label htmlFor={name}>{label}</label>
			{hint ? (
				<p className="field__hint" id={`${name}-hint`}>
					{hint}
				</p>
			) : null}
			{control}
			{error ? (
				<p className="field__error" id={`${name}-error`}>
					{error}
				</p>
			) : null}
		</div>
	)
}

/** The chart's numbers as a real table: the first column names each row (`th scope="row"`). */
export function CellTable({ caption, table, name }: { caption: string; table: { header: string[]; rows: string[][] }; name: string }) {
	return (
		<ScrollRegion label={caption}>
			<table className="data-table" data-report-table={name}>
				<caption>{caption}</caption>
				<thead>
					<tr>
						{table.header.map((cell, k) => (
							<th key={k} scope="col">
								{cell}
							</th>
						))}
					</tr>
				</thead>
				<tbody>
					{table.rows.map((row, r) => (
						<tr key={r}>
							{row.map((cell, k) =>
								k === 0 ? (
									<th key={k} scope="row">
										{cell}
									</th>
								) : (
									<td key={k}>{cell}</td>
								),
							)}
						</tr>
					))}
				</tbody>
			</table>
		</ScrollRegion>
	)
}
