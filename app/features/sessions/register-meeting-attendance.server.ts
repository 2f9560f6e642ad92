import { getEnrolmentStatus, getSessionForEnrolment, listSessionEnrolments, releaseBudget, updateEnrolment } from '@leerplein/db/enrolment'
import { getMark, getMeetingOfSession, listCountingMeetingIds, listSessionMarks, listTrainerUserIds, upsertMark } from '@leerplein/db/planning'
import { attendanceEvent, can, canRegisterMark, noShowReleasesBudget, sessionAttendance, type Actor, type EnrolmentStatus, type MeetingMark } from '@leerplein/domain'
import type { ErrorCode } from '../../core/error-codes.ts'
import { audit, refusal, ServiceError, type FailureKind, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { inEnrolmentTransaction, next, rulesOf } from '../enrolment/enrolment-support.server.ts'
import { settleBlendedCompletion } from '../enrolment/settle-blended-completion.server.ts'
import { recordOwnXapiEvent } from '../xapi/own-events.server.ts'
import { meetingMarkField, type MeetingMarkInput } from './meeting-attendance-schema.ts'

export type SavedRow = { enrolmentId: string; name: string; status: EnrolmentStatus }
export type RefusedRow = { enrolmentId: string; name: string | null; field: string; kind: FailureKind; code: ErrorCode }

/**
 * Registers who was present at one meeting, for several people. Each row is saved on its own (a
 * savepoint): a row that cannot be saved (already completed, not a participant, another session's
 * enrolment) is named and refused, and the others are saved. After each mark the domain's
 * `sessionAttendance` decides whether the session as a whole now counts as attended (or not), and
 * the enrolment follows through the state machine as the portal ('system'); an attended blended
 * programme whose completion rule is then met completes (ADR 033).
 * Who: the providing unit's coordinators, and the internal trainers booked for this meeting.
 */
export async function registerMeetingAttendance(
	ctx: ServiceContext,
	{ actor, sessionId, meetingId, marks }: { actor: Actor; sessionId: string; meetingId: string; marks: readonly MeetingMarkInput[] },
): Promise<ServiceResult<{ saved: SavedRow[]; refused: RefusedRow[] }>> {
	const now = ctx.clock.now()
	return inEnrolmentTransaction(ctx, actor, async (tx) => {
		const session = await getSessionForEnrolment(tx, { sessionId })
		// Another unit's session, or one this trainer does not teach, is "not found": not ours to confirm.
		if (!session || !can(actor, 'read', { kind: 'session_attendance', providerTenantId: session.tenantId, trainerUserIds: await listTrainerUserIds(tx, { sessionId }) })) {
			throw refusal('not_found', 'SESSION_NOT_FOUND')
		}
		const meeting = await getMeetingOfSession(tx, { sessionId, meetingId })
		if (!meeting) throw refusal('not_found', 'MEETING_NOT_FOUND', { field: 'meetingId' })
		// A trainer of the session's other meetings does not register this one.
		if (!can(actor, 'update', { kind: 'session_attendance', providerTenantId: session.tenantId, trainerUserIds: await listTrainerUserIds(tx, { sessionId, meetingId }) })) {
			throw refusal('forbidden', 'FORBIDDEN', { field: 'meetingId' })
		}
		if (session.status === 'cancelled' || meeting.cancelled) throw refusal('conflict', 'SESSION_CANCELLED')
		if (meeting.startsAt.getTime() > now.getTime()) throw refusal('invalid', 'MEETING_NOT_STARTED', { field: 'meetingId' })

		const people = new Map((await listSessionEnrolments(tx, { sessionId })).map((person) => [person.id, person]))
		const counting = await listCountingMeetingIds(tx, { sessionId })
		const stored = new Map((await listSessionMarks(tx, { sessionId })).map((mark) => [`${mark.meetingId}:${mark.enrolmentId}`, mark.present]))
		const rules = await rulesOf(tx, {}, session.providerPoOverrides)
		const saved: SavedRow[] = []
		const refused: RefusedRow[] = []
		for (const mark of marks) {
			const field = meetingMarkField(mark.enrolmentId)
			const person = people.get(mark.enrolmentId)
			try {
				// An enrolment of another session (or a forged id) cannot be smuggled in with this form.
				if (!person) throw refusal('not_found', 'ENROLMENT_NOT_FOUND')
				const allowed = canRegisterMark(person.status, meeting.startsAt, { now })
				if (!allowed.ok) throw refusal('conflict', allowed.code)
				const status = await tx.transaction(async (savepoint) => {
					const before = await getMark(savepoint, { meetingId, enrolmentId: person.id })
					if (before?.present === mark.present) return person.status
					await upsertMark(savepoint, { meetingId, enrolmentId: person.id, sessionId, tenantId: session.tenantId, present: mark.present, registeredByUserId: actor.userId, registeredAt: now })
					await audit(ctx, savepoint, {
						actor,
						action: 'attendance.register',
						objectType: 'enrolment',
						objectId: person.id,
						before: before ? { meetingId, present: before.present } : null,
						after: { meetingId, present: mark.present },
					})
					const marksOfPerson = counting.map((id): MeetingMark | null => {
						const present = id === meetingId ? mark.present : stored.get(`${id}:${person.id}`)
						return present === undefined ? null : present ? 'present' : 'absent'
					})
					const event = attendanceEvent(person.status, sessionAttendance(marksOfPerson))
					if (!event) return person.status
					const after = next(person.status, { type: event }, 'system')
					if (!(await updateEnrolment(savepoint, { enrolmentId: person.id, from: person.status, set: { status: after } }))) throw refusal('conflict', 'ENROLMENT_CHANGED')
					if (after === 'no_show' && noShowReleasesBudget(rules)) await releaseBudget(savepoint, { enrolmentId: person.id })
					await audit(ctx, savepoint, { actor, action: `enrolment.${event}`, objectType: 'enrolment', objectId: person.id, before: { status: person.status }, after: { status: after } })
					// The classroom part of a blended programme is done: its rule may now be met (ADR 033).
					if (after === 'attended' && (await settleBlendedCompletion(ctx, savepoint, { courseId: session.courseId, userId: person.userId })) > 0) {
						return (await getEnrolmentStatus(savepoint, { enrolmentId: person.id })) ?? after
					}
					return after
				})
				// Into the employee's unit's xAPI store, in this transaction (ADR 039, "Leerplein's own events").
				const done = ['attended', 'completed']
				if (done.includes(status) && !done.includes(person.status)) await recordOwnXapiEvent(ctx, tx, { kind: 'attended', enrolmentId: person.id })
				if (status === 'completed' && person.status !== 'completed') await recordOwnXapiEvent(ctx, tx, { kind: 'completed', enrolmentId: person.id })
				stored.set(`${meetingId}:${person.id}`, mark.present)
				people.set(person.id, { ...person, status })
				saved.push({ enrolmentId: person.id, name: person.name, status })
			} catch (error) {
				if (!(error instanceof ServiceError)) throw error
				refused.push({ enrolmentId: mark.enrolmentId, name: person?.name ?? null, field, kind: error.failure.kind, code: error.failure.code })
			}
		}
		return { saved, refused }
	})
}
