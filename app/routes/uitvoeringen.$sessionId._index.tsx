import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation, useSearchParams } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { requirePermission } from '../features/identity/guard.server.ts'
import { ListSearch } from '../components/admin-list.tsx'
import { DataTable, type DataColumn } from '../components/data-table.tsx'
import { ErrorSummary, Field, useErrorText } from '../components/field.tsx'
import { useBulkSelection } from '../components/bulk-selection.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { cancelEnrolment } from '../features/enrolment/cancel-enrolment.server.ts'
import { cancelParticipantSchema } from '../features/enrolment/cancel-participant-schema.ts'
import { moveEnrolment } from '../features/enrolment/move-enrolment.server.ts'
import { moveSchema } from '../features/enrolment/move-schema.ts'
import { cancelParticipants } from '../features/enrolment/cancel-participants.server.ts'
import { mailParticipants } from '../features/enrolment/mail-participants.server.ts'
import { moveParticipants } from '../features/enrolment/move-participants.server.ts'
import { MESSAGE_LIMITS, PARTICIPANT_INTENTS, participantActionSchema } from '../features/enrolment/participant-action-schema.ts'
import { PARTICIPANT_FILTERS } from '../features/enrolment/participant-filter.server.ts'
import type { ParticipantOutcome as Outcome, ParticipantSelection } from '../features/enrolment/participant-selection.server.ts'
import { previewParticipantAction } from '../features/enrolment/preview-participant-action.server.ts'
import { PARTICIPANT_FORM, ParticipantOutcome, ParticipantPreview, type ParticipantOutcomeShown } from '../features/sessions/participant-actions.tsx'
import type { ErrorCode } from '../core/error-codes.ts'
import { capacitySchema } from '../features/sessions/capacity-schema.ts'
import { changeCapacity } from '../features/sessions/change-capacity.server.ts'
import { MeetingAttendance, SessionLists } from '../features/sessions/meeting-attendance-form.tsx'
import { meetingAttendanceSchema } from '../features/sessions/meeting-attendance-schema.ts'
import { registerMeetingAttendance } from '../features/sessions/register-meeting-attendance.server.ts'
import { ownUnitSession } from '../features/sessions/own-unit-session.ts'
import { showSessionAdmin } from '../features/sessions/show-session-admin.server.ts'
import { formatDate, formatTimeRange } from '../utils/format.ts'
import { statusOf, valueOrThrow } from '../core/http.server.ts'
import { invalidForm, parseForm, partlySavedForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { readGridFilters } from '../core/grid-query.server.ts'
import { idParam } from '../core/route-params.server.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownUnitSession)
	const sessionId = idParam(params, 'sessionId', 'SESSION_NOT_FOUND')
	const url = new URL(request.url)
	// The lists' filter, as "select all that match" sends it back (`filter`) to be resolved on the server.
	const filter = readGridFilters(url.search, PARTICIPANT_FILTERS)
	const filterQuery = filter.deelnemer ? new URLSearchParams({ deelnemer: filter.deelnemer }).toString() : ''
	const shown = valueOrThrow(await showSessionAdmin(context, { actor, sessionId, filter }))
	const asked = url.searchParams.get('bijeenkomst')
	// The meeting asked for, else the last one that has started, else the first.
	const meetingId = shown.attendance.meetings.find((meeting) => meeting.id === asked)?.id ?? (shown.attendance.meetings.filter((meeting) => meeting.started).at(-1) ?? shown.attendance.meetings[0])?.id ?? null
	const t = await i18next.getFixedT(request)
	return { ...shown, meetingId, filter: filter.deelnemer ?? '', filterQuery, title: `${shown.session.courseTitle} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

/** What a saved form reports above the page; its reply clears the form's errors. */
type Saved =
	| { form: 'capacity'; promoted: number }
	| { form: 'move'; name: string; status: 'enrolled' | 'waitlisted' | 'other'; to: { startsAt: Date; endsAt: Date; city: string | null } }
	| { form: 'cancel-enrolment' }

export async function action({ request, params, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownUnitSession)
	const sessionId = idParam(params, 'sessionId', 'SESSION_NOT_FOUND')
	const form = await readForm(request, { multiline: ['reason', 'message'] })
	const saved = (submission: { reply(): SubmissionResult<string[]> }, outcome: Saved) => data({ result: submission.reply(), saved: outcome })
	switch (requireIntent(form, ['capacity', 'move', 'attendance', 'cancel-enrolment', ...PARTICIPANT_INTENTS])) {
		case 'preview-cancel-selected':
		case 'preview-move-selected':
		case 'cancel-selected':
		case 'move-selected':
		case 'mail-selected': {
			const submission = parseForm(form, participantActionSchema)
			if (submission.status !== 'success') return invalidForm(submission)
			const { value } = submission
			// The ticked people, or all that match the lists' filter (resolved by the service, within this session).
			const selection = (chosen: { ids?: string[] | undefined; alles?: 'ja' | undefined; filter?: string | undefined }): ParticipantSelection =>
				chosen.alles === 'ja' ? { matching: readGridFilters(chosen.filter ?? '', PARTICIPANT_FILTERS) } : { enrolmentIds: chosen.ids ?? [] }
			if (value.intent === 'preview-cancel-selected' || value.intent === 'preview-move-selected') {
				// Nothing changes yet: the page shows who and what, and a form to do it on exactly them.
				const toSessionId = value.intent === 'preview-move-selected' ? value.toSessionId : undefined
				const preview = await previewParticipantAction(context, { actor, sessionId, ...selection(value), ...(toSessionId ? { toSessionId } : {}) })
				if (!preview.ok) return refusedForm(submission, preview)
				const action = value.intent === 'preview-cancel-selected' ? ('cancel' as const) : ('move' as const)
				return { result: submission.reply(), participantPreview: { ...preview.value, action, reason: value.intent === 'preview-cancel-selected' ? value.reason : '' } }
			}
			const done =
				value.intent === 'cancel-selected'
					? await cancelParticipants(context, { actor, sessionId, enrolmentIds: value.ids, reason: value.reason })
					: value.intent === 'move-selected'
						? await moveParticipants(context, { actor, sessionId, enrolmentIds: value.ids, toSessionId: value.toSessionId })
						: await mailParticipants(context, { actor, sessionId, ...selection(value), subject: value.subject, message: value.message })
			if (!done.ok) return refusedForm(submission, done)
			return bulkOutcome(submission, value.intent === 'cancel-selected' ? 'cancel' : value.intent === 'move-selected' ? 'move' : 'mail', done.value)
		}
		case 'capacity': {
			const submission = parseForm(form, capacitySchema)
			if (submission.status !== 'success') return invalidForm(submission)
			const result = await changeCapacity(context, { actor, sessionId, capacity: submission.value.capacity })
			if (!result.ok) return refusedForm(submission, result)
			return saved(submission, { form: 'capacity', promoted: result.value.promoted })
		}
		case 'move': {
			const submission = parseForm(form, moveSchema)
			if (submission.status !== 'success') return invalidForm(submission)
			const result = await moveEnrolment(context, { actor, enrolmentId: submission.value.enrolmentId, toSessionId: submission.value.toSessionId })
			if (!result.ok) return refusedForm(submission, result)
			const { employeeName: name, status, to } = result.value
			return saved(submission, { form: 'move', name, status: status === 'enrolled' || status === 'waitlisted' ? status : 'other', to })
		}
		case 'cancel-enrolment': {
			const submission = parseForm(form, cancelParticipantSchema)
			if (submission.status !== 'success') return invalidForm(submission)
			const { enrolmentId, reason } = submission.value
			const result = await cancelEnrolment(context, { actor, enrolmentId, session: { sessionId, reason } })
			if (!result.ok) return refusedForm(submission, result)
			return saved(submission, { form: 'cancel-enrolment' })
		}
		case 'attendance': {
			// Per meeting, row by row: a refused row is named and the others are saved.
			const submission = parseForm(form, meetingAttendanceSchema)
			if (submission.status !== 'success') return invalidForm(submission)
			const result = await registerMeetingAttendance(context, { actor, sessionId, ...submission.value })
			if (!result.ok) return refusedForm(submission, result)
			const { saved: savedRows, refused } = result.value
			return partlySavedForm(submission, refused, { saved: savedRows.length, refused: refused.map(({ name, field, code }) => ({ name, field, code })) })
		}
	}
}

/**
 * Each person on their own row; only when every one was refused does the answer as a whole fail,
 * with the first refusal's status (as the approvals inbox does).
 */
function bulkOutcome(submission: { reply(options?: { resetForm?: boolean }): SubmissionResult<string[]> }, action: ParticipantOutcomeShown['action'], outcomes: Outcome<unknown>[]) {
	const results = outcomes.map(({ enrolmentId, name, result }) => ({ id: enrolmentId, name, ok: result.ok, code: result.ok ? null : (result.code as ErrorCode) }))
	const firstRefusal = outcomes.find(({ result }) => !result.ok)?.result
	const done = results.filter((row) => row.ok).length
	const bulk: ParticipantOutcomeShown = { action, done, results }
	return data({ result: submission.reply({ resetForm: true }), bulk }, { status: done === 0 && firstRefusal && !firstRefusal.ok ? statusOf(firstRefusal.kind) : 200 })
}

type Person = ReturnType<typeof useLoaderData<typeof loader>>['participants'][number]
type Intent = Saved['form'] | 'attendance' | (typeof PARTICIPANT_INTENTS)[number]

export default function SessionAdmin() {
	const { session, meetings, participants, waitlist, counts, filter, filterQuery, moveTargets, started, attendance, meetingId, belowMinimum } = useLoaderData<typeof loader>()
	const location = useLocation()
	const [params] = useSearchParams()
	const planned = params.get('gepland') === '1'
	// After a change: how many people were told of a new date, time or place.
	const edited = params.has('gewijzigd') ? Math.max(0, Number(params.get('gewijzigd')) || 0) : null
	const actionData = useActionData<typeof action>()
	const lastResult = actionData && ('saved' in actionData || 'report' in actionData || 'bulk' in actionData || 'participantPreview' in actionData) ? actionData.result : actionData
	const bulk = actionData && 'bulk' in actionData ? actionData.bulk : null
	const participantPreview = actionData && 'participantPreview' in actionData ? actionData.participantPreview : null
	const saved = actionData && 'saved' in actionData ? actionData.saved : null
	const report = actionData && 'report' in actionData ? actionData.report : null
	// Several forms on one page: each takes the reply to its own intent only.
	const replyTo = (intent: Intent) => (lastResult?.initialValue?.intent === intent ? lastResult : undefined)
	const { t, i18n } = useTranslation()
	const errorText = useErrorText()
	const language = i18n.language
	const date = formatDate(new Date(session.startsAt), language)
	const cancelled = session.status === 'cancelled'
	const taken = counts.participants
	const listed = counts.participants + counts.waitlist

	const [moveForm, moveFields] = useForm({
		id: 'verplaatsen-formulier',
		lastResult: replyTo('move'),
		constraint: getZodConstraint(moveSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: moveSchema }),
	})
	const cancelReply = replyTo('cancel-enrolment')
	const [cancelForm, cancelFields] = useForm({
		id: 'annuleren-formulier',
		lastResult: cancelReply,
		constraint: getZodConstraint(cancelParticipantSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: cancelParticipantSchema }),
		shouldValidate: 'onSubmit',
	})
	const participantReply = PARTICIPANT_INTENTS.some((intent) => lastResult?.initialValue?.intent === intent) ? lastResult : undefined
	const [actionsForm, actionsFields] = useForm({
		id: PARTICIPANT_FORM,
		lastResult: participantReply,
		constraint: getZodConstraint(participantActionSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: participantActionSchema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
	})
	// Ticked people stay ticked across the two tables' pages; an action (or a refused form) resets them to what the server says.
	const { ticked, allMatching, setAllMatching, toggle, clear, isTicked } = useBulkSelection({ reply: participantReply, filterQuery })
	// The count of ticks is kept by the script; without it the server's page would say "nobody" beside ticked boxes.
	const [scripted, setScripted] = useState(false)
	useEffect(() => setScripted(true), [])
	const everyone = [...participants, ...waitlist].map((person) => person.id)
	const selectable = !cancelled && !started
	const [capacityForm, capacityFields] = useForm({
		id: 'capaciteit-formulier',
		lastResult: replyTo('capacity'),
		constraint: getZodConstraint(capacitySchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: capacitySchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		defaultValue: { capacity: String(session.capacity) },
	})

	const choose: DataColumn<Person>[] = selectable
		? [
				{
					id: 'kies',
					header: t('participantActions.select'),
					headerHidden: true,
					enableSorting: false,
					cell: ({ row }) => (
						<input
							type="checkbox"
							form={PARTICIPANT_FORM}
							name="ids"
							value={row.original.id}
							checked={isTicked(row.original.id)}
							disabled={allMatching}
							onChange={(event) => toggle(row.original.id, event.currentTarget.checked)}
							aria-label={t('participantActions.selectPerson', { name: row.original.name })}
						/>
					),
				},
			]
		: []
	/** Ticks on a page not shown go along as hidden fields. */
	const elsewhere = (pageRows: Person[], rows: Person[]) => {
		if (allMatching) return null
		const shown = new Set(pageRows.map((row) => row.id))
		return rows
			.filter((row) => ticked.has(row.id) && !shown.has(row.id))
			.map((row) => <input key={row.id} type="hidden" form={PARTICIPANT_FORM} name="ids" value={row.id} />)
	}
	const base: DataColumn<Person>[] = [
		{ id: 'naam', header: t('sessionAdmin.name'), accessorFn: (row) => row.name },
		{ id: 'onderdeel', header: t('sessionAdmin.unit'), accessorFn: (row) => row.unitShortName },
		{ id: 'stand', header: t('sessionAdmin.status'), accessorFn: (row) => t(`enrolmentStatus.${row.status}`) },
	]
	const waitColumns: DataColumn<Person>[] = [
		...choose,
		{ id: 'plek', header: t('sessionAdmin.position'), accessorFn: (row) => row.queueNumber ?? 0, cell: ({ row }) => waitlist.indexOf(row.original) + 1 },
		...base,
	]
	return (
		<div className="container page">
			<p className="breadcrumb">
				<Link to="/uitvoeringen">{t('sessionAdmin.back')}</Link>
			</p>
			<h1>{t('sessionAdmin.title', { title: session.courseTitle, date })}</h1>
			<p>
				{formatTimeRange(new Date(session.startsAt), new Date(session.endsAt), language)}, {session.city ?? t('course.online')}.{' '}
				{t('sessionAdmin.seats', { taken, capacity: session.capacity, waiting: counts.waitlist })}
			</p>
			{planned ? (
				<p className="notice notice--success" role="status">
					{t('sessionPlan.planned')}
				</p>
			) : null}
			{edited !== null ? (
				<p className="notice notice--success" role="status">
					{edited > 0 ? t('sessionAdmin.editedNotified', { count: edited }) : t('sessionAdmin.edited')}
				</p>
			) : null}
			{session.enrolmentDeadline && !cancelled ? <p>{t('sessionAdmin.deadline', { date: formatDate(new Date(session.enrolmentDeadline), language) })}</p> : null}
			{belowMinimum ? (
				<p className="notice notice--warning">
					{t('sessionAdmin.belowMinimum', { taken: belowMinimum.taken, minimum: belowMinimum.minimum, deadline: formatDate(new Date(belowMinimum.deadline), language) })}
				</p>
			) : null}
			{!cancelled ? (
				<p className="form-actions">
					{!started ? <Link to={`/uitvoeringen/${session.id}/wijzigen`}>{t('sessionAdmin.edit')}</Link> : null}
					<Link to={`/uitvoeringen/nieuw?kopie=${session.id}`}>{t('sessionPlan.copy')}</Link>
					{!started ? <Link to={`/uitvoeringen/${session.id}/deelnemer-toevoegen`}>{t('addParticipant.title')}</Link> : null}
				</p>
			) : null}
			{meetings.length > 0 ? (
				<>
					<h2 id="bijeenkomsten">{t('sessionPlan.meetings')}</h2>
					<ol className="meetings" aria-labelledby="bijeenkomsten">
						{meetings.map((meeting) => (
							<li key={meeting.id}>
								{formatDate(new Date(meeting.startsAt), language)}, {formatTimeRange(new Date(meeting.startsAt), new Date(meeting.endsAt), language)}
								{' · '}
								{meeting.online ? t('sessionPlan.online') : meeting.roomName ? `${meeting.roomName}, ${meeting.locationName ?? ''}` : (session.city ?? t('course.online'))}
								{meeting.trainers.length > 0 ? ` · ${meeting.trainers.map((trainer) => trainer.name).join(', ')}` : null}
							</li>
						))}
					</ol>
				</>
			) : null}
			{cancelled ? <p className="notice">{t('sessionAdmin.cancelledNotice', { reason: session.cancellationReason ?? '' })}</p> : null}
			{bulk ? <ParticipantOutcome outcome={bulk} /> : null}
			{participantPreview ? <ParticipantPreview preview={participantPreview} /> : null}
			{saved ? (
				<p className="notice notice--success" role="status">
					{saved.form === 'capacity'
						? t('sessionAdmin.capacitySaved', { count: saved.promoted })
						: saved.form === 'move'
							? t('sessionAdmin.moved', {
									name: saved.name,
									session: `${formatDate(new Date(saved.to.startsAt), language)} ${formatTimeRange(new Date(saved.to.startsAt), new Date(saved.to.endsAt), language)}, ${saved.to.city ?? t('course.online')}`,
									status: saved.status === 'other' ? '' : t(`enrolmentStatus.${saved.status}`),
								})
							: t('sessionAdmin.enrolmentCancelled')}
				</p>
			) : null}

			<h2 id="deelnemers">{cancelled ? t('sessionAdmin.cancelledParticipants') : t('sessionAdmin.participants')}</h2>
			{cancelled ? (
				// Read-only: who the session had when it was cancelled, as they were told.
				<>
					<p>{t('sessionAdmin.cancelledParticipantsHint')}</p>
					<DataTable name="deelnemers" caption={t('sessionAdmin.cancelledParticipants')} columns={base} rows={participants} empty={t('sessionAdmin.emptyCancelledParticipants')} />
				</>
			) : (
				<>
					{listed > 0 ? (
						<ListSearch id="deelnemer-zoeken" name="deelnemer" label={t('participantActions.filterLabel')} submitLabel={t('participantActions.filterSubmit')} value={filter} />
					) : null}
					{filter ? (
						<p>
							{t('participantActions.filtered', { count: everyone.length, total: listed, filter })} <Link to={location.pathname}>{t('participantActions.filterClear')}</Link>
						</p>
					) : null}
					{selectable && everyone.length > 0 ? (
						<div className="field__choice select-all">
							<input type="checkbox" id="alles" form={PARTICIPANT_FORM} name="alles" value="ja" checked={allMatching} onChange={(event) => setAllMatching(event.currentTarget.checked)} />{' '}
							<label htmlFor="alles">{filter ? t('participantActions.selectAllMatching', { count: everyone.length }) : t('participantActions.selectAll', { count: everyone.length })}</label>
						</div>
					) : null}
					<DataTable
						name="deelnemers"
						caption={t('sessionAdmin.participants')}
						columns={[...choose, ...base]}
						rows={participants}
						empty={t('sessionAdmin.emptyParticipants')}
						pageSize={100}
						afterTable={(pageRows) => elsewhere(pageRows, participants)}
					/>
				</>
			)}
			{started && !cancelled && attendance.participants.length > 0 ? (
				<MeetingAttendance
					meetings={attendance.meetings.map((meeting) => ({ ...meeting, registrable: true }))}
					meetingId={meetingId}
					participants={attendance.participants}
					meetingHref={(id) => `/uitvoeringen/${session.id}?bijeenkomst=${id}`}
					lastResult={replyTo('attendance')}
					report={report}
				/>
			) : null}
			{attendance.participants.length > 0 ? <SessionLists meetings={attendance.meetings} listHref={(query) => `/uitvoeringen/${session.id}/lijst?${query}`} /> : null}

			{!cancelled ? (
				<>
					<h2 id="wachtlijst-titel">{t('sessionAdmin.waitlist')}</h2>
					<DataTable
						name="wachtlijst"
						caption={t('sessionAdmin.waitlist')}
						columns={waitColumns}
						rows={waitlist}
						empty={t('sessionAdmin.emptyWaitlist')}
						initialSort={{ id: 'plek', desc: false }}
						afterTable={(pageRows) => elsewhere(pageRows, waitlist)}
					/>
				</>
			) : null}

			{selectable && listed > 0 ? (
				<section className="panel" aria-labelledby="met-gekozen">
					<h2 id="met-gekozen">{t('participantActions.title')}</h2>
					<p>{t('participantActions.intro')}</p>
					{scripted ? (
						<div className="selection-summary">
							<p role="status">
								{allMatching
									? t('participantActions.selectedAll', { count: everyone.length })
									: ticked.size === 0
										? t('participantActions.selectedNone')
										: t('participantActions.selected', { count: ticked.size })}
							</p>
							{ticked.size > 0 || allMatching ? (
								<button
									type="button"
									className="button button--secondary"
									onClick={clear}
								>
									{t('participantActions.clearSelection')}
								</button>
							) : null}
						</div>
					) : null}
					<Form method="post" className="form-stack" {...getFormProps(actionsForm)}>
						<input type="hidden" name="filter" value={filterQuery} />
						{/* Nothing (or a forged id) selected concerns the selection as a whole: above the fields. */}
						<ErrorSummary
							form={actionsForm}
							fields={[
								{ meta: actionsFields.reason, label: t('participantActions.reason') },
								{ meta: actionsFields.toSessionId, label: t('participantActions.moveTo') },
								{ meta: actionsFields.subject, label: t('participantActions.subject') },
								{ meta: actionsFields.message, label: t('participantActions.message') },
							]}
							formError={errorText(actionsFields.ids.errors) ?? errorText(actionsForm.errors)}
						/>
						<fieldset>
							<legend>{t('participantActions.cancelLegend')}</legend>
							<Field meta={actionsFields.reason} label={t('participantActions.reason')} hint={t('participantActions.reasonHint')} as="textarea" rows={2} controlProps={{ maxLength: 500 }} />
							<div className="form-actions">
								<button type="submit" name="intent" value="preview-cancel-selected" className="button button--secondary">
									{t('participantActions.previewCancel')}
								</button>
							</div>
						</fieldset>
						{moveTargets.length > 0 ? (
							<fieldset>
								<legend>{t('participantActions.moveLegend')}</legend>
								<Field
									meta={actionsFields.toSessionId}
									label={t('participantActions.moveTo')}
									as="select"
									options={moveTargets.map((target) => ({
										value: target.id,
										label: `${formatDate(new Date(target.startsAt), language)} ${formatTimeRange(new Date(target.startsAt), new Date(target.endsAt), language)}${target.city ? `, ${target.city}` : ''}`,
									}))}
								/>
								<div className="form-actions">
									<button type="submit" name="intent" value="preview-move-selected" className="button button--secondary">
										{t('participantActions.previewMove')}
									</button>
								</div>
							</fieldset>
						) : null}
						<fieldset>
							<legend>{t('participantActions.mailLegend')}</legend>
							<Field meta={actionsFields.subject} label={t('participantActions.subject')} controlProps={{ maxLength: MESSAGE_LIMITS.subject }} />
							<Field
								meta={actionsFields.message}
								label={t('participantActions.message')}
								hint={t('participantActions.messageHint')}
								as="textarea"
								rows={5}
								controlProps={{ maxLength: MESSAGE_LIMITS.message }}
							/>
							<div className="form-actions">
								<button type="submit" name="intent" value="mail-selected" className="button">
									{t('participantActions.mailSubmit')}
								</button>
							</div>
						</fieldset>
					</Form>
				</section>
			) : null}

			{!cancelled && !started ? (
				<>
					<section className="panel" aria-labelledby="verplaatsen">
						<h2 id="verplaatsen">{t('sessionAdmin.moveTitle')}</h2>
						{moveTargets.length === 0 || listed === 0 ? (
							<p>{t('sessionAdmin.noOtherSessions')}</p>
						) : (
							<Form method="post" className="form-stack" {...getFormProps(moveForm)}>
								<input type="hidden" name="intent" value="move" />
								<ErrorSummary
									form={moveForm}
									fields={[
										{ meta: moveFields.enrolmentId, label: t('sessionAdmin.moveWho') },
										{ meta: moveFields.toSessionId, label: t('sessionAdmin.moveTo') },
									]}
									formError={errorText(moveForm.errors)}
								/>
								<Field
									meta={moveFields.enrolmentId}
									label={t('sessionAdmin.moveWho')}
									as="select"
									options={[...participants, ...waitlist].map((person) => ({ value: person.id, label: `${person.name} (${t(`enrolmentStatus.${person.status}`)})` }))}
								/>
								<Field
									meta={moveFields.toSessionId}
									label={t('sessionAdmin.moveTo')}
									as="select"
									options={moveTargets.map((target) => ({
										value: target.id,
										label: `${formatDate(new Date(target.startsAt), language)} ${formatTimeRange(new Date(target.startsAt), new Date(target.endsAt), language)}${target.city ? `, ${target.city}` : ''}`,
									}))}
								/>
								<div className="form-actions">
									<button type="submit" className="button">
										{t('sessionAdmin.moveSubmit')}
									</button>
								</div>
							</Form>
						)}
					</section>
					{listed > 0 ? (
						<section className="panel" aria-labelledby="inschrijving-annuleren">
							<h2 id="inschrijving-annuleren">{t('sessionAdmin.cancelEnrolmentTitle')}</h2>
							{/* The disclosure is the first step; the submit inside it is the confirmation. Open again when the reply has errors. */}
							<details open={cancelReply?.status === 'error' ? true : undefined}>
								<summary>{t('sessionAdmin.cancelEnrolmentOpen')}</summary>
								<Form method="post" className="form-stack" {...getFormProps(cancelForm)}>
									<input type="hidden" name="intent" value="cancel-enrolment" />
									<ErrorSummary
										form={cancelForm}
										fields={[
											{ meta: cancelFields.enrolmentId, label: t('sessionAdmin.cancelEnrolmentWho') },
											{ meta: cancelFields.reason, label: t('sessionAdmin.cancelEnrolmentReason') },
										]}
										formError={errorText(cancelForm.errors)}
									/>
									<Field
										meta={cancelFields.enrolmentId}
										label={t('sessionAdmin.cancelEnrolmentWho')}
										as="select"
										options={[...participants, ...waitlist].map((person) => ({ value: person.id, label: `${person.name} (${t(`enrolmentStatus.${person.status}`)})` }))}
									/>
									<Field meta={cancelFields.reason} label={t('sessionAdmin.cancelEnrolmentReason')} hint={t('sessionAdmin.cancelEnrolmentHint')} as="textarea" rows={3} />
									<div className="form-actions">
										<button type="submit" className="button">
											{t('sessionAdmin.cancelEnrolmentSubmit')}
										</button>
									</div>
								</Form>
							</details>
						</section>
					) : null}
					<section className="panel" aria-labelledby="capaciteit">
						<h2 id="capaciteit">{t('sessionAdmin.capacityTitle')}</h2>
						<Form method="post" className="form-stack" {...getFormProps(capacityForm)}>
							<input type="hidden" name="intent" value="capacity" />
							<ErrorSummary form={capacityForm} fields={[{ meta: capacityFields.capacity, label: t('sessionAdmin.capacity') }]} formError={errorText(capacityForm.errors)} />
							<Field meta={capacityFields.capacity} label={t('sessionAdmin.capacity')} type="number" />
							<div className="form-actions">
								<button type="submit" className="button">
									{t('sessionAdmin.capacitySubmit')}
								</button>
								<Link to={`/uitvoeringen/${session.id}/annuleren`}>{t('sessionAdmin.cancelSession')}</Link>
							</div>
						</Form>
					</section>
				</>
			) : null}
		</div>
	)
}
