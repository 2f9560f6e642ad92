import { enqueueMail } from '@leerplein/db/jobs'
import { listPracticeDigestsDue, recordPracticeDigest } from '@leerplein/db/practice'
import { listTenants } from '@leerplein/db/tenants'
import { amsterdamWallClock } from '@leerplein/domain'
import { inTenant, succeed, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/** One run takes at most this many people per unit; the next hour's run takes the rest. */
const PER_UNIT = 2_000

/**
 * The hourly scan of practice digests (ADR 047; `actor: null`: the schedule): in every unit's own
 * context, each active person whose digest hour (Amsterdam; 08:00 unless they chose another) has
 * come today, who had none today, did not opt out and has a card due, is marked mailed for today
 * and their `practice_digest` queued in one transaction: at most one a day, also when two scans
 * run at once (the mark moves only from an earlier day). Returns how many it queued.
 */
export async function enqueuePracticeDigests(ctx: ServiceContext, _input: { actor: null }): Promise<ServiceResult<{ queued: number }>> {
	const now = ctx.clock.now()
	const clock = amsterdamWallClock(now)
	const today = clock.date
	const hour = Number(clock.time.slice(0, 2)) % 24
	let queued = 0
	for (const tenant of await listTenants(ctx.db)) {
		const scan = await inTenant(ctx, { tenantId: tenant.id, userId: null }, async (tx) => {
			let count = 0
			for (const person of await listPracticeDigestsDue(tx, { tenantId: tenant.id, now, today, hour, limit: PER_UNIT })) {
				if (!(await recordPracticeDigest(tx, { tenantId: tenant.id, userId: person.userId, today }))) continue
				await enqueueMail(tx, { kind: 'practice_digest', tenantId: tenant.id, day: today, recipientUserId: person.userId, messageKey: `practice-digest:${person.userId}:${today}` })
				count++
			}
			return count
		})
		if (!scan.ok) return scan
		queued += scan.value
	}
	return succeed({ queued })
}
