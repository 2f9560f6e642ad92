import PDFDocument from 'pdfkit'
import type { TFunction } from 'i18next'
import { isUuid, type MeetingMark } from '@leerplein/domain'
import { formatDate, formatTimeRange } from '../../utils/format.ts'
import { CSV_TYPE, tableCsv, tableXlsx, XLSX_TYPE } from '../../core/table-files.server.ts'
import type { AttendanceSheet } from './attendance-sheet.server.ts'

// The lists a coordinator or trainer takes out of Leerplein (issue 14, item 7): the participant
// and attendance list as XLSX (exceljs) and CSV (csv-stringify), and a printable attendance sheet
// per meeting as PDF (pdfkit). Only rendering: the service has loaded and authorised the data.

type Lists = AttendanceSheet & { session: { courseTitle: string; startsAt: Date; city: string | null } }
type Meeting = AttendanceSheet['meetings'][number]

/** A file name of the course and date, in plain ASCII (for Content-Disposition). */
export function listFileName(lists: Lists, kind: string, extension: string): string {
	const slug = lists.session.courseTitle
		.normalize('NFKD')
		.replace(/[^\w\s-]/g, '')
		.trim()
		.replace(/\s+/g, '-')
		.toLowerCase()
		.slice(0, 60)
	return `${kind}-${slug}-${lists.session.startsAt.toISOString().slice(0, 10)}.${extension}`
}

function markText(mark: MeetingMark | null, t: TFunction): string {
	return mark === 'present' ? t('attendance.present') : mark === 'absent' ? t('attendance.absent') : ''
}

function outcomeText(outcome: Lists['participants'][number]['outcome'], t: TFunction): string {
	const values = { present: outcome.present, meetings: outcome.meetings, required: outcome.required }
	return outcome.status === 'attended' ? t('attendance.outcomeAttended', values) : outcome.status === 'no_show' ? t('attendance.outcomeNoShow', values) : t('attendance.outcomePending', values)
}

function meetingLabel(meeting: Meeting, n: number, language: string, t: TFunction): string {
	return t('attendance.meetingTab', { n, date: `${formatDate(meeting.startsAt, language)} ${formatTimeRange(meeting.startsAt, meeting.endsAt, language)}` })
}

/** The list's header and rows: name, e-mail, unit, enrolment status, a mark per meeting, the session's outcome. */
function table(lists: Lists, t: TFunction, language: string): { header: string[]; rows: string[][] } {
	const header = [
		t('sessionAdmin.name'),
		t('attendance.email'),
		t('attendance.unit'),
		t('attendance.enrolment'),
		...lists.meetings.map((meeting, k) => meetingLabel(meeting, k + 1, language, t)),
		t('attendance.outcome'),
	]
	const rows = lists.participants.map((person) => [
		person.name,
		person.email,
		person.unitShortName,
		t(`enrolmentStatus.${person.status}`),
		...lists.meetings.map((meeting) => markText(person.marks[meeting.id] ?? null, t)),
		outcomeText(person.outcome, t),
	])
	return { header, rows }
}

/** The participant and attendance list as an Excel workbook. */
export function participantListXlsx(lists: Lists, t: TFunction, language: string): Promise<Buffer> {
	return tableXlsx(table(lists, t, language), t('sessionAdmin.participants'))
}

/** The same list as CSV (semicolons, a byte-order mark, formulas defused). */
export function participantListCsv(lists: Lists, t: TFunction, language: string): string {
	return tableCsv(table(lists, t, language))
}

/** A printable attendance sheet of one meeting: who is expected, with room for a signature. */
export async function attendanceSheetPdf(lists: Lists, meeting: Meeting, t: TFunction, language: string): Promise<Buffer> {
	const n = lists.meetings.findIndex((candidate) => candidate.id === meeting.id) + 1
	const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `${t('attendance.sheetTitle')} ${lists.session.courseTitle}`, Author: 'Leerplein' }, lang: language === 'en' ? 'en-GB' : 'nl-NL', displayTitle: true })
	const chunks: Buffer[] = []
	doc.on('data', (chunk: Buffer) => chunks.push(chunk))
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)))
		doc.on('error', reject)
	})
	const place = meeting.online ? t('attendance.online') : meeting.roomName ? `${meeting.roomName}, ${meeting.locationName ?? ''}` : (lists.session.city ?? t('attendance.online'))
	doc.font('Helvetica-Bold').fontSize(18).text(t('attendance.sheetTitle'))
	doc.font('Helvetica-Bold').fontSize(13).text(lists.session.courseTitle)
	doc.moveDown(0.5).font('Helvetica').fontSize(11)
	doc.text(t('attendance.sheetMeeting', { n, total: lists.meetings.length, date: formatDate(meeting.startsAt, language), time: formatTimeRange(meeting.startsAt, meeting.endsAt, language) }))
	doc.text(t('attendance.sheetPlace', { place }))
	if (meeting.trainers.length > 0) doc.text(t('attendance.sheetTrainers', { names: meeting.trainers.map((trainer) => trainer.name).join(', ') }))
	doc.text(t('attendance.sheetCount', { count: lists.participants.length }))
	doc.moveDown()

	const left = doc.page.margins.left
	const width = doc.page.width - left - doc.page.margins.right
	const columns = [0.06, 0.4, 0.16, 0.38].map((share) => share * width)
	const rowHeight = 28
	const row = (cells: string[], bold: boolean) => {
		if (doc.y + rowHeight > doc.page.height - doc.page.margins.bottom) doc.addPage()
		const y = doc.y
		let x = left
		doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10)
		cells.forEach((cell, k) => {
			doc.rect(x, y, columns[k]!, rowHeight).stroke('#999999')
			doc.fillColor('#000000').text(cell, x + 4, y + 9, { width: columns[k]! - 8, height: rowHeight - 10, ellipsis: true, lineBreak: false })
			x += columns[k]!
		})
		doc.x = left
		doc.y = y + rowHeight
	}
	row(['#', t('sessionAdmin.name'), t('attendance.unit'), t('attendance.sheetSignature')], true)
	lists.participants.forEach((person, k) => row([String(k + 1), person.name, person.unitShortName, ''], false))
	doc.end()
	return done
}

/** Which list a download link asks for: `?formaat=xlsx|csv`, or `?formaat=pdf&bijeenkomst=<meeting id>`. */
export function parseListQuery(url: URL): { format: 'xlsx' | 'csv' } | { format: 'pdf'; meetingId: string } | null {
	const format = url.searchParams.get('formaat')
	const meetingId = url.searchParams.get('bijeenkomst')
	if (format === 'xlsx' || format === 'csv') return { format }
	if (format === 'pdf' && meetingId && isUuid(meetingId)) return { format, meetingId }
	return null
}

/** The requested file: its bytes, media type and name. */
export async function renderList(lists: Lists & { meeting: Meeting | null }, format: 'xlsx' | 'csv' | 'pdf', t: TFunction, language: string) {
	switch (format) {
		case 'xlsx':
			return { body: new Uint8Array(await participantListXlsx(lists, t, language)), contentType: XLSX_TYPE, fileName: listFileName(lists, 'deelnemers', 'xlsx') }
		case 'csv':
			return { body: participantListCsv(lists, t, language), contentType: CSV_TYPE, fileName: listFileName(lists, 'deelnemers', 'csv') }
		case 'pdf': {
			if (!lists.meeting) throw new Error('an attendance sheet needs a meeting')
			const n = lists.meetings.findIndex((meeting) => meeting.id === lists.meeting!.id) + 1
			return { body: new Uint8Array(await attendanceSheetPdf(lists, lists.meeting, t, language)), contentType: 'application/pdf', fileName: listFileName(lists, `presentielijst-${n}`, 'pdf') }
		}
		default: {
			const unreachable: never = format
			throw new Error(`unknown list format ${String(unreachable)}`)
		}
	}
}
