import { deleteExpert, getOwnExpert } from '@leerplein/db/experts'
import { can } from '@leerplein/domain'
import { audit, inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { ownExpertEntry } from './own-expert-entry.ts'

/**
 * The expert opts out (ADR 048): their entry, themes and competencies are deleted at once, so the
 * directory no longer has them. Audited `expert.delete` with the themes and competencies it had.
 * No entry (already opted out, another tab): not found.
 */
export async function stopBeingExpert(ctx: ServiceContext, { actor }: { actor: Actor }): Promise<ServiceResult<null>> {
	return inTenant(ctx, actor, async (tx) => {
		if (!can(actor, 'delete', ownExpertEntry(actor))) throw refusal('forbidden', 'FORBIDDEN')
		const scope = { tenantId: actor.tenantId, userId: actor.userId }
		const before = await getOwnExpert(tx, scope)
		if (!before || !(await deleteExpert(tx, scope))) throw refusal('not_found', 'EXPERT_NOT_FOUND')
		await audit(ctx, tx, {
			actor,
			action: 'expert.delete',
			objectType: 'expert',
			objectId: actor.userId,
			before: { themeIds: before.themeIds, competencyIds: before.competencyIds, paused: before.pausedAt !== null },
		})
		return null
	})
}
