import { getLtiTool, updateLtiTool } from '@leerplein/db/lti'
import { can } from '@leerplein/domain'
import { audit, inTenant, refusal, refuse, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { forgetToolAccess } from './service-auth.server.ts'

/**
 * Deactivates or reactivates a tool. A deactivated tool gets no launches, no access tokens, and its
 * tokens already issued stop working at the next call (requireToolAccess and the token endpoint
 * read `active`); its online parts, results and registration stay, so reactivating restores it. Audited.
 */
export async function setLtiToolActive(
	ctx: ServiceContext,
	{ actor, toolId, active }: { actor: Actor; toolId: string; active: boolean },
): Promise<ServiceResult<{ id: string; active: boolean }>> {
	if (!can(actor, 'update', { kind: 'concern' })) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(ctx, actor, async (tx) => {
		const was = await getLtiTool(tx, { toolId })
		const tool = was && (await updateLtiTool(tx, { toolId, changes: { active } }))
		if (!was || !tool) throw refusal('not_found', 'TOOL_NOT_FOUND')
		await audit(ctx, tx, {
			actor,
			tenantId: null,
			action: active ? 'lti.tool_reactivated' : 'lti.tool_deactivated',
			objectType: 'lti_tool',
			objectId: tool.id,
			before: { name: was.name, active: was.active },
			after: { name: tool.name, active },
		})
		return { id: tool.id, active }
	}).finally(forgetToolAccess)
}
