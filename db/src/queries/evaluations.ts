import { and, asc, desc, eq, isNull, lte, or, sql } from 'drizzle-orm'
import { selectRows, type Database } from '../client.ts'
import { courses } from '../schema/catalogue.ts'
import { evaluationInvitations, evaluationResponses } from '../schema/evaluation.ts'
import { sessions } from '../schema/logistics.ts'
import { users } from '../schema/people.ts'

// Course evaluations (ADR 041). Invitations are read in the participant's unit and only ever for
// the participant (the caller passes them); responses in the providing unit, without anyone.

export type EvaluationInvitation = {
	id: string
	kind: 'evaluation' | 'follow_up' | 'manager'
	/** For a manager's questionnaire: whom it is about, their team member (ADR 045); null otherwise. */
	participantName: string | null
	enrolmentId: string
	courseId: string
	courseTitle: string
	startsAt: Date
	invitedAt: Date
	answeredAt: Date | null
}

const invitationColumns = {
	id: evaluationInvitations.id,
	kind: evaluationInvitations.kind,
	// Under the unit's row-level security, as the invitation: the team member a manager is asked about.
	participantName: sql<string | null>`case when ${evaluationInvitations.kind} = 'manager' then (select p.name from enrolments e join users p on p.id = e.user_id where e.id = ${evaluationInvitations.enrolmentId}) end`,
	enrolmentId: evaluationInvitations.enrolmentId,
	courseId: evaluationInvitations.courseId,
	courseTitle: courses.title,
	startsAt: sessions.startsAt,
	invitedAt: evaluationInvitations.invitedAt,
	answeredAt: evaluationInvitations.answeredAt,
}

/**
 * A person's evaluations and follow-ups still to answer whose time has come by `now` (a follow-up
 * is dated ahead, ADR 045), newest first: the tasks on "Mijn leren".
 */
export async function listOpenEvaluations(db: Database, { tenantId, userId, now }: { tenantId: string; userId: string; now: Date }): Promise<EvaluationInvitation[]> {
	return db
		.select(invitationColumns)
		.from(evaluationInvitations)
		.innerJoin(courses, eq(courses.id, evaluationInvitations.courseId))
		.innerJoin(sessions, eq(sessions.id, evaluationInvitations.sessionId))
		.where(and(eq(evaluationInvitations.tenantId, tenantId), eq(evaluationInvitations.userId, userId), isNull(evaluationInvitations.answeredAt), lte(evaluationInvitations.invitedAt, now)))
		.orderBy(desc(evaluationInvitations.invitedAt))
}

/** One of the person's invitations whose time has come by `now`, answered or not; null when it is not theirs or not yet due. */
export async function getEvaluationInvitation(
	db: Database,
	{ tenantId, userId, invitationId, now }: { tenantId: string; userId: string; invitationId: string; now: Date },
): Promise<EvaluationInvitation | null> {
	const [row] = await db
		.select(invitationColumns)
		.from(evaluationInvitations)
		.innerJoin(courses, eq(courses.id, evaluationInvitations.courseId))
		.innerJoin(sessions, eq(sessions.id, evaluationInvitations.sessionId))
		.where(and(eq(evaluationInvitations.id, invitationId), eq(evaluationInvitations.tenantId, tenantId), eq(evaluationInvitations.userId, userId), lte(evaluationInvitations.invitedAt, now)))
	return row ?? null
}

/** Stores the signed-in person's answer to their invitation; false when it was answered already (or is not theirs). */
export async function submitEvaluation(db: Database, { invitationId, formVersion, answers }: { invitationId: string; formVersion: string; answers: Record<string, number | string> }): Promise<boolean> {
	const [row] = await selectRows<{ stored: boolean }>(db, sql`select evaluation_submit(${invitationId}::uuid, ${formVersion}, ${JSON.stringify(answers)}::jsonb) as stored`)
	return row?.stored === true
}

/** The answers to a course of the providing unit `tenantId` (all of its form versions), in no meaningful order. */
export async function listEvaluationAnswers(
	db: Database,
	{ tenantId, courseId, formVersion }: { tenantId: string; courseId: string; formVersion: string },
): Promise<Record<string, number | string>[]> {
	const rows = await db
		.select({ answers: evaluationResponses.answers })
		.from(evaluationResponses)
		.where(and(eq(evaluationResponses.providerTenantId, tenantId), eq(evaluationResponses.courseId, courseId), eq(evaluationResponses.formVersion, formVersion)))
	return rows.map((row) => row.answers)
}

export type EvaluationMailDue = { id: string; kind: 'evaluation' | 'follow_up' | 'manager'; userId: string; invitedAt: Date; mailsSent: number }

/**
 * A unit's unanswered invitations of active people that are owed their next mail, oldest first:
 * `dueBy[n]` is the latest invitation time at which an invitation that has had n mails is owed
 * the next (the domain's schedule, `evaluationMailsDue`, computes them).
 */
export async function listEvaluationsAwaitingMail(db: Database, { tenantId, dueBy, limit }: { tenantId: string; dueBy: readonly Date[]; limit: number }): Promise<EvaluationMailDue[]> {
	const owed = or(...dueBy.map((latest, sent) => and(eq(evaluationInvitations.mailsSent, sent), lte(evaluationInvitations.invitedAt, latest))))
	return db
		.select({ id: evaluationInvitations.id, kind: evaluationInvitations.kind, userId: evaluationInvitations.userId, invitedAt: evaluationInvitations.invitedAt, mailsSent: evaluationInvitations.mailsSent })
		.from(evaluationInvitations)
		.innerJoin(users, eq(users.id, evaluationInvitations.userId))
		.where(and(eq(evaluationInvitations.tenantId, tenantId), isNull(evaluationInvitations.answeredAt), eq(users.active, true), owed))
		.orderBy(asc(evaluationInvitations.invitedAt))
		.limit(limit)
}

/**
 * Records that the invitation has had `mailsSent` mails, unless another scan got there first
 * (the row is locked by the update, and the count only grows): true when this call counted it.
 */
export async function recordEvaluationMail(db: Database, { invitationId, from, mailsSent, now }: { invitationId: string; from: number; mailsSent: number; now: Date }): Promise<boolean> {
	const updated = await db
		.update(evaluationInvitations)
		.set({ mailsSent, lastMailedAt: now })
		.where(and(eq(evaluationInvitations.id, invitationId), eq(evaluationInvitations.mailsSent, from), isNull(evaluationInvitations.answeredAt)))
		.returning({ id: evaluationInvitations.id })
	return updated.length > 0
}

/** What a mail about an invitation says, read when it is sent; null when it is answered meanwhile or gone. */
export async function getEvaluationForMail(db: Database, { invitationId }: { invitationId: string }): Promise<{ kind: 'evaluation' | 'follow_up' | 'manager'; participantName: string | null; courseTitle: string; startsAt: Date; answered: boolean } | null> {
	const [row] = await db
		.select({ kind: evaluationInvitations.kind, participantName: invitationColumns.participantName, courseTitle: courses.title, startsAt: sessions.startsAt, answeredAt: evaluationInvitations.answeredAt })
		.from(evaluationInvitations)
		.innerJoin(courses, eq(courses.id, evaluationInvitations.courseId))
		.innerJoin(sessions, eq(sessions.id, evaluationInvitations.sessionId))
		.where(eq(evaluationInvitations.id, invitationId))
	return row ? { kind: row.kind, participantName: row.participantName, courseTitle: row.courseTitle, startsAt: row.startsAt, answered: row.answeredAt !== null } : null
}

export type CourseEvaluationAggregate = {
	courseId: string
	courseTitle: string
	responses: number
	/** The sum and number of all statement answers (every statement together). */
	statementSum: number
	statementAnswers: number
	recommendAnswered: number
	promoters: number
	detractors: number
}

/**
 * Per course of the providing unit `tenantId` with responses to `formVersion` answered in or after
 * `fromMonth` (null: all): the counts a unit's overview needs, summed by the database, by title.
 * Only numbers leave the database here, never an answer.
 */
export async function listCourseEvaluationAggregates(
	db: Database,
	{ tenantId, formVersion, statementIds, recommendId, fromMonth }: { tenantId: string; formVersion: string; statementIds: readonly string[]; recommendId: string; fromMonth: string | null },
): Promise<CourseEvaluationAggregate[]> {
	const value = (id: string) => sql`coalesce((r.answers->>${id})::numeric, 0)`
	const given = (id: string) => sql`((r.answers->>${id}) is not null)::int`
	const rows = await selectRows<CourseEvaluationAggregate>(
		db,
		sql`select r.course_id as "courseId", c.title as "courseTitle", count(*)::int as responses,
				coalesce(sum(${sql.join(statementIds.map(value), sql` + `)}), 0)::float8 as "statementSum",
				coalesce(sum(${sql.join(statementIds.map(given), sql` + `)}), 0)::int as "statementAnswers",
				count(*) filter (where (r.answers->>${recommendId}) is not null)::int as "recommendAnswered",
				count(*) filter (where (r.answers->>${recommendId})::int >= 9)::int as promoters,
				count(*) filter (where (r.answers->>${recommendId})::int <= 6)::int as detractors
			from evaluation_responses r
			join courses c on c.id = r.course_id
			where r.provider_tenant_id = ${tenantId}::uuid and r.form_version = ${formVersion}
				${fromMonth ? sql`and r.answered_month >= ${fromMonth}::date` : sql``}
			group by r.course_id, c.title
			order by c.title, r.course_id`,
	)
	return rows.map((row) => ({ ...row, statementSum: Number(row.statementSum) }))
}

export type EvaluationResponseRate = { courseId: string; courseTitle: string; kind: 'evaluation' | 'follow_up' | 'manager'; invited: number; answered: number }

/**
 * Per course and kind of the caller's own unit (one course, or all with `courseId` null): how many
 * invitations are due (invited in or after the Amsterdam month `sinceMonth`, 'YYYY-MM-01', when given) and how many answered, counted
 * across the participants' units by `evaluation_response_rates` (ADR 045). Another unit's course
 * gives nothing.
 */
export async function listEvaluationResponseRates(db: Database, { courseId, sinceMonth = null }: { courseId: string | null; sinceMonth?: string | null }): Promise<EvaluationResponseRate[]> {
	return selectRows<EvaluationResponseRate>(
		db,
		sql`select course_id as "courseId", course_title as "courseTitle", kind, invited::int as invited, answered::int as answered
			from evaluation_response_rates(${courseId}::uuid, ${sinceMonth ? sql`(${sinceMonth}::date)::timestamp at time zone 'Europe/Amsterdam'` : sql`null::timestamptz`}) order by course_title, course_id, kind`,
	)
}

/** The follow-up weeks and whether managers are asked, of one of the unit's own courses (ADR 045); false when it is not the unit's. */
export async function setCourseFollowUpWeeks(
	db: Database,
	{ tenantId, courseId, weeks, managerQuestionnaire }: { tenantId: string; courseId: string; weeks: number; managerQuestionnaire: boolean },
): Promise<boolean> {
	const updated = await db
		.update(courses)
		.set({ followUpWeeks: weeks, managerQuestionnaire })
		.where(and(eq(courses.id, courseId), eq(courses.providerTenantId, tenantId)))
		.returning({ id: courses.id })
	return updated.length > 0
}

/** The follow-up settings of one of the unit's own courses (ADR 045); null when it is not the unit's. */
export async function getCourseFollowUpWeeks(db: Database, { tenantId, courseId }: { tenantId: string; courseId: string }): Promise<{ weeks: number; managerQuestionnaire: boolean } | null> {
	const [row] = await db
		.select({ weeks: courses.followUpWeeks, managerQuestionnaire: courses.managerQuestionnaire })
		.from(courses)
		.where(and(eq(courses.id, courseId), eq(courses.providerTenantId, tenantId)))
	return row ?? null
}
