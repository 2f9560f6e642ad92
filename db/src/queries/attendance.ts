import { and, asc, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm'
import type { Database } from '../client.ts'
import { courses } from '../schema/catalogue.ts'
import { locations, sessions } from '../schema/logistics.ts'
import { meetingAttendance, meetingTrainers, sessionMeetings, trainers } from '../schema/planning.ts'

// Attendance per meeting (issue 14, ADR 028) and a trainer's own sessions. Every function runs
// inside withTenantContext: the policies decide which rows exist (the providing unit reads its
// sessions' marks; only its coordinators and the meeting's own trainers write them).

/** One meeting of one session, or null (another session's meeting, a forged id). */
export async function getMeetingOfSession(db: Database, { sessionId, meetingId }: { sessionId: string; meetingId: string }) {
	const [row] = await db
		.select({ id: sessionMeetings.id, startsAt: sessionMeetings.startsAt, endsAt: sessionMeetings.endsAt, cancelled: sessionMeetings.cancelled })
		.from(sessionMeetings)
		.where(and(eq(sessionMeetings.id, meetingId), eq(sessionMeetings.sessionId, sessionId)))
	return row ?? null
}

/** The people behind the internal trainers booked for a session's meetings (one meeting's, when given). */
export async function listTrainerUserIds(db: Database, { sessionId, meetingId }: { sessionId: string; meetingId?: string }): Promise<string[]> {
	const rows = await db
		.selectDistinct({ userId: trainers.userId })
		.from(meetingTrainers)
		.innerJoin(sessionMeetings, eq(sessionMeetings.id, meetingTrainers.meetingId))
		.innerJoin(trainers, eq(trainers.id, meetingTrainers.trainerId))
		.where(and(eq(sessionMeetings.sessionId, sessionId), meetingId ? eq(sessionMeetings.id, meetingId) : undefined, eq(trainers.kind, 'internal')))
	return rows.flatMap((row) => (row.userId ? [row.userId] : []))
}

/** Every mark of a session: per meeting and enrolment, present or absent. */
export async function listSessionMarks(db: Database, { sessionId }: { sessionId: string }) {
	return db
		.select({ meetingId: meetingAttendance.meetingId, enrolmentId: meetingAttendance.enrolmentId, present: meetingAttendance.present })
		.from(meetingAttendance)
		.where(eq(meetingAttendance.sessionId, sessionId))
}

/** The ids of a session's meetings that count for attendance (a cancelled meeting does not). */
export async function listCountingMeetingIds(db: Database, { sessionId }: { sessionId: string }): Promise<string[]> {
	const rows = await db
		.select({ id: sessionMeetings.id })
		.from(sessionMeetings)
		.where(and(eq(sessionMeetings.sessionId, sessionId), eq(sessionMeetings.cancelled, false)))
		.orderBy(asc(sessionMeetings.startsAt))
	return rows.map((row) => row.id)
}

/** The mark already stored for one person at one meeting, or null. */
export async function getMark(db: Database, { meetingId, enrolmentId }: { meetingId: string; enrolmentId: string }) {
	const [row] = await db
		.select({ present: meetingAttendance.present })
		.from(meetingAttendance)
		.where(and(eq(meetingAttendance.meetingId, meetingId), eq(meetingAttendance.enrolmentId, enrolmentId)))
	return row ?? null
}

export type NewMark = { meetingId: string; enrolmentId: string; sessionId: string; tenantId: string; present: boolean; registeredByUserId: string; registeredAt: Date }

/** Registers (or corrects) one person's mark at one meeting. */
export async function upsertMark(db: Database, mark: NewMark): Promise<void> {
	await db
		.insert(meetingAttendance)
		.values(mark)
		.onConflictDoUpdate({
			target: [meetingAttendance.meetingId, meetingAttendance.enrolmentId],
			set: { present: mark.present, registeredByUserId: mark.registeredByUserId, registeredAt: mark.registeredAt },
		})
}

/** The trainer records of a person in their own unit (an employee is an internal trainer once per unit). */
export async function findTrainerIdsOfUser(db: Database, { tenantId, userId }: { tenantId: string; userId: string }): Promise<string[]> {
	const rows = await db
		.select({ id: trainers.id })
		.from(trainers)
		.where(and(eq(trainers.tenantId, tenantId), eq(trainers.userId, userId), eq(trainers.kind, 'internal')))
	return rows.map((row) => row.id)
}

/**
 * The sessions a trainer teaches at least one meeting of, whose last meeting ends after `from`
 * and first begins before `until`: "my sessions", soonest first.
 */
export async function listTrainerSessions(db: Database, { trainerIds, from, until }: { trainerIds: string[]; from: Date; until: Date }) {
	if (trainerIds.length === 0) return []
	const taught = db
		.selectDistinct({ sessionId: sessionMeetings.sessionId })
		.from(meetingTrainers)
		.innerJoin(sessionMeetings, eq(sessionMeetings.id, meetingTrainers.meetingId))
		.where(inArray(meetingTrainers.trainerId, trainerIds))
	return db
		.select({
			id: sessions.id,
			startsAt: sessions.startsAt,
			endsAt: sessions.endsAt,
			status: sessions.status,
			courseTitle: courses.title,
			city: locations.city,
			meetings: sql<number>`(select count(*) from session_meetings m where m.session_id = ${sessions.id})`.mapWith(Number),
			participants: sql<number>`(select count(*) from enrolments e where e.session_id = ${sessions.id} and e.status in ('enrolled', 'attended', 'no_show', 'completed'))`.mapWith(Number),
		})
		.from(sessions)
		.innerJoin(courses, eq(courses.id, sessions.courseId))
		.leftJoin(locations, eq(locations.id, sessions.locationId))
		.where(and(inArray(sessions.id, taught), gt(sessions.endsAt, from), lt(sessions.startsAt, until)))
		.orderBy(asc(sessions.startsAt), desc(sessions.id))
		.limit(200)
}
