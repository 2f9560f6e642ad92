import { getFormProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { ONLINE_PLACE } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { ErrorSummary, Field, useErrorText } from '../../components/field.tsx'
import { CoursePicker, type CourseChoice } from './course-picker.tsx'
import { editSessionFormSchema, type EditSessionReply, type sessionPlanValues } from './edit-session-schema.ts'
import { NEW_MEETING, planSessionFormSchema, type newSessionPlan, type PlanSessionReply } from './plan-session-schema.ts'

type Room = { id: string; name: string; capacity: number; locationName: string; city: string }
type Trainer = { id: string; name: string; kind: 'internal' | 'external'; organisation: string | null }

/** Planning a new session (with its course, and perhaps a weekly series), or changing a planned one. */
type Mode =
	| { kind: 'plan'; courses: CourseChoice; defaultValue: ReturnType<typeof newSessionPlan> }
	| { kind: 'edit'; defaultValue: ReturnType<typeof sessionPlanValues>; seatsTaken: number }

/**
 * Planning a session: the course, one or more meetings (date, times, room or online, trainers),
 * seats and what participants should know. Works without JavaScript (adding and removing a
 * meeting is a submit then); validated in the browser with the same schema as on the server.
 * Changing a planned session is the same form without course and series, each meeting carrying
 * its id, and the seats already given beside the capacity.
 */
export function SessionPlanForm({
	mode,
	lastResult,
	rooms,
	trainers,
}: {
	mode: Mode
	lastResult: PlanSessionReply | EditSessionReply | undefined
	rooms: Room[]
	trainers: Trainer[]
}) {
	const { t } = useTranslation()
	const errorText = useErrorText()
	const editing = mode.kind === 'edit'
	// One set of fields for both: the changing form is the planning form less course and series,
	// plus a hidden id per meeting (named below), which the planning form's type does not know.
	const schema = (editing ? editSessionFormSchema : planSessionFormSchema) as typeof planSessionFormSchema
	const [form, fields] = useForm({
		id: editing ? 'session-edit' : 'session-plan',
		lastResult,
		constraint: getZodConstraint(schema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		defaultValue: mode.defaultValue as ReturnType<typeof newSessionPlan>,
	})
	const meetings = fields.meetings.getFieldList()
	const placeOptions = [
		{ value: '', label: t('sessionPlan.placeChoose') },
		...rooms.map((room) => ({ value: room.id, label: t('sessionPlan.roomOption', { room: room.name, location: room.locationName, capacity: room.capacity }) })),
		{ value: ONLINE_PLACE, label: t('sessionPlan.online') },
	]
	const summaryFields = [
		...(editing ? [] : [{ meta: fields.courseId, label: t('sessionPlan.course') }]),
		...meetings.flatMap((meeting, index) => {
			const parts = meeting.getFieldset()
			const n = { number: index + 1 }
			return [
				{ meta: parts.date, label: `${t('sessionPlan.meeting', n)}: ${t('sessionPlan.date')}` },
				{ meta: parts.startTime, label: `${t('sessionPlan.meeting', n)}: ${t('sessionPlan.startTime')}` },
				{ meta: parts.endTime, label: `${t('sessionPlan.meeting', n)}: ${t('sessionPlan.endTime')}` },
				{ meta: parts.place, label: `${t('sessionPlan.meeting', n)}: ${t('sessionPlan.place')}` },
				{ meta: parts.trainerIds, label: `${t('sessionPlan.meeting', n)}: ${t('sessionPlan.trainers')}` },
			]
		}),
		{ meta: fields.capacity, label: t('sessionPlan.capacity') },
		{ meta: fields.minimumParticipants, label: t('sessionPlan.minimum') },
		{ meta: fields.enrolmentDeadline, label: t('sessionPlan.deadline') },
		{ meta: fields.onlineLink, label: t('sessionPlan.onlineLink') },
		{ meta: fields.participantNote, label: t('sessionPlan.note') },
		...(editing ? [] : [{ meta: fields.weeklySessions, label: t('sessionPlan.weekly') }]),
	]
	return (
		<>
			<Form method="post" className="session-plan-form" {...getFormProps(form)}>
				<ErrorSummary form={form} fields={summaryFields} formError={errorText(form.errors)} />
				<input type="hidden" name="intent" value={editing ? 'edit' : 'plan'} />
				{mode.kind === 'plan' ? (
					<CoursePicker meta={fields.courseId} choice={mode.courses} />
				) : null}
				{meetings.map((meeting, index) => {
					const parts = meeting.getFieldset()
					const trainerError = errorText(parts.trainerIds.errors)
					return (
						<fieldset key={meeting.key} className="meeting">
							<legend>{t('sessionPlan.meeting', { number: index + 1 })}</legend>
							{/* The meeting it was (empty: added now), so it keeps its id and its attendance. */}
							{editing ? <input type="hidden" name={`${meeting.name}.id`} defaultValue={(meeting.initialValue as { id?: string } | undefined)?.id ?? ''} /> : null}
							<Field meta={parts.date} label={t('sessionPlan.date')} type="date" />
							<div className="meeting__times">
								<Field meta={parts.startTime} label={t('sessionPlan.startTime')} type="time" />
								<Field meta={parts.endTime} label={t('sessionPlan.endTime')} type="time" />
							</div>
							<Field meta={parts.place} label={t('sessionPlan.place')} as="select" options={placeOptions} />
							<div className={trainerError ? 'field field--invalid' : 'field'}>
								<label htmlFor={parts.trainerIds.id}>{t('sessionPlan.trainers')}</label>
								<p className="field__hint" id={`${parts.trainerIds.id}-hint`}>
									{t('sessionPlan.trainersHint')}
								</p>
								<select
									{...getSelectProps(parts.trainerIds, { ariaAttributes: false })}
									multiple
									size={Math.min(5, Math.max(2, trainers.length))}
									aria-describedby={[`${parts.trainerIds.id}-hint`, trainerError ? parts.trainerIds.errorId : null].filter(Boolean).join(' ')}
									aria-invalid={trainerError ? true : undefined}
								>
									{trainers.map((trainer) => (
										<option key={trainer.id} value={trainer.id}>
											{trainer.organisation ? `${trainer.name} (${trainer.organisation})` : trainer.name}
										</option>
									))}
								</select>
								{trainerError ? (
									<p className="field__error" id={parts.trainerIds.errorId}>
										{trainerError}
									</p>
								) : null}
							</div>
							{meetings.length > 1 ? (
								<button className="button button--secondary" {...form.remove.getButtonProps({ name: fields.meetings.name, index })}>
									{t('sessionPlan.removeMeeting', { number: index + 1 })}
								</button>
							) : null}
						</fieldset>
					)
				})}
				<p>
					<button className="button button--secondary" {...form.insert.getButtonProps({ name: fields.meetings.name, defaultValue: NEW_MEETING })}>
						{t('sessionPlan.addMeeting')}
					</button>
				</p>
				<Field
					meta={fields.capacity}
					label={t('sessionPlan.capacity')}
					hint={mode.kind === 'edit' ? t('sessionEdit.capacityHint', { count: mode.seatsTaken }) : undefined}
					type="number"
					controlProps={{ min: 1, max: 1000, inputMode: 'numeric' }}
				/>
				<Field meta={fields.minimumParticipants} label={t('sessionPlan.minimum')} hint={t('sessionPlan.minimumHint')} type="number" controlProps={{ min: 1, inputMode: 'numeric' }} />
				<Field meta={fields.enrolmentDeadline} label={t('sessionPlan.deadline')} hint={t('sessionPlan.deadlineHint')} type="date" />
				<Field meta={fields.onlineLink} label={t('sessionPlan.onlineLink')} hint={t('sessionPlan.onlineLinkHint')} type="url" />
				<Field meta={fields.participantNote} label={t('sessionPlan.note')} hint={t('sessionPlan.noteHint')} as="textarea" rows={3} />
				{editing ? null : (
					<Field meta={fields.weeklySessions} label={t('sessionPlan.weekly')} hint={t('sessionPlan.weeklyHint')} type="number" controlProps={{ min: 1, max: 26, inputMode: 'numeric' }} />
				)}
				<p>
					<button type="submit" className="button">
						{editing ? t('sessionEdit.submit') : t('sessionPlan.submit')}
					</button>
				</p>
			</Form>
		</>
	)
}
