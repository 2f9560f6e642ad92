import { lockSessionForEnrolment } from '@leerplein/db/enrolment'
import {
	deleteMeetings,
	getSessionPlan,
	grantFreeCancellation,
	insertMeeting,
	insertSessionChange,
	roomPlaces,
	updateMeeting,
	updateSession,
	type ChangedMeeting,
} from '@leerplein/db/planning'
import {
	can,
	checkCapacity,
	freeCancellationAfterChange,
	mustNotifyEnrolled,
	planSession,
	sessionChangeKinds,
	type Actor,
	type MeetingWhenWhere,
} from '@leerplein/domain'
import { audit, refuse, refusal, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { inEnrolmentTransaction, notify, promoteAndNotify } from '../enrolment/enrolment-support.server.ts'
import type { EditSessionInput } from './edit-session-schema.ts'
import { ownUnitSession } from './own-unit-session.ts'
import { bookMeeting, checkOwnRoomsAndTrainers } from './planning-support.server.ts'

export type SessionEdited = {
	/** How many enrolled (and waiting) people were told of a new date, time or place; 0 when only other things changed. */
	notified: number
	/** How many moved up from the waitlist because the capacity went up. */
	promoted: number
}

/**
 * The providing unit changes a planned session that has not started: its meetings (dates, times,
 * rooms or online, trainers), seats, minimum, deadline, link and note — with the same rules as
 * planning (ADR 027: no past meetings, end after start, no double booking named beside its field)
 * and never below the seats already given. Meetings keep their ids where the form kept them.
 * When dates, times or place changed, everyone who holds or waits for a seat is mailed what it
 * was and what it is, and may cancel free of charge for a while (ADR 029). One transaction, under
 * the session lock, audit-logged (`session.edit`).
 */
export async function editSession(
	ctx: ServiceContext,
	{ actor, sessionId, input }: { actor: Actor; sessionId: string; input: EditSessionInput },
): Promise<ServiceResult<SessionEdited>> {
	if (!can(actor, 'update', ownUnitSession(actor))) return refuse('forbidden', 'FORBIDDEN')
	const now = ctx.clock.now()
	const planned = planSession(input, { now })
	if (!planned.ok) return refuse('invalid', planned.refusal.code, { field: planned.refusal.field })
	const plan = planned.value
	const { tenantId } = actor
	return inEnrolmentTransaction(ctx, actor, async (tx) => {
		// Another unit's session is "not found": its existence is not ours to confirm.
		const current = await getSessionPlan(tx, { tenantId, sessionId })
		if (!current) throw refusal('not_found', 'SESSION_NOT_FOUND')
		const lock = await lockSessionForEnrolment(tx, { sessionId })
		if (!lock || lock.status === 'cancelled') throw refusal('conflict', 'SESSION_CANCELLED')
		if (lock.startsAt.getTime() <= now.getTime()) throw refusal('conflict', 'SESSION_EDIT_STARTED')
		const capacity = checkCapacity(plan.capacity, lock)
		if (!capacity.ok) throw refusal('invalid', capacity.code, { field: 'capacity', values: { taken: lock.seatsTaken } })
		const roomLocation = await checkOwnRoomsAndTrainers(tx, { tenantId, input })

		const firstRoom = plan.meetings.find((meeting) => meeting.roomId)?.roomId
		await updateSession(tx, {
			tenantId,
			sessionId,
			fields: {
				startsAt: plan.startsAt,
				endsAt: plan.endsAt,
				locationId: firstRoom ? roomLocation.get(firstRoom)! : null,
				capacity: plan.capacity,
				enrolmentDeadline: plan.enrolmentDeadline,
				minimumParticipants: plan.minimumParticipants,
				participantNote: plan.participantNote,
			},
		})
		// A meeting the form kept (by its id) is moved in place; the others are removed, and new ones booked.
		const own = new Set(current.meetings.map((meeting) => meeting.id))
		const kept = new Set<string>()
		const writes = plan.meetings.map((meeting) => {
			const id = input.meetings[meeting.formIndex]?.id
			const keep = id && own.has(id) && !kept.has(id) ? id : null
			if (keep) kept.add(keep)
			return { meeting, keep }
		})
		await deleteMeetings(tx, { sessionId, meetingIds: [...own].filter((id) => !kept.has(id)) })
		for (const { meeting, keep } of writes) {
			await bookMeeting(tx, { tenantId, meeting, field: meeting.formIndex }, (savepoint) =>
				keep
					? updateMeeting(savepoint, { tenantId, sessionId, meetingId: keep, meeting, onlineLink: plan.onlineLink })
					: insertMeeting(savepoint, { tenantId, sessionId, meeting, onlineLink: plan.onlineLink }),
			)
		}

		const before = { meetings: current.meetings as MeetingWhenWhere[], onlineLink: current.onlineLink }
		const after = { meetings: plan.meetings, onlineLink: plan.onlineLink }
		const kinds = sessionChangeKinds(before, after)
		let notified = 0
		if (mustNotifyEnrolled(kinds)) {
			const places = await roomPlaces(tx, { roomIds: [...new Set([...before.meetings, ...after.meetings].flatMap((meeting) => (meeting.roomId ? [meeting.roomId] : [])))] })
			const told = (meetings: readonly MeetingWhenWhere[]): ChangedMeeting[] =>
				[...meetings]
					.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
					.map((meeting) => ({ startsAt: meeting.startsAt.toISOString(), endsAt: meeting.endsAt.toISOString(), place: meeting.roomId ? (places.get(meeting.roomId) ?? null) : null }))
			const freeUntil = freeCancellationAfterChange({ changedAt: now, startsAt: plan.startsAt })
			const changeId = await insertSessionChange(tx, {
				tenantId,
				sessionId,
				changedAt: now,
				changedByUserId: actor.userId,
				timesChanged: kinds.times,
				placeChanged: kinds.place,
				before: told(before.meetings),
				after: told(after.meetings),
				freeCancellationUntil: freeUntil,
			})
			for (const person of await grantFreeCancellation(tx, { sessionId, until: freeUntil })) {
				await notify(tx, 'session_changed', { tenantId: person.tenantId, enrolmentId: person.id, changeId })
				notified++
			}
		}
		const promoted = plan.capacity > lock.capacity ? await promoteAndNotify(tx, sessionId) : []
		await audit(ctx, tx, {
			actor,
			action: 'session.edit',
			objectType: 'session',
			objectId: sessionId,
			before: {
				capacity: current.capacity,
				minimumParticipants: current.minimumParticipants,
				enrolmentDeadline: current.enrolmentDeadline,
				meetings: current.meetings.map(({ id, startsAt, endsAt, roomId, online, trainers }) => ({ id, startsAt, endsAt, roomId, online, trainerIds: trainers.map((trainer) => trainer.id) })),
			},
			after: {
				capacity: plan.capacity,
				minimumParticipants: plan.minimumParticipants,
				enrolmentDeadline: plan.enrolmentDeadline,
				meetings: plan.meetings.map(({ startsAt, endsAt, roomId, online, trainerIds }) => ({ startsAt, endsAt, roomId, online, trainerIds })),
				timesChanged: kinds.times,
				placeChanged: kinds.place,
				notified,
				promoted,
			},
		})
		return { notified, promoted: promoted.length }
	})
}
