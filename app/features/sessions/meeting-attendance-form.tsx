import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { EnrolmentStatus, MeetingMark, SessionAttendance } from '@leerplein/domain'
import { ErrorSummary, useErrorText } from '../../components/field.tsx'
import { formatDate, formatTimeRange } from '../../utils/format.ts'
import { meetingAttendanceSchema, meetingMarkField } from './meeting-attendance-schema.ts'

// Attendance per meeting, on the coordinator's session page and the trainer's page alike: pick a
// meeting, then one fieldset per participant with two large choices (present, absent) that work
// with a thumb at 320 px and with the keyboard (arrow keys move within a group). A partial save
// says who was saved and names each person whose row was refused, beside their row.

type Meeting = {
	id: string
	startsAt: string | Date
	endsAt: string | Date
	started: boolean
	/** May the reader register this meeting (a trainer: only meetings they teach)? */
	registrable: boolean
}
type Participant = { id: string; name: string; unitShortName: string; status: EnrolmentStatus; marks: Record<string, MeetingMark | null>; outcome: SessionAttendance }

/** What the action reports after a save: how many rows were saved, and who was refused (by field). */
export type AttendanceReport = { saved: number; refused: { name: string | null; field: string; code: string }[] }

export function MeetingAttendance({
	meetings,
	meetingId,
	participants,
	meetingHref,
	lastResult,
	report,
}: {
	meetings: Meeting[]
	meetingId: string | null
	participants: Participant[]
	meetingHref: (meetingId: string) => string
	lastResult: SubmissionResult<string[]> | undefined
	report: AttendanceReport | null
}) {
	const { t, i18n } = useTranslation()
	const errorText = useErrorText()
	const language = i18n.language
	const meeting = meetings.find((candidate) => candidate.id === meetingId) ?? null
	const n = meeting ? meetings.indexOf(meeting) + 1 : 0
	const [form, fields] = useForm({
		id: `aanwezigheid-${meetingId ?? 'geen'}`,
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: meetingAttendanceSchema }),
		shouldValidate: 'onSubmit',
	})
	// Conform's fields answer any name; the index type cannot know that.
	const markOf = (person: Participant) => fields[meetingMarkField(person.id)]!
	const when = (m: Meeting) => `${formatDate(new Date(m.startsAt), language)} ${formatTimeRange(new Date(m.startsAt), new Date(m.endsAt), language)}`
	const schemaErrors = report ? [] : participants.filter((person) => errorText(markOf(person).errors))

	return (
		<section className="attendance" aria-labelledby="aanwezigheid-titel">
			<h2 id="aanwezigheid-titel">{t('sessionAdmin.attendance')}</h2>
			<p className="field__hint">{t('attendance.rule')}</p>
			<nav aria-label={t('attendance.meetings')}>
				<ul className="meeting-tabs">
					{meetings.map((m, k) => (
						<li key={m.id}>
							<Link to={meetingHref(m.id)} aria-current={m.id === meetingId ? 'page' : undefined} preventScrollReset>
								{t('attendance.meetingTab', { n: k + 1, date: when(m) })}
							</Link>
						</li>
					))}
				</ul>
			</nav>
			{report ? (
				<>
					<p className="notice notice--success" role="status">
						{report.saved > 0 ? t('attendance.saved', { count: report.saved }) : t('attendance.savedNone')}
					</p>
					{report.refused.length > 0 ? (
						<div className="notice notice--error" role="alert">
							<p>{t('attendance.refusedTitle')}</p>
							<ul>
								{report.refused.map((row) => (
									<li key={row.field}>{t('attendance.refusedRow', { name: row.name ?? t('attendance.unknownPerson'), message: errorText([row.code]) })}</li>
								))}
							</ul>
						</div>
					) : null}
				</>
			) : null}
			{!meeting ? null : !meeting.started ? (
				<p className="notice">{t('attendance.notStarted')}</p>
			) : !meeting.registrable ? (
				<p className="notice">{t('attendance.notYours')}</p>
			) : (
				<Form method="post" {...getFormProps(form)} preventScrollReset>
					<input type="hidden" name="intent" value="attendance" />
					<input type="hidden" id={fields.meetingId.id} name="meetingId" value={meeting.id} />
					<h3>{t('attendance.meetingChoose', { n, date: when(meeting) })}</h3>
					<ErrorSummary
						form={form}
						fields={[{ meta: fields.meetingId, label: t('attendance.meeting', { n }) }, ...schemaErrors.map((person) => ({ meta: markOf(person), label: person.name }))]}
						formError={errorText(form.errors)}
					/>
					<ul className="marks">
						{participants.map((person) => {
							const meta = markOf(person)
							const rowError = errorText(meta.errors)
							const stored = person.marks[meeting.id] ?? null
							return (
								<li key={`${meeting.id}:${person.id}`}>
									<fieldset className={`mark${rowError ? ' field--invalid' : ''}`} aria-describedby={rowError ? meta.errorId : undefined}>
										<legend>
											<span className="mark__name">{person.name}</span> <span className="mark__unit">{person.unitShortName}</span>
											<span className="visually-hidden">: {t('attendance.markOf', { name: person.name })}</span>
										</legend>
										{rowError ? (
											<p className="field__error" id={meta.errorId}>
												{rowError}
											</p>
										) : null}
										<div className="mark__options">
											<label className="mark__option">
												<input type="radio" id={meta.id} name={meta.name} value="present" defaultChecked={stored === 'present'} />
												{t('attendance.present')}
											</label>
											<label className="mark__option">
												<input type="radio" name={meta.name} value="absent" defaultChecked={stored === 'absent'} />
												{t('attendance.absent')}
											</label>
										</div>
										<p className="mark__status">
											{t(`enrolmentStatus.${person.status}`)} · {t(OUTCOME_KEY[person.outcome.status], { present: person.outcome.present, meetings: person.outcome.meetings, required: person.outcome.required })}
										</p>
									</fieldset>
								</li>
							)
						})}
					</ul>
					<button type="submit" className="button button--wide">
						{t('attendance.save')}
					</button>
				</Form>
			)}
		</section>
	)
}

const OUTCOME_KEY = { pending: 'attendance.outcomePending', attended: 'attendance.outcomeAttended', no_show: 'attendance.outcomeNoShow' } as const

/** The download links of a session's lists: XLSX, CSV, and a PDF attendance sheet per meeting. */
export function SessionLists({ listHref, meetings }: { listHref: (query: string) => string; meetings: { id: string }[] }) {
	const { t } = useTranslation()
	return (
		<section className="panel" aria-labelledby="lijsten">
			<h2 id="lijsten">{t('attendance.lists')}</h2>
			<p>{t('attendance.listsIntro')}</p>
			<ul className="download-list">
				<li>
					<a href={listHref('formaat=xlsx')} download>
						{t('attendance.downloadXlsx')}
					</a>
				</li>
				<li>
					<a href={listHref('formaat=csv')} download>
						{t('attendance.downloadCsv')}
					</a>
				</li>
				{meetings.map((meeting, k) => (
					<li key={meeting.id}>
						<a href={listHref(`formaat=pdf&bijeenkomst=${meeting.id}`)} download>
							{t('attendance.downloadPdf', { n: k + 1 })}
						</a>
					</li>
				))}
			</ul>
		</section>
	)
}
