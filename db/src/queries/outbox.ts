import { desc, eq, sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { Database } from '../client.ts'
import { outboxMails } from '../schema/logistics.ts'

export type OutboxMail = typeof outboxMails.$inferSelect

/**
 * Claims a message key before sending. Returns the existing record when the key was seen before
 * (a retried job): `sent` or `kept` means done, `sending` means the outcome of an earlier attempt is
 * unknown and the mail is sent again with the same Message-ID.
 */
export async function claimOutboxMail(
	db: Database,
	mail: { tenantId: string; messageKey: string; messageId: string; toAddress: string; subject: string; body: string; status: 'kept' | 'sending' },
): Promise<{ claimed: true } | { claimed: false; existing: OutboxMail }> {
	const inserted = await db
		.insert(outboxMails)
		.values({ id: uuidv7(), ...mail, sentAt: mail.status === 'kept' ? sql`now()` : null })
		.onConflictDoNothing({ target: outboxMails.messageKey })
		.returning({ id: outboxMails.id })
	if (inserted.length > 0) return { claimed: true }
	const [existing] = await db
		.update(outboxMails)
		.set({ attempts: sql`${outboxMails.attempts} + 1` })
		.where(eq(outboxMails.messageKey, mail.messageKey))
		.returning()
	return { claimed: false, existing: existing! }
}

export async function markOutboxMailSent(db: Database, { messageKey }: { messageKey: string }): Promise<void> {
	await db.update(outboxMails).set({ status: 'sent', sentAt: sql`now()` }).where(eq(outboxMails.messageKey, messageKey))
}

/**
 * The unit's outbox, newest first (the demo's mail page). Asked by unit, as every tenant-owned
 * query is: row-level security holds as well, but it is the second guard, not the only one.
 */
export async function listOutbox(db: Database, { tenantId, limit = 100 }: { tenantId: string; limit?: number }) {
	return db.select().from(outboxMails).where(eq(outboxMails.tenantId, tenantId)).orderBy(desc(outboxMails.createdAt), desc(outboxMails.id)).limit(limit)
}
