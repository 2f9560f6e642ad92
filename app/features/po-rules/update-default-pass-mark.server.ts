import { getDefaultPassMarkPercent, updateDefaultPassMarkPercent } from '@leerplein/db/po-rules'
import { can } from '@leerplein/domain'
import { audit, inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/**
 * The concern administrator sets the pass mark a new online part gets when its tool sends none
 * (Deep Linking; ADR 026). Parts already linked keep theirs. Audit-logged without a unit; row-level
 * security refuses anyone else even if the permission check were missed.
 */
export async function updateDefaultPassMark(ctx: ServiceContext, { actor, percent }: { actor: Actor; percent: number }): Promise<ServiceResult<void>> {
	return inTenant(ctx, actor, async (tx) => {
		if (!can(actor, 'update', { kind: 'po_defaults' })) throw refusal('forbidden', 'FORBIDDEN')
		const before = await getDefaultPassMarkPercent(tx)
		if (!(await updateDefaultPassMarkPercent(tx, { percent, actorId: actor.userId }))) throw refusal('forbidden', 'FORBIDDEN')
		await audit(ctx, tx, {
			actor,
			tenantId: null,
			action: 'concern.default_pass_mark.update',
			objectType: 'concern_settings',
			objectId: '1',
			before: { defaultPassMarkPercent: before },
			after: { defaultPassMarkPercent: percent },
		})
	})
}
