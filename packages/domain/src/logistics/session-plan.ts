import { z } from 'zod'
import type { Result } from '../result.ts'

// Planning a session (issue 14, ADR 027): the form's one schema, and the rule that turns a plan in
// Dutch wall-clock time into meetings, refusing what can never be right (a meeting in the past,
// ending before it starts, two meetings of one session at once). Whether a room or trainer is
// free is not decided here: PostgreSQL decides that, atomically, with an exclusion constraint.

export const SESSION_MEETINGS_MAX = 20
export const SESSION_CAPACITY_MAX = 1000
export const PARTICIPANT_NOTE_MAX = 2000
export const SERIES_WEEKS_MAX = 26

/** The value of a meeting's place field that means "online" rather than a room. */
export const ONLINE_PLACE = 'online'

const dateField = (code: SessionPlanErrorCode) => z.string(code).regex(/^\d{4}-\d{2}-\d{2}$/, code).refine(isCalendarDate, code)
const timeField = (code: SessionPlanErrorCode) => z.string(code).regex(/^([01]\d|2[0-3]):[0-5]\d$/, code)
const optionalText = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value)

export const meetingInputSchema = z.object({
	date: dateField('MEETING_DATE_INVALID'),
	startTime: timeField('MEETING_TIME_INVALID'),
	endTime: timeField('MEETING_TIME_INVALID'),
	/** A room id of the unit, or ONLINE_PLACE. */
	place: z.union([z.literal(ONLINE_PLACE), z.uuid('MEETING_PLACE_REQUIRED')], 'MEETING_PLACE_REQUIRED'),
	trainerIds: z.array(z.uuid('MEETING_TRAINER_REQUIRED'), 'MEETING_TRAINER_REQUIRED').min(1, 'MEETING_TRAINER_REQUIRED').max(5, 'MEETING_TRAINER_REQUIRED'),
})

/**
 * A session as a coordinator plans it. Messages are error codes shown beside their field; numbers
 * and optional fields arrive as form text.
 */
export const sessionPlanInputSchema = z.object({
	meetings: z.array(meetingInputSchema, 'MEETINGS_REQUIRED').min(1, 'MEETINGS_REQUIRED').max(SESSION_MEETINGS_MAX, 'MEETINGS_TOO_MANY'),
	capacity: z.coerce.number('CAPACITY_INVALID').int('CAPACITY_INVALID').min(1, 'CAPACITY_INVALID').max(SESSION_CAPACITY_MAX, 'CAPACITY_INVALID'),
	minimumParticipants: z.preprocess(optionalText, z.coerce.number('MINIMUM_PARTICIPANTS_INVALID').int('MINIMUM_PARTICIPANTS_INVALID').min(1, 'MINIMUM_PARTICIPANTS_INVALID').optional()),
	enrolmentDeadline: z.preprocess(optionalText, dateField('ENROLMENT_DEADLINE_INVALID').optional()),
	onlineLink: z.preprocess(optionalText, z.url({ protocol: /^https$/, error: 'ONLINE_LINK_INVALID' }).max(500, 'ONLINE_LINK_INVALID').optional()),
	participantNote: z.preprocess(optionalText, z.string().trim().max(PARTICIPANT_NOTE_MAX, 'PARTICIPANT_NOTE_TOO_LONG').optional()),
	/** A weekly series: this many sessions, each a week after the one before (empty: one). */
	weeklySessions: z.preprocess(
		optionalText,
		z.coerce.number('SERIES_INVALID').int('SERIES_INVALID').min(1, 'SERIES_INVALID').max(SERIES_WEEKS_MAX, 'SERIES_INVALID').optional(),
	),
})

export type MeetingInput = z.infer<typeof meetingInputSchema>
export type SessionPlanInput = z.infer<typeof sessionPlanInputSchema>

export type SessionPlanErrorCode =
	| 'MEETING_DATE_INVALID'
	| 'MEETING_TIME_INVALID'
	| 'MEETING_PLACE_REQUIRED'
	| 'MEETING_TRAINER_REQUIRED'
	| 'MEETINGS_REQUIRED'
	| 'MEETINGS_TOO_MANY'
	| 'CAPACITY_INVALID'
	| 'MINIMUM_PARTICIPANTS_INVALID'
	| 'ENROLMENT_DEADLINE_INVALID'
	| 'ONLINE_LINK_INVALID'
	| 'PARTICIPANT_NOTE_TOO_LONG'
	| 'MEETING_ENDS_BEFORE_START'
	| 'MEETING_IN_PAST'
	| 'MEETINGS_OVERLAP'
	| 'ONLINE_LINK_REQUIRED'
	| 'MINIMUM_ABOVE_CAPACITY'
	| 'ENROLMENT_DEADLINE_AFTER_START'
	| 'SERIES_INVALID'

/** A meeting as stored: instants, and either a room or online. */
export type PlannedMeeting = {
	startsAt: Date
	endsAt: Date
	roomId: string | null
	online: boolean
	trainerIds: string[]
	/** Where the meeting was in the form, to put a later refusal (a double booking) beside its fields. */
	formIndex: number
}

export type SessionPlan = {
	meetings: PlannedMeeting[]
	capacity: number
	minimumParticipants: number | null
	/** The end of the deadline day, Dutch time; null: enrolment is open until the session starts. */
	enrolmentDeadline: Date | null
	onlineLink: string | null
	participantNote: string | null
	/** The span of the meetings: the session's own starts_at and ends_at. */
	startsAt: Date
	endsAt: Date
}

/** A refusal with the form field it belongs beside (`meetings[1].endTime`). */
export type SessionPlanRefusal = { code: SessionPlanErrorCode; field: string }

/**
 * Turns a parsed plan into meetings in time order, or the first thing wrong with it and where.
 * Times are Europe/Amsterdam wall-clock times. A meeting that has started is "in the past": a
 * session is planned for the future.
 */
export function planSession(input: SessionPlanInput, { now }: { now: Date }): { ok: true; value: SessionPlan } | { ok: false; refusal: SessionPlanRefusal } {
	const meetings: PlannedMeeting[] = []
	for (const [index, meeting] of input.meetings.entries()) {
		const startsAt = amsterdamInstant(meeting.date, meeting.startTime)
		const endsAt = amsterdamInstant(meeting.date, meeting.endTime)
		if (endsAt.getTime() <= startsAt.getTime()) return refused('MEETING_ENDS_BEFORE_START', `meetings[${index}].endTime`)
		if (startsAt.getTime() <= now.getTime()) return refused('MEETING_IN_PAST', `meetings[${index}].date`)
		const online = meeting.place === ONLINE_PLACE
		meetings.push({ formIndex: index, startsAt, endsAt, online, roomId: online ? null : meeting.place, trainerIds: [...new Set(meeting.trainerIds)] })
	}
	const ordered = [...meetings].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
	for (let k = 1; k < ordered.length; k++) {
		if (ordered[k]!.startsAt.getTime() < ordered[k - 1]!.endsAt.getTime()) return refused('MEETINGS_OVERLAP', `meetings[${ordered[k]!.formIndex}].startTime`)
	}
	if (meetings.some((meeting) => meeting.online) && !input.onlineLink) return refused('ONLINE_LINK_REQUIRED', 'onlineLink')
	if (input.minimumParticipants !== undefined && input.minimumParticipants > input.capacity) return refused('MINIMUM_ABOVE_CAPACITY', 'minimumParticipants')
	const startsAt = ordered[0]!.startsAt
	const endsAt = new Date(Math.max(...ordered.map((meeting) => meeting.endsAt.getTime())))
	const enrolmentDeadline = input.enrolmentDeadline ? amsterdamInstant(input.enrolmentDeadline, '23:59') : null
	if (enrolmentDeadline && enrolmentDeadline.getTime() > startsAt.getTime()) return refused('ENROLMENT_DEADLINE_AFTER_START', 'enrolmentDeadline')
	return {
		ok: true,
		value: {
			meetings: ordered,
			capacity: input.capacity,
			minimumParticipants: input.minimumParticipants ?? null,
			enrolmentDeadline,
			onlineLink: input.onlineLink ?? null,
			participantNote: input.participantNote ?? null,
			startsAt,
			endsAt,
		},
	}
}

function refused(code: SessionPlanErrorCode, field: string): { ok: false; refusal: SessionPlanRefusal } {
	return { ok: false, refusal: { code, field } }
}

/**
 * A weekly series of a plan: the plan itself and `weeklySessions - 1` copies, each a week after the
 * one before, every meeting on its weekday at its wall-clock time. The enrolment deadline moves
 * along with the meetings.
 */
export function weeklyPlans(input: SessionPlanInput): SessionPlanInput[] {
	const count = input.weeklySessions ?? 1
	const shifted = (date: string, week: number) => {
		const dates = weeklySeries(date, { everyWeeks: 1, count: week + 1 })
		return dates.ok ? dates.value[week]! : date
	}
	return Array.from({ length: count }, (_, week) => ({
		...input,
		weeklySessions: 1,
		meetings: input.meetings.map((meeting) => ({ ...meeting, date: shifted(meeting.date, week) })),
		enrolmentDeadline: input.enrolmentDeadline ? shifted(input.enrolmentDeadline, week) : undefined,
	}))
}

/**
 * Dates of a weekly series: the first date and then every `everyWeeks` weeks, `count` dates in
 * all ("every Tuesday for six weeks" is everyWeeks 1, count 6). Calendar arithmetic on the date
 * alone, so a series across the change to summer time keeps its wall-clock time.
 */
export function weeklySeries(firstDate: string, { everyWeeks, count }: { everyWeeks: number; count: number }): Result<string[], 'SERIES_INVALID'> {
	if (!isCalendarDate(firstDate) || !Number.isInteger(everyWeeks) || everyWeeks < 1 || everyWeeks > 4 || !Number.isInteger(count) || count < 1 || count > SERIES_WEEKS_MAX) {
		return { ok: false, code: 'SERIES_INVALID' }
	}
	const [year, month, day] = firstDate.split('-').map(Number) as [number, number, number]
	const first = Date.UTC(year, month - 1, day)
	const dates = Array.from({ length: count }, (_, k) => new Date(first + k * everyWeeks * 7 * 86_400_000).toISOString().slice(0, 10))
	return { ok: true, value: dates }
}

/** A `YYYY-MM-DD` that names a real day (no 31 February). */
function isCalendarDate(text: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
	if (!match) return false
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
	const date = new Date(Date.UTC(year, month - 1, day))
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

const amsterdamParts = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/Amsterdam',
	hourCycle: 'h23',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
})

/** The instant at which Dutch clocks show `date` `time` (`2027-03-09`, `09:30`). */
export function amsterdamInstant(date: string, time: string): Date {
	const [year, month, day] = date.split('-').map(Number) as [number, number, number]
	const [hour, minute] = time.split(':').map(Number) as [number, number]
	const wall = Date.UTC(year, month - 1, day, hour, minute)
	// Guess with the offset at the wall time read as UTC, then correct once: exact except inside
	// the skipped hour of the change to summer time, which no one plans a class in.
	let instant = wall - offsetAt(wall)
	instant = wall - offsetAt(instant)
	return new Date(instant)
}

/** The date and time Dutch clocks show at an instant, as form values (`2027-03-09`, `09:30`). */
export function amsterdamWallClock(instant: Date): { date: string; time: string } {
	const parts = Object.fromEntries(amsterdamParts.formatToParts(instant).map((part) => [part.type, part.value]))
	return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` }
}

function offsetAt(instantMs: number): number {
	const { date, time } = amsterdamWallClock(new Date(instantMs))
	const [year, month, day] = date.split('-').map(Number) as [number, number, number]
	const [hour, minute] = time.split(':').map(Number) as [number, number]
	return Date.UTC(year, month - 1, day, hour, minute) - Math.floor(instantMs / 60_000) * 60_000
}
