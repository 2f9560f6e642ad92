import { sql } from 'drizzle-orm'
import { check, date, index, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { id } from './columns.ts'
import { courseParticipation } from './evaluation.ts'
import { tenants } from './tenants.ts'
import { ownUnitPolicy } from './tenancy.ts'

/**
 * A card to self (ADR 042): the actions a participant means to take after a course, written once
 * per attended or completed enrolment, in the person's unit, and mailed back to them on
 * `return_on` (a calendar day in Europe/Amsterdam; three months on unless they changed it).
 * `mailed_at` is set in the transaction that queues that mail, so it goes once; `reviewed_at`
 * when they said what became of the actions. The portal shows a card to its person only; the
 * providing unit sees counts per outcome through `self_card_outcomes`, never a card.
 */
export const selfCards = pgTable(
	'self_cards',
	{
		id: id(),
		...courseParticipation(),
		createdAt: timestamp({ withTimezone: true }).notNull(),
		/** The day the card is mailed back; the domain (`selfCardReturnDate`) keeps it between today and twelve months on. */
		returnOn: date().notNull(),
		mailedAt: timestamp({ withTimezone: true }),
		reviewedAt: timestamp({ withTimezone: true }),
	},
	(t) => [
		// A person's cards on their pages; the daily scan's cards of a unit still to mail, by day.
		index().on(t.tenantId, t.userId),
		index('self_cards_unmailed').on(t.tenantId, t.returnOn).where(sql`${t.mailedAt} is null`),
		ownUnitPolicy('self_cards', t.tenantId),
	],
)

/** One action of a card (1–5, in the order written); its outcome once the person looked back. */
export const selfCardActions = pgTable(
	'self_card_actions',
	{
		tenantId: uuid()
			.notNull()
			.references(() => tenants.id),
		cardId: uuid()
			.notNull()
			.references(() => selfCards.id, { onDelete: 'cascade' }),
		position: smallint().notNull(),
		text: text().notNull(),
		outcome: text({ enum: ['done', 'partly', 'not_done'] }),
		outcomeNote: text(),
	},
	(t) => [
		primaryKey({ columns: [t.cardId, t.position] }),
		check('self_card_actions_position', sql`${t.position} between 1 and 5`),
		check('self_card_actions_text', sql`char_length(${t.text}) between 1 and 500`),
		check('self_card_actions_outcome', sql`${t.outcome} is null or ${t.outcome} in ('done', 'partly', 'not_done')`),
		check('self_card_actions_note', sql`${t.outcomeNote} is null or char_length(${t.outcomeNote}) <= 500`),
		ownUnitPolicy('self_card_actions', t.tenantId),
	],
)
