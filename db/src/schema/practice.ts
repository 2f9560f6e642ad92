import { sql } from 'drizzle-orm'
import { boolean, check, date, doublePrecision, index, integer, jsonb, pgPolicy, pgTable, primaryKey, real, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core'
import { courses } from './catalogue.ts'
import { id } from './columns.ts'
import { users } from './people.ts'
import { tenants } from './tenants.ts'
import { appUserId, ownUnitFirst, ownUnitPolicy } from './tenancy.ts'

/**
 * A question of a course's deck (ADR 047), in the providing unit: multiple choice (two to five
 * options, `correct_option` the index of the one right) or true/false (options `true`, `false`),
 * with the explanation shown after answering. Removing a question marks it (`removed_at`): the
 * learners' cards and their review history stay for the scheduler's figures; a removed question
 * is never asked again. A deck of fewer than five questions is not active.
 */
export const practiceQuestions = pgTable(
	'practice_questions',
	{
		id: id(),
		tenantId: uuid()
			.notNull()
			.references(() => tenants.id),
		courseId: uuid()
			.notNull()
			.references(() => courses.id),
		kind: text({ enum: ['choice', 'true_false'] }).notNull(),
		prompt: text().notNull(),
		options: jsonb().$type<string[]>().notNull(),
		correctOption: smallint().notNull(),
		explanation: text().notNull(),
		createdAt: timestamp({ withTimezone: true }).notNull(),
		updatedAt: timestamp({ withTimezone: true }).notNull(),
		removedAt: timestamp({ withTimezone: true }),
	},
	(t) => [
		// A course's deck, in the order written.
		index().on(t.tenantId, t.courseId),
		check('practice_questions_kind', sql`${t.kind} in ('choice', 'true_false')`),
		check('practice_questions_prompt', sql`char_length(${t.prompt}) between 1 and 500`),
		check('practice_questions_explanation', sql`char_length(${t.explanation}) between 1 and 1000`),
		check('practice_questions_options', sql`jsonb_typeof(${t.options}) = 'array' and jsonb_array_length(${t.options}) between 2 and 5`),
		check('practice_questions_correct', sql`${t.correctOption} >= 0 and ${t.correctOption} < jsonb_array_length(${t.options})`),
		ownUnitPolicy('practice_questions', t.tenantId),
		// A learner reads the questions they hold a card of, whatever unit provides the course; so
		// does their unit's scan (no person: the digest), through the cards of its own people.
		pgPolicy('practice_questions_carded', {
			for: 'select',
			using: ownUnitFirst(t.tenantId, sql`exists (select 1 from practice_cards c where c.question_id = ${t.id} and (c.user_id = ${appUserId} or ${appUserId} is null))`),
		}),
	],
)

/**
 * A learner's card of one question (ADR 047), in the learner's unit, theirs alone: made when they
 * complete a course with an active deck, scheduled by FSRS. The columns are FSRS's card.
 */
export const practiceCards = pgTable(
	'practice_cards',
	{
		id: id(),
		tenantId: uuid()
			.notNull()
			.references(() => tenants.id),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		questionId: uuid()
			.notNull()
			.references(() => practiceQuestions.id),
		courseId: uuid()
			.notNull()
			.references(() => courses.id),
		createdAt: timestamp({ withTimezone: true }).notNull(),
		due: timestamp({ withTimezone: true }).notNull(),
		stability: doublePrecision().notNull(),
		difficulty: doublePrecision().notNull(),
		elapsedDays: integer().notNull(),
		scheduledDays: integer().notNull(),
		learningSteps: integer().notNull(),
		reps: integer().notNull(),
		lapses: integer().notNull(),
		/** FSRS's State: 0 new, 1 learning, 2 review, 3 relearning. */
		state: smallint().notNull(),
		lastReview: timestamp({ withTimezone: true }),
	},
	(t) => [
		unique('practice_cards_user_question').on(t.userId, t.questionId),
		// A person's due cards, soonest first; the digest scan's "anything due?" per person.
		index().on(t.tenantId, t.userId, t.due),
		check('practice_cards_state', sql`${t.state} between 0 and 3`),
		ownUnitPolicy('practice_cards', t.tenantId),
	],
)

/**
 * One answer to a card (ADR 047): which option, whether right, the FSRS rating, the state before,
 * the recall FSRS predicted before the answer (null for a new card) and the schedule after —
 * what a log-loss figure of the scheduler needs. Written once, never changed.
 */
export const practiceReviews = pgTable(
	'practice_reviews',
	{
		id: id(),
		tenantId: uuid()
			.notNull()
			.references(() => tenants.id),
		cardId: uuid()
			.notNull()
			.references(() => practiceCards.id, { onDelete: 'cascade' }),
		questionId: uuid()
			.notNull()
			.references(() => practiceQuestions.id),
		courseId: uuid()
			.notNull()
			.references(() => courses.id),
		reviewedAt: timestamp({ withTimezone: true }).notNull(),
		chosenOption: smallint().notNull(),
		correct: boolean().notNull(),
		rating: smallint().notNull(),
		stateBefore: smallint().notNull(),
		elapsedDays: integer().notNull(),
		scheduledDays: integer().notNull(),
		stability: doublePrecision().notNull(),
		difficulty: doublePrecision().notNull(),
		due: timestamp({ withTimezone: true }).notNull(),
		predictedRecall: real(),
	},
	(t) => [index().on(t.tenantId, t.cardId), index().on(t.questionId), ownUnitPolicy('practice_reviews', t.tenantId)],
)

/**
 * A learner's practice settings, in their unit: whether they opted out altogether, the hour
 * (Europe/Amsterdam) of their daily digest, and the day it was last mailed (at most one a day).
 * No row is the default: practising, at 08:00.
 */
export const practiceSettings = pgTable(
	'practice_settings',
	{
		userId: uuid()
			.primaryKey()
			.references(() => users.id, { onDelete: 'cascade' }),
		tenantId: uuid()
			.notNull()
			.references(() => tenants.id),
		optedOut: boolean().notNull().default(false),
		digestHour: smallint().notNull().default(8),
		lastDigestOn: date(),
	},
	(t) => [check('practice_settings_hour', sql`${t.digestHour} between 0 and 23`), ownUnitPolicy('practice_settings', t.tenantId)],
)

/** The courses a learner opted out of practising (ADR 047): their cards stay, but are neither shown nor mailed. */
export const practiceCourseOptOuts = pgTable(
	'practice_course_opt_outs',
	{
		tenantId: uuid()
			.notNull()
			.references(() => tenants.id),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		courseId: uuid()
			.notNull()
			.references(() => courses.id),
	},
	(t) => [primaryKey({ columns: [t.userId, t.courseId] }), ownUnitPolicy('practice_course_opt_outs', t.tenantId)],
)
