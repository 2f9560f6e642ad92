import { deleteToolWebServices } from '@leerplein/db/lti'
import { can } from '@leerplein/domain'
import { audit, inTenant, refuse, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/**
 * Forgets a tool's Moodle web-services address and sealed token (after confirmation on the tool
 * page): the completion sync stops for that tool. Completions it already recorded stay. Removing
 * what is already gone changes nothing and is not audited.
 */
export async function removeLtiWebServices(ctx: ServiceContext, { actor, toolId }: { actor: Actor; toolId: string }): Promise<ServiceResult<{ removed: boolean }>> {
	if (!can(actor, 'update', { kind: 'concern' })) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(ctx, actor, async (tx) => {
		if (!(await deleteToolWebServices(tx, { toolId }))) return { removed: false }
		await audit(ctx, tx, { actor, tenantId: null, action: 'lti.web_services_removed', objectType: 'lti_tool', objectId: toolId })
		return { removed: true }
	})
}
