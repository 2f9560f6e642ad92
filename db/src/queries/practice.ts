import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm'
import type { PracticeCardState, PracticeQuestionInput, PracticeReviewLog, QuestionKind } from '@leerplein/domain'
import { selectRows, type Database } from '../client.ts'
import { courses } from '../schema/catalogue.ts'
import { practiceCards, practiceCourseOptOuts, practiceQuestions, practiceReviews, practiceSettings } from '../schema/practice.ts'

// Question decks and spaced repetition (ADR 047). A deck is read and written in its providing
// unit; a card, its reviews and the learner's settings in the learner's unit, always for the
// person the caller names. The provider gets counts through `practice_question_outcomes`.

export type DeckQuestion = { id: string; kind: QuestionKind; prompt: string; options: string[]; correctOption: number; explanation: string }

/** A course's deck in the order written, without removed questions. */
export async function listDeckQuestions(db: Database, { tenantId, courseId }: { tenantId: string; courseId: string }): Promise<DeckQuestion[]> {
	return db
		.select({ id: practiceQuestions.id, kind: practiceQuestions.kind, prompt: practiceQuestions.prompt, options: practiceQuestions.options, correctOption: practiceQuestions.correctOption, explanation: practiceQuestions.explanation })
		.from(practiceQuestions)
		.where(and(eq(practiceQuestions.tenantId, tenantId), eq(practiceQuestions.courseId, courseId), isNull(practiceQuestions.removedAt)))
		.orderBy(asc(practiceQuestions.createdAt), asc(practiceQuestions.id))
}

/** Adds questions to a course's deck, in order (a form's one, or a file's all). */
export async function insertDeckQuestions(db: Database, { tenantId, courseId, now, questions }: { tenantId: string; courseId: string; now: Date; questions: readonly PracticeQuestionInput[] }): Promise<string[]> {
	if (questions.length === 0) return []
	// One millisecond apart, so the deck's order is the order written.
	const rows = await db
		.insert(practiceQuestions)
		.values(questions.map((question, index) => ({ ...question, tenantId, courseId, createdAt: new Date(now.getTime() + index), updatedAt: now })))
		.returning({ id: practiceQuestions.id })
	return rows.map((row) => row.id)
}

/** Changes a question of the deck; false when it is not the course's (or removed). */
export async function updateDeckQuestion(db: Database, { tenantId, courseId, questionId, now, question }: { tenantId: string; courseId: string; questionId: string; now: Date; question: PracticeQuestionInput }): Promise<boolean> {
	const updated = await db
		.update(practiceQuestions)
		.set({ ...question, updatedAt: now })
		.where(and(eq(practiceQuestions.id, questionId), eq(practiceQuestions.tenantId, tenantId), eq(practiceQuestions.courseId, courseId), isNull(practiceQuestions.removedAt)))
		.returning({ id: practiceQuestions.id })
	return updated.length > 0
}

/** Marks a question removed (it is never asked again; its history stays); false when it is not the course's or removed already. */
export async function removeDeckQuestion(db: Database, { tenantId, courseId, questionId, now }: { tenantId: string; courseId: string; questionId: string; now: Date }): Promise<boolean> {
	const updated = await db
		.update(practiceQuestions)
		.set({ removedAt: now, updatedAt: now })
		.where(and(eq(practiceQuestions.id, questionId), eq(practiceQuestions.tenantId, tenantId), eq(practiceQuestions.courseId, courseId), isNull(practiceQuestions.removedAt)))
		.returning({ id: practiceQuestions.id })
	return updated.length > 0
}

/** Per question of the caller's own course, across every unit (`practice_question_outcomes`); empty when the caller's unit does not provide it. */
export async function countQuestionOutcomes(db: Database, { courseId }: { courseId: string }): Promise<{ questionId: string; learners: number; answers: number; wrong: number; lapses: number }[]> {
	const rows = await selectRows<{ question_id: string; learners: string | number; answers: string | number; wrong: string | number; lapses: string | number }>(db, sql`select * from practice_question_outcomes(${courseId}::uuid)`)
	return rows.map((row) => ({ questionId: row.question_id, learners: Number(row.learners), answers: Number(row.answers), wrong: Number(row.wrong), lapses: Number(row.lapses) }))
}

export type PracticeCard = PracticeCardState & {
	id: string
	courseId: string
	courseTitle: string
	questionId: string
	kind: QuestionKind
	prompt: string
	options: string[]
	correctOption: number
	explanation: string
}

const cardColumns = {
	id: practiceCards.id,
	courseId: practiceCards.courseId,
	courseTitle: courses.title,
	questionId: practiceCards.questionId,
	kind: practiceQuestions.kind,
	prompt: practiceQuestions.prompt,
	options: practiceQuestions.options,
	correctOption: practiceQuestions.correctOption,
	explanation: practiceQuestions.explanation,
	due: practiceCards.due,
	stability: practiceCards.stability,
	difficulty: practiceCards.difficulty,
	elapsedDays: practiceCards.elapsedDays,
	scheduledDays: practiceCards.scheduledDays,
	learningSteps: practiceCards.learningSteps,
	reps: practiceCards.reps,
	lapses: practiceCards.lapses,
	state: practiceCards.state,
	lastReview: practiceCards.lastReview,
}

/** The person's cards of questions not removed, soonest due first, with their question and course. */
export async function listPracticeCards(db: Database, { tenantId, userId }: { tenantId: string; userId: string }): Promise<PracticeCard[]> {
	return db
		.select(cardColumns)
		.from(practiceCards)
		.innerJoin(practiceQuestions, eq(practiceQuestions.id, practiceCards.questionId))
		.innerJoin(courses, eq(courses.id, practiceCards.courseId))
		.where(and(eq(practiceCards.tenantId, tenantId), eq(practiceCards.userId, userId), isNull(practiceQuestions.removedAt)))
		// Cards due at the same moment (a whole deck at completion) in the deck's order.
		.orderBy(asc(practiceCards.due), asc(practiceQuestions.createdAt), asc(practiceQuestions.id))
}

/** One of the person's cards with its question, locked for the answer; null when it is not theirs (or its question is removed). */
export async function getPracticeCardForAnswer(db: Database, { tenantId, userId, cardId }: { tenantId: string; userId: string; cardId: string }): Promise<PracticeCard | null> {
	const [row] = await db
		.select(cardColumns)
		.from(practiceCards)
		.innerJoin(practiceQuestions, eq(practiceQuestions.id, practiceCards.questionId))
		.innerJoin(courses, eq(courses.id, practiceCards.courseId))
		.where(and(eq(practiceCards.id, cardId), eq(practiceCards.tenantId, tenantId), eq(practiceCards.userId, userId), isNull(practiceQuestions.removedAt)))
		.for('update', { of: practiceCards })
	return row ?? null
}

/**
 * Stores a card's new schedule and the log row of the answer, only if the card is still as it was
 * read (`reps`): two answers to the same card at once count once. False when another got there first.
 */
export async function recordPracticeReview(
	db: Database,
	{ tenantId, userId, card, before, next, log, chosenOption, correct, now }: { tenantId: string; userId: string; card: Pick<PracticeCard, 'id' | 'questionId' | 'courseId'>; before: { reps: number }; next: PracticeCardState; log: PracticeReviewLog; chosenOption: number; correct: boolean; now: Date },
): Promise<boolean> {
	const updated = await db
		.update(practiceCards)
		.set({
			due: next.due,
			stability: next.stability,
			difficulty: next.difficulty,
			elapsedDays: next.elapsedDays,
			scheduledDays: next.scheduledDays,
			learningSteps: next.learningSteps,
			reps: next.reps,
			lapses: next.lapses,
			state: next.state,
			lastReview: next.lastReview,
		})
		.where(and(eq(practiceCards.id, card.id), eq(practiceCards.tenantId, tenantId), eq(practiceCards.userId, userId), eq(practiceCards.reps, before.reps)))
		.returning({ id: practiceCards.id })
	if (updated.length === 0) return false
	await db.insert(practiceReviews).values({
		tenantId,
		cardId: card.id,
		questionId: card.questionId,
		courseId: card.courseId,
		reviewedAt: now,
		chosenOption,
		correct,
		rating: log.rating,
		stateBefore: log.stateBefore,
		elapsedDays: log.elapsedDays,
		scheduledDays: log.scheduledDays,
		stability: log.stability,
		difficulty: log.difficulty,
		due: log.due,
		predictedRecall: log.predictedRecall,
	})
	return true
}

export type PracticeSettings = { optedOut: boolean; digestHour: number; lastDigestOn: string | null; courseOptOuts: string[] }

/** The person's settings (the defaults without a row) and the courses they opted out of. */
export async function getPracticeSettings(db: Database, { tenantId, userId }: { tenantId: string; userId: string }): Promise<PracticeSettings> {
	const [row] = await db
		.select({ optedOut: practiceSettings.optedOut, digestHour: practiceSettings.digestHour, lastDigestOn: practiceSettings.lastDigestOn })
		.from(practiceSettings)
		.where(and(eq(practiceSettings.userId, userId), eq(practiceSettings.tenantId, tenantId)))
	const outs = await db
		.select({ courseId: practiceCourseOptOuts.courseId })
		.from(practiceCourseOptOuts)
		.where(and(eq(practiceCourseOptOuts.userId, userId), eq(practiceCourseOptOuts.tenantId, tenantId)))
	return { optedOut: row?.optedOut ?? false, digestHour: row?.digestHour ?? 8, lastDigestOn: row?.lastDigestOn ?? null, courseOptOuts: outs.map((out) => out.courseId) }
}

/** Sets whether the person practises at all, and the hour of their digest. */
export async function setPracticeSettings(db: Database, { tenantId, userId, optedOut, digestHour }: { tenantId: string; userId: string; optedOut?: boolean; digestHour?: number }): Promise<void> {
	const changes = { ...(optedOut === undefined ? {} : { optedOut }), ...(digestHour === undefined ? {} : { digestHour }) }
	await db
		.insert(practiceSettings)
		.values({ userId, tenantId, ...changes })
		.onConflictDoUpdate({ target: practiceSettings.userId, set: changes, setWhere: eq(practiceSettings.tenantId, tenantId) })
}

/** Opts the person out of (or back into) practising one course of theirs. */
export async function setPracticeCourseOptOut(db: Database, { tenantId, userId, courseId, optedOut }: { tenantId: string; userId: string; courseId: string; optedOut: boolean }): Promise<void> {
	if (optedOut) await db.insert(practiceCourseOptOuts).values({ tenantId, userId, courseId }).onConflictDoNothing()
	else await db.delete(practiceCourseOptOuts).where(and(eq(practiceCourseOptOuts.tenantId, tenantId), eq(practiceCourseOptOuts.userId, userId), eq(practiceCourseOptOuts.courseId, courseId)))
}

/**
 * The unit's active people whose digest hour (Amsterdam) has come today (`hour`), who have not
 * had one today and have not opted out, with at least one card due at `now` of a question not
 * removed and a course not opted out of.
 */
export async function listPracticeDigestsDue(db: Database, { tenantId, now, today, hour, limit }: { tenantId: string; now: Date; today: string; hour: number; limit: number }): Promise<{ userId: string }[]> {
	const rows = await selectRows<{ user_id: string }>(
		db,
		sql`select distinct c.user_id from practice_cards c
			join users u on u.id = c.user_id and u.active
			join practice_questions q on q.id = c.question_id and q.removed_at is null
			left join practice_settings s on s.user_id = c.user_id
			where c.tenant_id = ${tenantId} and c.due <= ${now.toISOString()}::timestamptz
				and coalesce(s.opted_out, false) = false
				and coalesce(s.digest_hour, 8) <= ${hour}
				and (s.last_digest_on is null or s.last_digest_on < ${today}::date)
				and not exists (select 1 from practice_course_opt_outs o where o.user_id = c.user_id and o.course_id = c.course_id)
			limit ${limit}`,
	)
	return rows.map((row) => ({ userId: row.user_id }))
}

/** Marks today's digest of the person mailed, unless it was already: true when this call did (at most one a day). */
export async function recordPracticeDigest(db: Database, { tenantId, userId, today }: { tenantId: string; userId: string; today: string }): Promise<boolean> {
	const rows = await db
		.insert(practiceSettings)
		.values({ userId, tenantId, lastDigestOn: today })
		.onConflictDoUpdate({ target: practiceSettings.userId, set: { lastDigestOn: today }, setWhere: sql`${practiceSettings.lastDigestOn} is null or ${practiceSettings.lastDigestOn} < ${today}::date` })
		.returning({ userId: practiceSettings.userId })
	return rows.length > 0
}

/** What the digest says, read when it is sent: per course the number of due cards (not opted out); the person's language is the mail's concern. */
export async function listDueCountsForDigest(db: Database, { userId, now }: { userId: string; now: Date }): Promise<{ optedOut: boolean; courses: { courseTitle: string; due: number }[] }> {
	const [settings] = await db.select({ optedOut: practiceSettings.optedOut }).from(practiceSettings).where(eq(practiceSettings.userId, userId))
	const rows = await db
		.select({ courseTitle: courses.title, due: sql<number>`count(*)::int` })
		.from(practiceCards)
		.innerJoin(practiceQuestions, eq(practiceQuestions.id, practiceCards.questionId))
		.innerJoin(courses, eq(courses.id, practiceCards.courseId))
		.where(
			and(
				eq(practiceCards.userId, userId),
				lte(practiceCards.due, now),
				isNull(practiceQuestions.removedAt),
				sql`not exists (select 1 from practice_course_opt_outs o where o.user_id = ${practiceCards.userId} and o.course_id = ${practiceCards.courseId})`,
			),
		)
		.groupBy(courses.title)
		.orderBy(asc(courses.title))
	return { optedOut: settings?.optedOut ?? false, courses: rows.map((row) => ({ courseTitle: row.courseTitle, due: Number(row.due) })) }
}

/** Titles of the given courses, for naming the courses a learner opted out of. */
export async function listCourseTitles(db: Database, { courseIds }: { courseIds: readonly string[] }): Promise<{ id: string; title: string }[]> {
	if (courseIds.length === 0) return []
	return db.select({ id: courses.id, title: courses.title }).from(courses).where(inArray(courses.id, [...courseIds]))
}
