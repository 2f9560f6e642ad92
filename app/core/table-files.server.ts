import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import { strToU8, zipSync } from 'fflate'

// The one way a table leaves Leerplein as a spreadsheet: XLSX (exceljs), ODS (OpenDocument,
// written here and zipped by fflate, ADR 043) and CSV (csv-stringify).
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

const xml = (text: string) =>
	text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		// Characters XML 1.0 cannot hold at all; the forms refuse them, a title from elsewhere might not.
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')

/**
 * The table as an OpenDocument spreadsheet (ODF 1.2) of one sheet, the same cells as text as
 * the XLSX and CSV hold: the format the government's open-standards list asks for. Only the
 * three parts a reader needs; `mimetype` first and stored, as the standard requires.
 */
export function tableOds({ header, rows }: Table, sheetName: string): Uint8Array {
	const cell = (text: string) => `<table:table-cell office:value-type="string"><text:p>${xml(text)}</text:p></table:table-cell>`
	const row = (cells: string[]) => `<table:table-row>${cells.map(cell).join('')}</table:table-row>`
	const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="${xml(sheetName.slice(0, 31))}"><table:table-column table:number-columns-repeated="${Math.max(1, header.length)}"/>${row(header)}${rows.map(row).join('')}</table:table></office:spreadsheet></office:body></office:document-content>`
	const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="${ODS_TYPE}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`
	return zipSync({ mimetype: [strToU8(ODS_TYPE), { level: 0 }], 'META-INF/manifest.xml': strToU8(manifest), 'content.xml': strToU8(content) })
}

export const ODS_TYPE = 'application/vnd.oasis.opendocument.spreadsheet'
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const CSV_TYPE = 'text/csv; charset=utf-8'

/** A file download, never cached: the rows are people's data. */
export function fileResponse(body: BodyInit, contentType: string, fileName: string): Response {
	return new Response(body, { headers: { 'Content-Type': contentType, 'Content-Disposition': `attachment; filename="${fileName}"`, 'Cache-Control': 'private, no-store' } })
}

/** The formats a table downloads as, each holding the same cells. */
export const TABLE_FORMATS = ['csv', 'xlsx', 'ods'] as const
export type TableFormat = (typeof TABLE_FORMATS)[number]

/** `table` as a download named `{name}.{format}`; `sheet` names the spreadsheet's one sheet. */
export async function tableFile(table: Table, format: TableFormat, { name, sheet }: { name: string; sheet: string }): Promise<Response> {
	if (format === 'xlsx') return fileResponse(new Uint8Array(await tableXlsx(table, sheet)), XLSX_TYPE, `${name}.xlsx`)
	if (format === 'ods') return fileResponse(new Uint8Array(tableOds(table, sheet)), ODS_TYPE, `${name}.ods`)
	return fileResponse(tableCsv(table), CSV_TYPE, `${name}.csv`)
}
