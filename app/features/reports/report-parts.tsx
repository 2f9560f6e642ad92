import { cloneElement, type ReactElement } from 'react'
import { useTranslation } from 'react-i18next'
import { ScrollRegion } from '../../components/scroll-region.tsx'
import type { ReportFilters } from './report-filters.ts'

// The parts both report pages share: the period's fields of the GET form, a table of cells, and its downloads.

/** A field of the GET form with its label, hint and the error beside it, tied by aria. */
export function FilterField({ name, label, hint, error, children }: { name: string; label: string; hint?: string; error: string | null; children: ReactElement<Record<string, unknown>> }) {
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

/** The period's two month fields (from, up to and including), with the errors beside them; empty filters show the period shown. */
export function PeriodFields({ filters, period, errorOf }: { filters: Pick<ReportFilters, 'van' | 'tot'>; period: { fromMonth: string; toMonth: string } | null; errorOf: (field: keyof ReportFilters) => string | null }) {
	const { t } = useTranslation()
	return (
		<>
			<FilterField name="van" label={t('report.from')} hint={t('report.monthHint')} error={errorOf('van')}>
				<input type="month" inputMode="numeric" placeholder="jjjj-mm" defaultValue={filters.van ?? period?.fromMonth ?? ''} />
			</FilterField>
			<FilterField name="tot" label={t('report.to')} hint={t('report.monthHint')} error={errorOf('tot')}>
				<input type="month" inputMode="numeric" placeholder="jjjj-mm" defaultValue={filters.tot ?? period?.toMonth ?? ''} />
			</FilterField>
		</>
	)
}

/** A table's downloads as CSV, XLSX and ODS: `href` gives each format's address, `label` its link text. */
export function ReportDownloads({ href, label }: { href: (format: string) => string; label: (format: string) => string }) {
	const { t } = useTranslation()
	return (
		<ul className="report-downloads" aria-label={t('report.exportTitle')}>
			{(['csv', 'xlsx', 'ods'] as const).map((format) => (
				<li key={format}>
					<a href={href(format)} download>
						{label(format.toUpperCase())}
					</a>
				</li>
			))}
		</ul>
	)
}
