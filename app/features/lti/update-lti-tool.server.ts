import { getLtiTool, updateLtiTool } from '@leerplein/db/lti'
import { can } from '@leerplein/domain'
import { outboundAllowed } from '../../core/outbound.server.ts'
import { audit, inTenant, refusal, refuse, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { forgetToolAccess } from './service-auth.server.ts'
import type { ToolRegistration } from './tool-schema.ts'

const AUDITED = ['name', 'loginUrl', 'targetLinkUri', 'deepLinkingUrl', 'redirectUris', 'jwksUrl', 'deploymentIds', 'scopes', 'shareName', 'shareEmail'] as const

/** The concern administrator corrects a tool's registration; the client id stays. Row-level security admits only concern administrators. Audited. */
export async function updateLtiToolRegistration(
	ctx: ServiceContext,
	{ actor, toolId, input }: { actor: Actor; toolId: string; input: ToolRegistration },
): Promise<ServiceResult<{ id: string }>> {
	if (!can(actor, 'update', { kind: 'concern' })) return refuse('forbidden', 'FORBIDDEN')
	if (input.jwksUrl && !(await outboundAllowed(input.jwksUrl))) return refuse('invalid', 'OUTBOUND_ADDRESS_REFUSED', { field: 'jwksUrl' })
	return inTenant(ctx, actor, async (tx) => {
		const before = await getLtiTool(tx, { toolId })
		const tool = await updateLtiTool(tx, { toolId, changes: input })
		if (!tool) throw refusal('not_found', 'TOOL_NOT_FOUND')
		await audit(ctx, tx, {
			actor,
			tenantId: null,
			action: 'lti.tool_updated',
			objectType: 'lti_tool',
			objectId: tool.id,
			before: before ? pick(before) : null,
			after: pick(tool),
		})
		return { id: tool.id }
	}).finally(forgetToolAccess)
}

function pick(tool: Record<(typeof AUDITED)[number], unknown>) {
	return Object.fromEntries(AUDITED.map((key) => [key, tool[key]]))
}
