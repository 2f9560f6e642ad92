import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm'
import { selectRows, type Database } from '../client.ts'
import { courses } from '../schema/catalogue.ts'
import { enrolments, sessions } from '../schema/logistics.ts'
import { users } from '../schema/people.ts'
import { selfCardActions, selfCards } from '../schema/self-card.ts'

// Cards to self (ADR 042). A card is read and written in its person's unit and only ever for the
// person the caller names; the providing unit gets counts through `self_card_outcomes`.

export type SelfCardEnrolment = { enrolmentId: string; status: string; courseId: string; sessionId: string; courseTitle: string; startsAt: Date }
export type SelfCardAction = { position: number; text: string; outcome: 'done' | 'partly' | 'not_done' | null; outcomeNote: string | null }
export type SelfCard = { id: string; createdAt: Date; returnOn: string; mailedAt: Date | null; reviewedAt: Date | null; actions: SelfCardAction[] }

/** One of the person's own enrolments with its course, whatever its status; null when it is not theirs. */
export async function getEnrolmentForSelfCard(db: Database, { tenantId, userId, enrolmentId }: { tenantId: string; userId: string; enrolmentId: string }): Promise<SelfCardEnrolment | null> {
	const [row] = await db
		.select({ enrolmentId: enrolments.id, status: enrolments.status, courseId: sessions.courseId, sessionId: sessions.id, courseTitle: courses.title, startsAt: sessions.startsAt })
		.from(enrolments)
		.innerJoin(sessions, eq(sessions.id, enrolments.sessionId))
		.innerJoin(courses, eq(courses.id, sessions.courseId))
		.where(and(eq(enrolments.id, enrolmentId), eq(enrolments.tenantId, tenantId), eq(enrolments.userId, userId)))
	return row ?? null
}

/** The person's card for an enrolment with its actions in order; null when there is none (or it is not theirs). */
export async function getSelfCard(db: Database, { tenantId, userId, enrolmentId }: { tenantId: string; userId: string; enrolmentId: string }): Promise<SelfCard | null> {
	const [card] = await db
		.select({ id: selfCards.id, createdAt: selfCards.createdAt, returnOn: selfCards.returnOn, mailedAt: selfCards.mailedAt, reviewedAt: selfCards.reviewedAt })
		.from(selfCards)
		.where(and(eq(selfCards.enrolmentId, enrolmentId), eq(selfCards.tenantId, tenantId), eq(selfCards.userId, userId)))
	if (!card) return null
	const actions = await db
		.select({ position: selfCardActions.position, text: selfCardActions.text, outcome: selfCardActions.outcome, outcomeNote: selfCardActions.outcomeNote })
		.from(selfCardActions)
		.where(and(eq(selfCardActions.cardId, card.id), eq(selfCardActions.tenantId, tenantId)))
		.orderBy(asc(selfCardActions.position))
	return { ...card, actions }
}

/** Writes a card and its actions; null when the enrolment has one already (the first one stays). */
export async function insertSelfCard(
	db: Database,
	card: { tenantId: string; userId: string; enrolmentId: string; courseId: string; sessionId: string; createdAt: Date; returnOn: string; actions: readonly string[] },
): Promise<string | null> {
	const { actions, ...columns } = card
	const [row] = await db.insert(selfCards).values(columns).onConflictDoNothing({ target: selfCards.enrolmentId }).returning({ id: selfCards.id })
	if (!row) return null
	await db.insert(selfCardActions).values(actions.map((text, index) => ({ tenantId: card.tenantId, cardId: row.id, position: index + 1, text })))
	return row.id
}

/** Moves the return day of a card not yet mailed back; false when it was mailed meanwhile. */
export async function setSelfCardReturnDate(db: Database, { tenantId, userId, cardId, returnOn }: { tenantId: string; userId: string; cardId: string; returnOn: string }): Promise<boolean> {
	const updated = await db
		.update(selfCards)
		.set({ returnOn })
		.where(and(eq(selfCards.id, cardId), eq(selfCards.tenantId, tenantId), eq(selfCards.userId, userId), isNull(selfCards.mailedAt)))
		.returning({ id: selfCards.id })
	return updated.length > 0
}

/**
 * Records what became of each action and marks the card reviewed, once: false when it was
 * reviewed already (the conditional update locks the card, so two posts count once).
 */
export async function recordSelfCardOutcomes(
	db: Database,
	{ tenantId, userId, cardId, review, now }: { tenantId: string; userId: string; cardId: string; review: readonly { position: number; outcome: 'done' | 'partly' | 'not_done'; note: string | null }[]; now: Date },
): Promise<boolean> {
	const taken = await db
		.update(selfCards)
		.set({ reviewedAt: now })
		.where(and(eq(selfCards.id, cardId), eq(selfCards.tenantId, tenantId), eq(selfCards.userId, userId), isNull(selfCards.reviewedAt)))
		.returning({ id: selfCards.id })
	if (taken.length === 0) return false
	for (const { position, outcome, note } of review) {
		await db
			.update(selfCardActions)
			.set({ outcome, outcomeNote: note })
			.where(and(eq(selfCardActions.cardId, cardId), eq(selfCardActions.tenantId, tenantId), eq(selfCardActions.position, position)))
	}
	return true
}

/** A unit's cards of active people whose return day has come (`today`, Amsterdam) and that were not mailed yet, oldest day first. */
export async function listSelfCardsToMail(db: Database, { tenantId, today, limit }: { tenantId: string; today: string; limit: number }): Promise<{ id: string; userId: string }[]> {
	return db
		.select({ id: selfCards.id, userId: selfCards.userId })
		.from(selfCards)
		.innerJoin(users, eq(users.id, selfCards.userId))
		.where(and(eq(selfCards.tenantId, tenantId), isNull(selfCards.mailedAt), lte(selfCards.returnOn, today), eq(users.active, true)))
		.orderBy(asc(selfCards.returnOn))
		.limit(limit)
}

/** Marks the card mailed back, unless another scan got there first: true when this call did. */
export async function recordSelfCardMail(db: Database, { cardId, now }: { cardId: string; now: Date }): Promise<boolean> {
	const updated = await db
		.update(selfCards)
		.set({ mailedAt: now })
		.where(and(eq(selfCards.id, cardId), isNull(selfCards.mailedAt)))
		.returning({ id: selfCards.id })
	return updated.length > 0
}

/** What the mail back says, read when it is sent: the course, the enrolment (for the link) and the actions as written; null when gone. */
export async function getSelfCardForMail(db: Database, { cardId }: { cardId: string }): Promise<{ courseTitle: string; enrolmentId: string; createdAt: Date; actions: string[] } | null> {
	const [card] = await db
		.select({ courseTitle: courses.title, enrolmentId: selfCards.enrolmentId, createdAt: selfCards.createdAt })
		.from(selfCards)
		.innerJoin(courses, eq(courses.id, selfCards.courseId))
		.where(eq(selfCards.id, cardId))
	if (!card) return null
	const actions = await db.select({ text: selfCardActions.text }).from(selfCardActions).where(eq(selfCardActions.cardId, cardId)).orderBy(asc(selfCardActions.position))
	return { ...card, actions: actions.map((action) => action.text) }
}

/**
 * The providing unit's anonymous counts for its course (`self_card_outcomes`): reviewed cards and
 * their actions per outcome, across every unit; null when the caller's unit does not provide it.
 */
export async function countSelfCardOutcomes(db: Database, { courseId }: { courseId: string }): Promise<{ reviewedCards: number; done: number; partly: number; notDone: number } | null> {
	const [row] = await selectRows<{ reviewed_cards: string | number; done: string | number; partly: string | number; not_done: string | number }>(db, sql`select * from self_card_outcomes(${courseId}::uuid)`)
	return row ? { reviewedCards: Number(row.reviewed_cards), done: Number(row.done), partly: Number(row.partly), notDone: Number(row.not_done) } : null
}
