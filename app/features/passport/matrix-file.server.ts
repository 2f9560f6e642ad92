import type { TFunction } from 'i18next'
import { CSV_TYPE, tableCsv, tableXlsx, XLSX_TYPE, type Table } from '../../core/table-files.server.ts'
import { calendarDay, formatDate } from '../../utils/format.ts'
import type { PassportMatrix } from './passport-matrix.server.ts'

// The matrix as a file (issue 15, item 5): every person that matches the filters, a column per
// competency with the dot in words and its date, so the sheet needs no colour to be read.

function matrixTable(matrix: PassportMatrix, t: TFunction, language: string): Table {
	const header = [t('passportMatrix.person'), t('passportMatrix.jobProfile'), ...matrix.competencies.map((competency) => competency.name)]
	const rows = matrix.rows.map((row) => [
		row.name,
		row.jobProfile ?? '',
		...matrix.competencies.map((competency) => {
			const cell = row.cells[competency.id]
			if (!cell) return ''
			const until = cell.permanent ? t('passport.permanent') : cell.validUntil ? formatDate(calendarDay(cell.validUntil), language) : ''
			return until ? `${t(`passport.status_${cell.status}`)} (${until})` : t(`passport.status_${cell.status}`)
		}),
	])
	return { header, rows }
}

/** `?formaat=xlsx|csv`, or null for anything else. */
export function matrixFileFormat(url: URL): 'xlsx' | 'csv' | null {
	const format = url.searchParams.get('formaat')
	return format === 'xlsx' || format === 'csv' ? format : null
}

/** The matrix's file: bytes, media type and a name with the scope and the day. */
export async function renderMatrixFile(matrix: PassportMatrix, format: 'xlsx' | 'csv', t: TFunction, language: string, today: string) {
	const table = matrixTable(matrix, t, language)
	const fileName = `paspoorten-${matrix.scope === 'team' ? 'team' : 'eenheid'}-${today}.${format}`
	return format === 'xlsx'
		? { body: new Uint8Array(await tableXlsx(table, t('passportMatrix.title'))), contentType: XLSX_TYPE, fileName }
		: { body: tableCsv(table), contentType: CSV_TYPE, fileName }
}
