import { listSelfCardsToMail, recordSelfCardMail } from '@leerplein/db/effect'
import { enqueueMail } from '@leerplein/db/jobs'
import { listTenants } from '@leerplein/db/tenants'
import { amsterdamDate } from '@leerplein/domain'
import { inTenant, succeed, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/** One run takes at most this many cards per unit; the next day's run takes the rest. */
const PER_UNIT = 2_000

/**
 * The daily scan of cards to self (ADR 042; `actor: null`: the schedule): in every unit's own
 * context, each card of an active person whose return day (Amsterdam) has come and that was not
 * mailed yet is marked mailed and its mail queued in one transaction, so it goes once; two scans
 * at once count a card once (the mark moves only from null). Returns how many it queued.
 */
export async function enqueueSelfCardReturns(ctx: ServiceContext, _input: { actor: null }): Promise<ServiceResult<{ queued: number }>> {
	const now = ctx.clock.now()
	const today = amsterdamDate(now)
	let queued = 0
	for (const tenant of await listTenants(ctx.db)) {
		const scan = await inTenant(ctx, { tenantId: tenant.id, userId: null }, async (tx) => {
			let count = 0
			for (const card of await listSelfCardsToMail(tx, { tenantId: tenant.id, today, limit: PER_UNIT })) {
				if (!(await recordSelfCardMail(tx, { cardId: card.id, now }))) continue
				await enqueueMail(tx, { kind: 'self_card_return', tenantId: tenant.id, cardId: card.id, recipientUserId: card.userId, messageKey: `self-card:${card.id}` })
				count++
			}
			return count
		})
		if (!scan.ok) return scan
		queued += scan.value
	}
	return succeed({ queued })
}
