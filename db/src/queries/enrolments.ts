import { and, asc, desc, eq, sql } from 'drizzle-orm'
import { type EnrolmentStatus, type PoOverrides } from '@leerplein/domain'
import { v7 as uuidv7 } from 'uuid'
import { selectRows, type Database } from '../client.ts'
import { courses } from '../schema/catalogue.ts'
import { budgetLedger, enrolments, locations, sessions } from '../schema/logistics.ts'
import { roleAssignments, users } from '../schema/people.ts'
import { tenants } from '../schema/tenants.ts'

// Every function here runs inside withTenantContext: the policies decide which rows exist.

/** The active coordinators of a unit: who takes the coordinator's approval step, and is mailed for it. */
export async function listUnitCoordinators(db: Database, { tenantId }: { tenantId: string }): Promise<{ userId: string }[]> {
	return db
		.selectDistinct({ userId: users.id })
		.from(roleAssignments)
		.innerJoin(users, eq(users.id, roleAssignments.userId))
		.where(and(eq(roleAssignments.tenantId, tenantId), eq(roleAssignments.role, 'coordinator'), eq(users.active, true)))
		.orderBy(asc(users.id))
}

/** A session with what an enrolment in it needs: its course, price and providing unit's rules. */
export async function getSessionForEnrolment(db: Database, { sessionId }: { sessionId: string }) {
	const [row] = await db
		.select({
			id: sessions.id,
			tenantId: sessions.tenantId,
			courseId: sessions.courseId,
			startsAt: sessions.startsAt,
			endsAt: sessions.endsAt,
			capacity: sessions.capacity,
			status: sessions.status,
			cancellationReason: sessions.cancellationReason,
			cancelledAt: sessions.cancelledAt,
			enrolmentDeadline: sessions.enrolmentDeadline,
			minimumParticipants: sessions.minimumParticipants,
			courseTitle: courses.title,
			/** Only a published course takes enrolments; the unpublished ones only its providing unit's coordinators see. */
			courseStatus: courses.status,
			courseProviderTenantId: courses.providerTenantId,
			priceCents: courses.priceCents,
			providerName: tenants.name,
			providerPoOverrides: tenants.poOverrides,
			locationName: locations.name,
			address: locations.address,
			city: locations.city,
		})
		.from(sessions)
		.innerJoin(courses, eq(courses.id, sessions.courseId))
		.innerJoin(tenants, eq(tenants.id, sessions.tenantId))
		.leftJoin(locations, eq(locations.id, sessions.locationId))
		.where(eq(sessions.id, sessionId))
	return row ?? null
}

export type SessionForEnrolment = NonNullable<Awaited<ReturnType<typeof getSessionForEnrolment>>>

/** A person with their unit's rules, as their own unit sees them. */
export async function getEmployeeForEnrolment(db: Database, { userId }: { userId: string }) {
	const [row] = await db
		.select({
			id: users.id,
			tenantId: users.tenantId,
			name: users.name,
			email: users.email,
			managerId: users.managerId,
			costCentre: users.costCentre,
			active: users.active,
			poOverrides: tenants.poOverrides,
		})
		.from(users)
		.innerJoin(tenants, eq(tenants.id, users.tenantId))
		.where(eq(users.id, userId))
	return row ? { ...row, poOverrides: row.poOverrides as PoOverrides } : null
}

export type SessionLock = {
	tenantId: string
	courseId: string
	startsAt: Date
	capacity: number
	status: 'planned' | 'cancelled'
	seatsTaken: number
	waiting: number
}

/**
 * Locks the session row until the transaction ends and counts its seats over all units. Every
 * change to a session's seats takes this lock first, in every portal process, so two requests
 * can never both see the last seat free.
 */
export async function lockSessionForEnrolment(db: Database, { sessionId }: { sessionId: string }): Promise<SessionLock | null> {
	const [row] = await selectRows<{
		tenant_id: string
		course_id: string
		starts_at: string | Date
		capacity: number
		status: 'planned' | 'cancelled'
		seats_taken: number
		waiting: number
	}>(db, sql`select * from lock_session_for_enrolment(${sessionId})`)
	if (!row?.tenant_id) return null
	return {
		tenantId: row.tenant_id,
		courseId: row.course_id,
		startsAt: new Date(row.starts_at),
		capacity: Number(row.capacity),
		status: row.status,
		seatsTaken: Number(row.seats_taken),
		waiting: Number(row.waiting),
	}
}

/**
 * Serialises budget decisions of one employee (two requests at once must not both fit in the
 * last of the budget). Transaction-scoped, so it ends with the transaction.
 */
export async function lockEmployeeBudget(db: Database, { userId }: { userId: string }): Promise<void> {
	await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`budget:${userId}`}, 0))`)
}

/** What the ledger holds for an employee in a budget year: commitments minus releases. */
export async function committedBudget(db: Database, { userId, year }: { userId: string; year: number }): Promise<number> {
	const [row] = await db
		.select({ total: sql<number>`coalesce(sum(${budgetLedger.amountCents}), 0)`.mapWith(Number) })
		.from(budgetLedger)
		.where(and(eq(budgetLedger.userId, userId), eq(budgetLedger.year, year)))
	return row?.total ?? 0
}

/** The next number in arrival order; drawn under the session lock. */
export async function nextQueueNumber(db: Database): Promise<number> {
	const [row] = await selectRows<{ n: string | number }>(db, sql`select nextval('enrolment_queue') as n`)
	return Number(row!.n)
}

export type NewEnrolment = typeof enrolments.$inferInsert

export async function insertEnrolment(db: Database, enrolment: NewEnrolment) {
	const [row] = await db.insert(enrolments).values(enrolment).returning()
	return row!
}

/** The employee's active enrolment in the session, if any (the unique index allows one). */
export async function findActiveEnrolment(db: Database, { sessionId, userId }: { sessionId: string; userId: string }) {
	const [row] = await db
		.select({ id: enrolments.id, status: enrolments.status })
		.from(enrolments)
		.where(and(eq(enrolments.sessionId, sessionId), eq(enrolments.userId, userId), sql`${enrolments.status} not in ('declined', 'cancelled')`))
	return row ?? null
}

/**
 * Moves an enrolment from the status the caller read to the next one, or returns null when
 * someone else moved it first (a conditional update, so a race becomes a conflict, not a lost update).
 */
export async function updateEnrolment(
	db: Database,
	{ enrolmentId, from, set }: { enrolmentId: string; from: EnrolmentStatus; set: Partial<NewEnrolment> & { status: EnrolmentStatus } },
) {
	const [row] = await db
		.update(enrolments)
		.set({ ...set, updatedAt: sql`now()` })
		.where(and(eq(enrolments.id, enrolmentId), eq(enrolments.status, from)))
		.returning()
	return row ?? null
}

/** Fills free seats from the waitlist in arrival order; the promoted people, to notify. */
export async function promoteWaitlist(db: Database, { sessionId }: { sessionId: string }) {
	const rows = await selectRows<{ enrolment_id: string; tenant_id: string; user_id: string }>(db, sql`select * from promote_waitlist(${sessionId})`)
	return rows.map((row) => ({ enrolmentId: row.enrolment_id, tenantId: row.tenant_id, userId: row.user_id }))
}

/** Commits the price to the employee's budget at approval, with the cost centre fixed from now on. */
export async function commitBudget(
	db: Database,
	entry: { tenantId: string; userId: string; enrolmentId: string; year: number; amountCents: number; costCentre: string | null },
): Promise<void> {
	await db
		.insert(budgetLedger)
		.values({ id: uuidv7(), kind: 'commit', ...entry })
		.onConflictDoNothing()
}

/** Releases what an ended enrolment committed (once); the amount released, 0 if nothing was. */
export async function releaseBudget(db: Database, { enrolmentId }: { enrolmentId: string }): Promise<number> {
	const [row] = await selectRows<{ released: number }>(db, sql`select release_enrolment_budget(${enrolmentId}, ${uuidv7()}) as released`)
	return Number(row?.released ?? 0)
}

/** An enrolment with everything a decision on it needs (who the manager is, which unit provides). */
export async function getEnrolmentForAction(db: Database, { enrolmentId }: { enrolmentId: string }) {
	const [row] = await db
		.select({
			id: enrolments.id,
			tenantId: enrolments.tenantId,
			userId: enrolments.userId,
			sessionId: enrolments.sessionId,
			status: enrolments.status,
			priceCents: enrolments.priceCents,
			costCentre: enrolments.costCentre,
			approvalStep: enrolments.approvalStep,
			queueNumber: enrolments.queueNumber,
			managerId: users.managerId,
			employeeCostCentre: users.costCentre,
			providerTenantId: sessions.tenantId,
			startsAt: sessions.startsAt,
			sessionStatus: sessions.status,
			courseId: sessions.courseId,
			freeCancellationUntil: enrolments.freeCancellationUntil,
			employeeName: users.name,
		})
		.from(enrolments)
		.innerJoin(users, eq(users.id, enrolments.userId))
		.innerJoin(sessions, eq(sessions.id, enrolments.sessionId))
		.where(eq(enrolments.id, enrolmentId))
	return row ?? null
}

export type EnrolmentForAction = NonNullable<Awaited<ReturnType<typeof getEnrolmentForAction>>>


/** "My learning": every enrolment of one person, newest session first. */
export async function listMyEnrolments(db: Database, { userId }: { userId: string }) {
	return db
		.select({
			id: enrolments.id,
			status: enrolments.status,
			sessionId: sessions.id,
			sessionStatus: sessions.status,
			startsAt: sessions.startsAt,
			endsAt: sessions.endsAt,
			courseId: courses.id,
			courseTitle: courses.title,
			courseForm: courses.form,
			/** A blended programme's completion rule (ADR 033): "Mijn leren" shows progress per part. */
			completionMinParts: courses.completionMinParts,
			classroomPartIndex: courses.classroomPartIndex,
			priceCents: enrolments.priceCents,
			locationName: locations.name,
			city: locations.city,
			queueNumber: enrolments.queueNumber,
			waitlistPosition: sql<number | null>`case when ${enrolments.status} = 'waitlisted' then
				(select count(*) from enrolments w where w.session_id = ${enrolments.sessionId} and w.status = 'waitlisted' and w.queue_number <= ${enrolments.queueNumber})
				end`.mapWith((value) => (value === null ? null : Number(value))),
			decisionNote: enrolments.decisionNote,
			participantNote: sessions.participantNote,
			/**
			 * An online session's meeting link, for someone who holds a seat only: the status check
			 * here, and the link's own policy (the providing unit, or a participant) in the database.
			 */
			onlineLink: sql<string | null>`case when ${enrolments.status} in ('enrolled', 'attended', 'completed') then
				(select l.url from meeting_links l join session_meetings m on m.id = l.meeting_id where m.session_id = ${sessions.id} order by m.starts_at limit 1)
				end`,
		})
		.from(enrolments)
		.innerJoin(sessions, eq(sessions.id, enrolments.sessionId))
		.innerJoin(courses, eq(courses.id, sessions.courseId))
		.leftJoin(locations, eq(locations.id, sessions.locationId))
		.where(eq(enrolments.userId, userId))
		.orderBy(desc(sessions.startsAt))
		.limit(500)
}

/**
 * The approvals inbox: requests awaiting approval in one unit, for one manager's team (or, for a
 * coordinator, the whole unit), oldest first.
 */
export async function listAwaitingApproval(db: Database, { tenantId, managerId, step }: { tenantId: string; managerId: string | null; step: 'manager' | 'coordinator' | null }) {
	return db
		.select({
			id: enrolments.id,
			requestedAt: enrolments.requestedAt,
			approvalStep: enrolments.approvalStep,
			approvalReason: enrolments.approvalReason,
			priceCents: enrolments.priceCents,
			costCentre: enrolments.costCentre,
			employeeId: users.id,
			employeeName: users.name,
			courseTitle: courses.title,
			startsAt: sessions.startsAt,
			providerShortName: tenants.shortName,
		})
		.from(enrolments)
		.innerJoin(users, eq(users.id, enrolments.userId))
		.innerJoin(sessions, eq(sessions.id, enrolments.sessionId))
		.innerJoin(courses, eq(courses.id, sessions.courseId))
		.innerJoin(tenants, eq(tenants.id, sessions.tenantId))
		.where(
			and(
				eq(enrolments.tenantId, tenantId),
				eq(enrolments.status, 'awaiting_approval'),
				managerId ? eq(users.managerId, managerId) : undefined,
				step ? eq(enrolments.approvalStep, step) : undefined,
			),
		)
		.orderBy(asc(enrolments.requestedAt), asc(enrolments.id))
		.limit(1000)
}

/**
 * A session's participants and waitlist, for its providing unit. Of a cancelled session: the people
 * it had when it was cancelled (cancelled with it, in the same transaction), so its list stays.
 */
export async function listSessionEnrolments(db: Database, { sessionId, cancelledAt = null }: { sessionId: string; cancelledAt?: Date | null }) {
	return db
		.select({
			id: enrolments.id,
			tenantId: enrolments.tenantId,
			status: enrolments.status,
			queueNumber: enrolments.queueNumber,
			requestedAt: enrolments.requestedAt,
			userId: users.id,
			name: users.name,
			email: users.email,
			unitShortName: tenants.shortName,
		})
		.from(enrolments)
		.innerJoin(users, eq(users.id, enrolments.userId))
		.innerJoin(tenants, eq(tenants.id, enrolments.tenantId))
		.where(
			and(
				eq(enrolments.sessionId, sessionId),
				cancelledAt
					? sql`${enrolments.status} = 'cancelled' and ${enrolments.updatedAt} >= ${cancelledAt.toISOString()}::timestamptz`
					: sql`${enrolments.status} not in ('declined', 'cancelled')`,
			),
		)
		.orderBy(asc(enrolments.queueNumber), asc(enrolments.requestedAt))
}

/** The other upcoming sessions of a course, offered when a session is cancelled or to move people to. */
export async function listOtherSessions(db: Database, { courseId, exceptSessionId, now }: { courseId: string; exceptSessionId: string; now: Date }) {
	return db
		.select({ id: sessions.id, startsAt: sessions.startsAt, endsAt: sessions.endsAt, tenantId: sessions.tenantId, city: locations.city })
		.from(sessions)
		.leftJoin(locations, eq(locations.id, sessions.locationId))
		.where(and(eq(sessions.courseId, courseId), eq(sessions.status, 'planned'), sql`${sessions.id} <> ${exceptSessionId}`, sql`${sessions.startsAt} > ${now.toISOString()}`))
		.orderBy(asc(sessions.startsAt))
		.limit(20)
}

/** Cancels a session without deleting it; false when it was cancelled already (or is not this unit's). */
export async function markSessionCancelled(db: Database, { sessionId, reason }: { sessionId: string; reason: string }): Promise<boolean> {
	const rows = await db
		.update(sessions)
		.set({ status: 'cancelled', cancelledAt: sql`now()`, cancellationReason: reason })
		.where(and(eq(sessions.id, sessionId), eq(sessions.status, 'planned')))
		.returning({ id: sessions.id })
	return rows.length > 0
}

export async function setSessionCapacity(db: Database, { sessionId, capacity }: { sessionId: string; capacity: number }): Promise<boolean> {
	const rows = await db.update(sessions).set({ capacity }).where(eq(sessions.id, sessionId)).returning({ id: sessions.id })
	return rows.length > 0
}

/** Moves an enrolment to another session of the same provider (the policies check both ends). */
export async function moveEnrolmentToSession(db: Database, { enrolmentId, toSessionId, from }: { enrolmentId: string; toSessionId: string; from: EnrolmentStatus }) {
	const [row] = await db
		.update(enrolments)
		.set({ sessionId: toSessionId, status: 'approved', queueNumber: null, updatedAt: sql`now()` })
		.where(and(eq(enrolments.id, enrolmentId), eq(enrolments.status, from)))
		.returning({ id: enrolments.id })
	return row ?? null
}

/** Sessions whose start falls in [from, to): for the reminder scan, per unit. */
export async function listEnrolmentsStartingBetween(db: Database, { tenantId, from, to }: { tenantId: string; from: Date; to: Date }) {
	return db
		.select({ id: enrolments.id, startsAt: sessions.startsAt })
		.from(enrolments)
		.innerJoin(sessions, eq(sessions.id, enrolments.sessionId))
		.where(
			and(
				eq(enrolments.tenantId, tenantId),
				eq(enrolments.status, 'enrolled'),
				eq(sessions.status, 'planned'),
				sql`${sessions.startsAt} >= ${from.toISOString()} and ${sessions.startsAt} < ${to.toISOString()}`,
			),
		)
}

/** A providing unit's upcoming sessions with seats taken and waiting (its own rows, by the policies). */
export async function listProvidedSessions(db: Database, { tenantId, from }: { tenantId: string; from: Date }) {
	return db
		.select({
			id: sessions.id,
			startsAt: sessions.startsAt,
			endsAt: sessions.endsAt,
			capacity: sessions.capacity,
			status: sessions.status,
			minimumParticipants: sessions.minimumParticipants,
			enrolmentDeadline: sessions.enrolmentDeadline,
			courseTitle: courses.title,
			city: locations.city,
			taken: sql<number>`(select count(*) from enrolments e where e.session_id = ${sessions.id} and e.status in ('enrolled', 'attended', 'no_show', 'completed'))`.mapWith(Number),
			waiting: sql<number>`(select count(*) from enrolments e where e.session_id = ${sessions.id} and e.status = 'waitlisted')`.mapWith(Number),
		})
		.from(sessions)
		.innerJoin(courses, eq(courses.id, sessions.courseId))
		.leftJoin(locations, eq(locations.id, sessions.locationId))
		.where(and(eq(sessions.tenantId, tenantId), sql`${sessions.endsAt} >= ${from.toISOString()}`))
		.orderBy(asc(sessions.startsAt))
		.limit(500)
}

/** Everything a notification mail about an enrolment says, read in the employee's unit. */
export async function getEnrolmentForMail(db: Database, { enrolmentId, recipientUserId }: { enrolmentId: string; recipientUserId: string | null }) {
	const [row] = await db
		.select({
			id: enrolments.id,
			status: enrolments.status,
			userId: enrolments.userId,
			employeeName: users.name,
			decisionNote: enrolments.decisionNote,
			priceCents: enrolments.priceCents,
			sessionId: sessions.id,
			startsAt: sessions.startsAt,
			endsAt: sessions.endsAt,
			sessionStatus: sessions.status,
			cancellationReason: sessions.cancellationReason,
			courseId: courses.id,
			courseTitle: courses.title,
			locationName: locations.name,
			city: locations.city,
		})
		.from(enrolments)
		.innerJoin(users, eq(users.id, enrolments.userId))
		.innerJoin(sessions, eq(sessions.id, enrolments.sessionId))
		.innerJoin(courses, eq(courses.id, sessions.courseId))
		.leftJoin(locations, eq(locations.id, sessions.locationId))
		.where(eq(enrolments.id, enrolmentId))
	if (!row) return null
	const [recipient] = await db
		.select({ name: users.name, email: users.email, preferredLanguage: users.preferredLanguage, active: users.active })
		.from(users)
		.where(eq(users.id, recipientUserId ?? row.userId))
	return recipient ? { ...row, recipient } : null
}

/** Whom a notice about a session goes to (a coordinator), read in their own unit. */
export async function getMailRecipient(db: Database, { userId }: { userId: string }) {
	const [row] = await db.select({ name: users.name, email: users.email, preferredLanguage: users.preferredLanguage, active: users.active }).from(users).where(eq(users.id, userId))
	return row ?? null
}

export type AllocatedSeat = { enrolmentId: string; tenantId: string; userId: string; status: 'enrolled' | 'waitlisted'; queueNumber: number }

/**
 * Seats every approved enrolment of the session that is still waiting for a place (see the
 * SQL function). Call it on the pool itself, outside any transaction: then the session lock
 * lasts exactly one statement. The function applies the domain's seatIsFreeFor in SQL, for
 * that reason; seat-rule.test.ts keeps the two equal.
 */
export async function allocateSeats(db: Database, { sessionId }: { sessionId: string }): Promise<AllocatedSeat[]> {
	const rows = await selectRows<{ enrolment_id: string; tenant_id: string; user_id: string; status: 'enrolled' | 'waitlisted'; queue_number: string }>(
		db,
		sql`select * from allocate_seats(${sessionId})`,
	)
	return rows.map((row) => ({ enrolmentId: row.enrolment_id, tenantId: row.tenant_id, userId: row.user_id, status: row.status, queueNumber: Number(row.queue_number) }))
}

/** The status of one's own enrolment (in a tenant context). */
export async function getEnrolmentStatus(db: Database, { enrolmentId }: { enrolmentId: string }) {
	const [row] = await db.select({ status: enrolments.status }).from(enrolments).where(eq(enrolments.id, enrolmentId))
	return row?.status ?? null
}

/**
 * The unit's planned sessions with a minimum number of participants, fewer seats taken than that,
 * and their decision moment (the enrolment deadline, or else the start) in (from, to]: for the
 * minimum-participants scan.
 */
export async function listSessionsBelowMinimum(db: Database, { tenantId, from, to }: { tenantId: string; from: Date; to: Date }) {
	const moment = sql`coalesce(${sessions.enrolmentDeadline}, ${sessions.startsAt})`
	const taken = sql`(select count(*) from enrolments e where e.session_id = ${sessions.id} and e.status in ('enrolled', 'attended', 'no_show', 'completed'))`
	return db
		.select({
			id: sessions.id,
			startsAt: sessions.startsAt,
			enrolmentDeadline: sessions.enrolmentDeadline,
			minimumParticipants: sessions.minimumParticipants,
			status: sessions.status,
			seatsTaken: sql<number>`${taken}`.mapWith(Number),
		})
		.from(sessions)
		.where(
			and(
				eq(sessions.tenantId, tenantId),
				eq(sessions.status, 'planned'),
				sql`${sessions.minimumParticipants} is not null`,
				sql`${moment} > ${from.toISOString()}::timestamptz and ${moment} <= ${to.toISOString()}::timestamptz`,
				sql`${taken} < ${sessions.minimumParticipants}`,
			),
		)
		.orderBy(asc(sessions.startsAt))
}
