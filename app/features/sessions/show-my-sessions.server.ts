import { findTrainerIdsOfUser, listTrainerSessions } from '@leerplein/db/planning'
import type { Actor } from '@leerplein/domain'
import { inTenant, refusal, type ServiceContext } from '../../core/service.server.ts'

const DAY_MS = 86_400_000
/** How far back "recent" sessions go (attendance is often registered afterwards), and how far ahead the list looks. */
export const RECENT_DAYS = 30
export const AHEAD_DAYS = 365

/**
 * "My sessions" of an internal trainer: the sessions of their unit in which they teach a
 * meeting, upcoming and of the last 30 days. Someone who is no trainer is refused (403).
 */
export async function showMySessions(ctx: ServiceContext, { actor }: { actor: Actor }) {
	const now = ctx.clock.now()
	return inTenant(ctx, actor, async (tx) => {
		const trainerIds = await findTrainerIdsOfUser(tx, { tenantId: actor.tenantId, userId: actor.userId })
		if (trainerIds.length === 0) throw refusal('forbidden', 'NOT_A_TRAINER')
		const sessions = await listTrainerSessions(tx, { trainerIds, from: new Date(now.getTime() - RECENT_DAYS * DAY_MS), until: new Date(now.getTime() + AHEAD_DAYS * DAY_MS) })
		return {
			upcoming: sessions.filter((session) => session.endsAt.getTime() > now.getTime()),
			recent: sessions.filter((session) => session.endsAt.getTime() <= now.getTime()).reverse(),
		}
	})
}
