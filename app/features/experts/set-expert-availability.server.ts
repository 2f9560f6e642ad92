import { getOwnExpert, setExpertPause } from '@leerplein/db/experts'
import { can } from '@leerplein/domain'
import { audit, inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { ownExpertEntry } from './own-expert-entry.ts'

/**
 * The expert pauses (the directory leaves them out from now on) or resumes (listed again) their
 * own entry (ADR 048). Audited `expert.pause` / `expert.resume`. No entry: not found; already so:
 * a conflict (two tabs, a form sent twice), nothing changes and nothing is audited twice.
 */
export async function setExpertAvailability(ctx: ServiceContext, { actor, available }: { actor: Actor; available: boolean }): Promise<ServiceResult<null>> {
	const now = ctx.clock.now()
	return inTenant(ctx, actor, async (tx) => {
		if (!can(actor, 'update', ownExpertEntry(actor))) throw refusal('forbidden', 'FORBIDDEN')
		const scope = { tenantId: actor.tenantId, userId: actor.userId }
		if (!(await getOwnExpert(tx, scope))) throw refusal('not_found', 'EXPERT_NOT_FOUND')
		const changed = await setExpertPause(tx, { ...scope, pausedAt: available ? null : now, now })
		if (!changed) throw refusal('conflict', available ? 'EXPERT_ALREADY_AVAILABLE' : 'EXPERT_ALREADY_PAUSED')
		await audit(ctx, tx, { actor, action: available ? 'expert.resume' : 'expert.pause', objectType: 'expert', objectId: actor.userId })
		return null
	})
}
