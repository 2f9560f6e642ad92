import { fail, ok, type Result } from '../result.ts'

// Changing a planned session (issue 14, ADR 029): what counts as a change the enrolled must hear
// about, how long they may then cancel free of charge, and the session's own limits over time —
// the enrolment deadline and the minimum number of participants.

/** After a change of date, time or place, the enrolled may cancel free of charge for this many days (ADR 029). */
export const FREE_CANCELLATION_AFTER_CHANGE_DAYS = 14

/** How many days before the decision moment (the enrolment deadline, or the start) the coordinators hear that the minimum is not reached. */
export const MINIMUM_NOTICE_DAYS = 3

const DAY_MS = 86_400_000

/** A meeting as the enrolled know it: when, and where (a room, or online). */
export type MeetingWhenWhere = { startsAt: Date; endsAt: Date; roomId: string | null; online: boolean }

/** The side of a session a participant plans their days by. */
export type SessionWhenWhere = { meetings: readonly MeetingWhenWhere[]; onlineLink: string | null }

/** What a change did to the enrolled: their dates or times moved, their place moved (another room, online, another link). */
export type SessionChangeKinds = { times: boolean; place: boolean }

/**
 * Which of the two a change touched. Meetings are compared in time order; another number of
 * meetings is a change of times. A new online link counts as a change of place: the old one no
 * longer leads to the meeting.
 */
export function sessionChangeKinds(before: SessionWhenWhere, after: SessionWhenWhere): SessionChangeKinds {
	const inOrder = (meetings: readonly MeetingWhenWhere[]) => [...meetings].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
	const [was, now] = [inOrder(before.meetings), inOrder(after.meetings)]
	const times = was.length !== now.length || was.some((meeting, k) => meeting.startsAt.getTime() !== now[k]!.startsAt.getTime() || meeting.endsAt.getTime() !== now[k]!.endsAt.getTime())
	const placeOf = (meeting: MeetingWhenWhere) => (meeting.online ? 'online' : (meeting.roomId ?? ''))
	const places = (meetings: MeetingWhenWhere[]) => meetings.map(placeOf)
	const [wasPlaces, nowPlaces] = [places(was), places(now)]
	const online = now.some((meeting) => meeting.online)
	const place =
		wasPlaces.length !== nowPlaces.length ||
		wasPlaces.some((where, k) => where !== nowPlaces[k]) ||
		(online && (before.onlineLink ?? null) !== (after.onlineLink ?? null))
	return { times, place }
}

/** Does the change oblige us to tell the enrolled and offer free cancellation? */
export function mustNotifyEnrolled(kinds: SessionChangeKinds): boolean {
	return kinds.times || kinds.place
}

/**
 * Until when an enrolled person may cancel free of charge after a change of date, time or place:
 * FREE_CANCELLATION_AFTER_CHANGE_DAYS from the change, but never past the (new) start — after that
 * there is nothing left to cancel.
 */
export function freeCancellationAfterChange({ changedAt, startsAt }: { changedAt: Date; startsAt: Date }): Date {
	return new Date(Math.min(changedAt.getTime() + FREE_CANCELLATION_AFTER_CHANGE_DAYS * DAY_MS, startsAt.getTime()))
}

/** A capacity may be lowered, but never below the seats already given: nobody loses a confirmed seat. */
export function checkCapacity(capacity: number, { seatsTaken }: { seatsTaken: number }): Result<number, 'CAPACITY_BELOW_TAKEN'> {
	return capacity < seatsTaken ? fail('CAPACITY_BELOW_TAKEN') : ok(capacity)
}

/** Is enrolment closed by the session's deadline? Without a deadline it stays open until the start (decided elsewhere). */
export function enrolmentClosed({ enrolmentDeadline, now }: { enrolmentDeadline: Date | null; now: Date }): boolean {
	return enrolmentDeadline !== null && now.getTime() > enrolmentDeadline.getTime()
}

/** When the unit decides whether a session goes ahead: its enrolment deadline, or else its start. */
export function decisionMoment({ enrolmentDeadline, startsAt }: { enrolmentDeadline: Date | null; startsAt: Date }): Date {
	return enrolmentDeadline ?? startsAt
}

export type MinimumParticipantsFacts = {
	minimumParticipants: number | null
	seatsTaken: number
	enrolmentDeadline: Date | null
	startsAt: Date
	status: 'planned' | 'cancelled'
}

/**
 * Warn the coordinators that the minimum is not reached: a planned session with a minimum, fewer
 * seats taken than that, and the decision moment still ahead (afterwards the warning has done its
 * work; what the unit decided shows in the session's status).
 */
export function belowMinimumBeforeDeadline(session: MinimumParticipantsFacts, { now }: { now: Date }): boolean {
	return (
		session.status === 'planned' &&
		session.minimumParticipants !== null &&
		session.seatsTaken < session.minimumParticipants &&
		now.getTime() < decisionMoment(session).getTime()
	)
}

/** Is it time to tell the coordinators: below the minimum, and the decision moment within MINIMUM_NOTICE_DAYS? */
export function minimumNoticeDue(session: MinimumParticipantsFacts, { now }: { now: Date }): boolean {
	return belowMinimumBeforeDeadline(session, { now }) && decisionMoment(session).getTime() - now.getTime() <= MINIMUM_NOTICE_DAYS * DAY_MS
}
