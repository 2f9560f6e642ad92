import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { isUuid } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { actorOf, requireSignedIn } from '../features/identity/guard.server.ts'
import { DataTable, type DataColumn } from '../components/data-table.tsx'
import type { ErrorCode } from '../core/error-codes.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { changeCapacity } from '../features/sessions/change-capacity.server.ts'
import { moveEnrolment } from '../features/enrolment/move-enrolment.server.ts'
import { registerAttendance } from '../features/enrolment/register-attendance.server.ts'
import { runsSessions, showSessionAdmin } from '../features/sessions/show-session-admin.server.ts'
import { formatDate, formatTimeRange } from '../utils/format.ts'
import { invariantResponse } from '../core/http.server.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const signedIn = await requireSignedIn(request, context)
	invariantResponse(runsSessions(signedIn), 403, 'FORBIDDEN')
	invariantResponse(isUuid(params.sessionId), 404, 'SESSION_NOT_FOUND')
	const shown = await showSessionAdmin(context, signedIn, { sessionId: params.sessionId, now: new Date() })
	invariantResponse(shown, 404, 'SESSION_NOT_FOUND')
	const t = await i18next.getFixedT(request)
	return { ...shown, title: `${shown.session.courseTitle} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

const capacitySchema = z.object({
	capacity: z.coerce.number({ error: 'CAPACITY_INVALID' }).int({ error: 'CAPACITY_INVALID' }).min(1, { error: 'CAPACITY_INVALID' }).max(1000, { error: 'CAPACITY_INVALID' }),
})
const moveSchema = z.object({
	enrolmentId: z.string().refine(isUuid, { error: 'ENROLMENT_NOT_FOUND' }),
	toSessionId: z.string().refine(isUuid, { error: 'MOVE_TARGET_INVALID' }),
})

type Outcome =
	| { form: 'capacity' | 'move' | 'attendance'; error: ErrorCode; field?: string }
	| { form: 'capacity'; promoted: number }
	| { form: 'move'; moved: true }
	| { form: 'attendance'; changed: number }

export async function action({ request, params, context }: ActionFunctionArgs) {
	const signedIn = await requireSignedIn(request, context)
	invariantResponse(runsSessions(signedIn), 403, 'FORBIDDEN')
	invariantResponse(isUuid(params.sessionId), 404, 'SESSION_NOT_FOUND')
	const sessionId = params.sessionId
	const actor = actorOf(signedIn)
	const form = await request.formData()
	const refused = (outcome: Outcome, status: number) => data<Outcome>(outcome, { status })
	switch (form.get('intent')) {
		case 'capacity': {
			const parsed = capacitySchema.safeParse({ capacity: form.get('capacity') })
			if (!parsed.success) return refused({ form: 'capacity', error: 'CAPACITY_INVALID' }, 400)
			const result = await changeCapacity(context, { actor, sessionId, capacity: parsed.data.capacity })
			if (!result.ok) return refused({ form: 'capacity', error: result.code }, result.status ?? 400)
			return data<Outcome>({ form: 'capacity', promoted: result.value.promoted })
		}
		case 'move': {
			const parsed = moveSchema.safeParse({ enrolmentId: form.get('enrolmentId'), toSessionId: form.get('toSessionId') })
			if (!parsed.success) return refused({ form: 'move', error: parsed.error.issues[0]!.message as ErrorCode }, 400)
			const result = await moveEnrolment(context, { actor, ...parsed.data, now: new Date() })
			if (!result.ok) return refused({ form: 'move', error: result.code }, result.status ?? 400)
			return data<Outcome>({ form: 'move', moved: true })
		}
		case 'attendance': {
			const marks = [...form.entries()]
				.filter(([key]) => key.startsWith('attendance:'))
				.map(([key, value]) => ({ enrolmentId: key.slice('attendance:'.length), attendance: String(value) }))
			if (marks.some((mark) => !isUuid(mark.enrolmentId) || (mark.attendance !== 'attended' && mark.attendance !== 'no_show'))) {
				return refused({ form: 'attendance', error: 'ENROLMENT_NOT_FOUND' }, 400)
			}
			const result = await registerAttendance(context, {
				actor,
				sessionId,
				marks: marks as { enrolmentId: string; attendance: 'attended' | 'no_show' }[],
				now: new Date(),
			})
			if (!result.ok) return refused({ form: 'attendance', error: result.code }, result.status ?? 400)
			return data<Outcome>({ form: 'attendance', changed: result.value.changed })
		}
		default:
			return refused({ form: 'capacity', error: 'FORM_INTENT_UNKNOWN' }, 400)
	}
}

type Person = Awaited<ReturnType<typeof showSessionAdmin>> extends infer S ? (S extends { participants: (infer P)[] } ? P : never) : never

export default function SessionAdmin() {
	const { session, participants, waitlist, moveTargets, started } = useLoaderData<typeof loader>()
	const outcome = useActionData<typeof action>()
	const { t, i18n } = useTranslation()
	const language = i18n.language
	const date = formatDate(new Date(session.startsAt), language)
	const errorFor = (form: string) => (outcome && 'error' in outcome && outcome.form === form ? outcome.error : null)
	const cancelled = session.status === 'cancelled'
	const taken = participants.length
	const base: DataColumn<Person>[] = [
		{ id: 'naam', header: t('sessionAdmin.name'), accessorFn: (row) => row.name },
		{ id: 'onderdeel', header: t('sessionAdmin.unit'), accessorFn: (row) => row.unitShortName },
		{ id: 'stand', header: t('sessionAdmin.status'), accessorFn: (row) => t(`enrolmentStatus.${row.status}`) },
	]
	const attendanceColumn: DataColumn<Person> = {
		id: 'aanwezigheid',
		header: t('sessionAdmin.attendance'),
		enableSorting: false,
		cell: ({ row }) => (
			<fieldset className="field">
				<legend className="visually-hidden">{t('sessionAdmin.attendanceOf', { name: row.original.name })}</legend>
				<label className="choice">
					<input type="radio" name={`attendance:${row.original.id}`} value="attended" defaultChecked={row.original.status === 'attended'} />
					{t('sessionAdmin.attended')}
				</label>
				<label className="choice">
					<input type="radio" name={`attendance:${row.original.id}`} value="no_show" defaultChecked={row.original.status === 'no_show'} />
					{t('sessionAdmin.noShow')}
				</label>
			</fieldset>
		),
	}
	const waitColumns: DataColumn<Person>[] = [
		{ id: 'plek', header: t('sessionAdmin.position'), accessorFn: (row) => row.queueNumber ?? 0, cell: ({ row }) => waitlist.indexOf(row.original) + 1 },
		...base,
	]
	const attendanceError = errorFor('attendance')
	const capacityError = errorFor('capacity')
	const moveError = errorFor('move')
	return (
		<div className="container page">
			<p className="breadcrumb">
				<Link to="/uitvoeringen">{t('sessionAdmin.back')}</Link>
			</p>
			<h1>{t('sessionAdmin.title', { title: session.courseTitle, date })}</h1>
			<p>
				{formatTimeRange(new Date(session.startsAt), new Date(session.endsAt), language)}, {session.city ?? t('course.online')}.{' '}
				{t('sessionAdmin.seats', { taken, capacity: session.capacity, waiting: waitlist.length })}
			</p>
			{cancelled ? <p className="notice">{t('sessionAdmin.cancelledNotice', { reason: session.cancellationReason ?? '' })}</p> : null}
			{outcome && !('error' in outcome) ? (
				<p className="notice notice--success" role="status">
					{outcome.form === 'capacity'
						? t('sessionAdmin.capacitySaved', { count: outcome.promoted })
						: outcome.form === 'move'
							? t('sessionAdmin.moved')
							: t('sessionAdmin.attendanceSaved', { count: outcome.changed })}
				</p>
			) : null}

			<h2 id="deelnemers">{t('sessionAdmin.participants')}</h2>
			{started && !cancelled && participants.length > 0 ? (
				<Form method="post" noValidate>
					<input type="hidden" name="intent" value="attendance" />
					{attendanceError ? (
						<p className="field__error" role="alert">
							{t(`errors.${attendanceError}`)}
						</p>
					) : null}
					<DataTable name="deelnemers" caption={t('sessionAdmin.participants')} columns={[...base, attendanceColumn]} rows={participants} empty={t('sessionAdmin.emptyParticipants')} pageSize={100} />
					<button type="submit" className="button">
						{t('sessionAdmin.saveAttendance')}
					</button>
				</Form>
			) : (
				<DataTable name="deelnemers" caption={t('sessionAdmin.participants')} columns={base} rows={participants} empty={t('sessionAdmin.emptyParticipants')} />
			)}

			<h2 id="wachtlijst-titel">{t('sessionAdmin.waitlist')}</h2>
			<DataTable name="wachtlijst" caption={t('sessionAdmin.waitlist')} columns={waitColumns} rows={waitlist} empty={t('sessionAdmin.emptyWaitlist')} initialSort={{ id: 'plek', desc: false }} />

			{!cancelled && !started ? (
				<>
					<section className="panel" aria-labelledby="verplaatsen">
						<h2 id="verplaatsen">{t('sessionAdmin.moveTitle')}</h2>
						{moveTargets.length === 0 || participants.length + waitlist.length === 0 ? (
							<p>{t('sessionAdmin.noOtherSessions')}</p>
						) : (
							<Form method="post" className="form-stack" noValidate>
								<input type="hidden" name="intent" value="move" />
								{moveError ? (
									<p className="field__error" id="verplaats-fout">
										{t(`errors.${moveError}`)}
									</p>
								) : null}
								<div className="field">
									<label htmlFor="wie">{t('sessionAdmin.moveWho')}</label>
									<select id="wie" name="enrolmentId" aria-describedby={moveError ? 'verplaats-fout' : undefined}>
										{[...participants, ...waitlist].map((person) => (
											<option key={person.id} value={person.id}>
												{person.name} ({t(`enrolmentStatus.${person.status}`)})
											</option>
										))}
									</select>
								</div>
								<div className="field">
									<label htmlFor="naar">{t('sessionAdmin.moveTo')}</label>
									<select id="naar" name="toSessionId">
										{moveTargets.map((target) => (
											<option key={target.id} value={target.id}>
												{formatDate(new Date(target.startsAt), language)} {formatTimeRange(new Date(target.startsAt), new Date(target.endsAt), language)}
												{target.city ? `, ${target.city}` : ''}
											</option>
										))}
									</select>
								</div>
								<div className="form-actions">
									<button type="submit" className="button">
										{t('sessionAdmin.moveSubmit')}
									</button>
								</div>
							</Form>
						)}
					</section>
					<section className="panel" aria-labelledby="capaciteit">
						<h2 id="capaciteit">{t('sessionAdmin.capacityTitle')}</h2>
						<Form method="post" className="form-stack" noValidate>
							<input type="hidden" name="intent" value="capacity" />
							<div className={`field${capacityError ? ' field--invalid' : ''}`}>
								<label htmlFor="plaatsen">{t('sessionAdmin.capacity')}</label>
								{capacityError ? (
									<p className="field__error" id="plaatsen-fout">
										{t(`errors.${capacityError}`)}
									</p>
								) : null}
								<input
									type="number"
									id="plaatsen"
									name="capacity"
									min={1}
									max={1000}
									defaultValue={session.capacity}
									aria-invalid={capacityError ? true : undefined}
									aria-describedby={capacityError ? 'plaatsen-fout' : undefined}
								/>
							</div>
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
