import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'

// The one way a table leaves Leerplein as a spreadsheet: XLSX (exceljs) and CSV (csv-stringify).
// Only rendering: the service has loaded and authorised the rows.

export type Table = { header: string[]; rows: string[][] }

/** The table as an Excel workbook of one sheet: a bold, frozen header and columns as wide as their text (up to 50). */
export async function tableXlsx({ header, rows }: Table, sheetName: string): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook()
	workbook.creator = 'Leerplein'
	const sheet = workbook.addWorksheet(sheetName.slice(0, 31))
	sheet.addRow(header).font = { bold: true }
	for (const row of rows) sheet.addRow(row)
	sheet.columns.forEach((column, k) => {
		column.width = Math.min(50, Math.max(12, ...[header[k] ?? '', ...rows.map((row) => row[k] ?? '')].map((cell) => cell.length + 2)))
	})
	sheet.views = [{ state: 'frozen', ySplit: 1 }]
	return Buffer.from(await workbook.xlsx.writeBuffer())
}

/**
 * The table as CSV: semicolons and a byte-order mark, so Excel with Dutch settings opens it in
 * columns and with its accents; quoted where a value needs it (RFC 4180 otherwise). A cell
 * starting with = + - @ would be a formula in a spreadsheet: prefixed, as OWASP advises.
 */
export function tableCsv({ header, rows }: Table): string {
	const safe = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)
	return `\uFEFF${stringify([header, ...rows.map((row) => row.map(safe))], { delimiter: ';', record_delimiter: 'windows' })}`
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const CSV_TYPE = 'text/csv; charset=utf-8'

/** A file download, never cached: the rows are people's data. */
export function fileResponse(body: BodyInit, contentType: string, fileName: string): Response {
	return new Response(body, { headers: { 'Content-Type': contentType, 'Content-Disposition': `attachment; filename="${fileName}"`, 'Cache-Control': 'private, no-store' } })
}
