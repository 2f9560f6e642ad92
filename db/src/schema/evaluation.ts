import { sql } from 'drizzle-orm'
import { check, date, index, jsonb, pgPolicy, pgTable, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core'
import { courses } from './catalogue.ts'
import { id } from './columns.ts'
import { enrolments, sessions } from './logistics.ts'
import { users } from './people.ts'
import { tenants } from './tenants.ts'
import { appTenantId, ownUnitPolicy } from './tenancy.ts'

/**
 * Whose participation in which course a row is about, in the person's unit: one row per enrolment
 * (an evaluation invitation, a card to self), leaving with the person or the enrolment.
 */
export const courseParticipation = () => ({
	tenantId: uuid()
		.notNull()
		.references(() => tenants.id),
	userId: uuid()
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' }),
	enrolmentId: uuid()
		.notNull()
		.unique()
		.references(() => enrolments.id, { onDelete: 'cascade' }),
	courseId: uuid()
		.notNull()
		.references(() => courses.id),
	sessionId: uuid()
		.notNull()
		.references(() => sessions.id),
})

/**
 * An invitation to evaluate a course (ADR 041), made by a trigger on `enrolments` the first time
 * an enrolment becomes attended or completed, whatever path got it there. It lives in the
 * participant's unit; the portal shows it to the participant only. `mails_sent` counts the
 * invitation and its reminders (at most 1 + 2), written in the transaction that queues each mail.
 * It says whether the person answered, never what: the answer is an `evaluation_responses` row
 * without any link back.
 */
export const evaluationInvitations = pgTable(
	'evaluation_invitations',
	{
		id: id(),
		...courseParticipation(),
		// One invitation of each kind per enrolment (the unique pair below), not one in all.
		enrolmentId: uuid()
			.notNull()
			.references(() => enrolments.id, { onDelete: 'cascade' }),
		/**
		 * 'evaluation' at the end of the course, 'follow_up' the course's weeks later (ADR 045): both
		 * made by the trigger at completion, the follow-up dated ahead; it is nobody's task or mail
		 * before its time. 'manager': the participant's manager's questionnaire at the follow-up,
		 * when the course asks for one — its `user_id` is the manager, who is invited.
		 */
		kind: text().$type<'evaluation' | 'follow_up' | 'manager'>().notNull().default('evaluation'),
		invitedAt: timestamp({ withTimezone: true }).notNull(),
		mailsSent: smallint().notNull().default(0),
		lastMailedAt: timestamp({ withTimezone: true }),
		answeredAt: timestamp({ withTimezone: true }),
	},
	(t) => [
		check('evaluation_invitations_mails', sql`${t.mailsSent} between 0 and 3`),
		check('evaluation_invitations_kind', sql`${t.kind} in ('evaluation', 'follow_up', 'manager')`),
		unique('evaluation_invitations_enrolment_kind').on(t.enrolmentId, t.kind),
		// A person's open evaluations on "Mijn leren"; the mail scan's unanswered invitations of a unit.
		index().on(t.tenantId, t.userId),
		index('evaluation_invitations_unanswered').on(t.tenantId, t.invitedAt).where(sql`${t.answeredAt} is null`),
		ownUnitPolicy('evaluation_invitations', t.tenantId),
	],
)

/**
 * One anonymous response (ADR 041): the course, the session and the month, and the answers by
 * item id — no person, no enrolment, no time of day, and an id that is random (not time-ordered
 * like the other tables'). Written only by `evaluation_submit`, which takes the invitation in the
 * same statement; read by the providing unit, which the portal shows only from five responses.
 */
export const evaluationResponses = pgTable(
	'evaluation_responses',
	{
		id: uuid()
			.primaryKey()
			.default(sql`gen_random_uuid()`),
		providerTenantId: uuid()
			.notNull()
			.references(() => tenants.id),
		courseId: uuid()
			.notNull()
			.references(() => courses.id),
		sessionId: uuid()
			.notNull()
			.references(() => sessions.id),
		/** The first day of the month it was answered in. */
		answeredMonth: date().notNull(),
		formVersion: text().notNull(),
		answers: jsonb().$type<Record<string, number | string>>().notNull(),
	},
	(t) => [
		check('evaluation_responses_month', sql`extract(day from ${t.answeredMonth}) = 1`),
		check('evaluation_responses_answers', sql`jsonb_typeof(${t.answers}) = 'object'`),
		index().on(t.providerTenantId, t.courseId),
		pgPolicy('evaluation_responses_provider', { for: 'select', using: sql`${t.providerTenantId} = ${appTenantId}` }),
	],
)
