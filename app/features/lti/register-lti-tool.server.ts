import { randomUUID } from 'node:crypto'
import { insertLtiTool } from '@leerplein/db/lti'
import { can } from '@leerplein/domain'
import { outboundAllowed } from '../../core/outbound.server.ts'
import { audit, inTenant, refuse, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import type { ToolRegistration } from './tool-schema.ts'

/** The concern administrator registers a tool by hand; Leerplein issues its client id. Row-level security admits only concern administrators. Audited. */
export async function registerLtiTool(ctx: ServiceContext, { actor, input }: { actor: Actor; input: ToolRegistration }): Promise<ServiceResult<{ id: string; clientId: string }>> {
	if (!can(actor, 'update', { kind: 'concern' })) return refuse('forbidden', 'FORBIDDEN')
	// The key set is the one address the portal fetches on a tool's behalf: public https only (ADR 025).
	if (input.jwksUrl && !(await outboundAllowed(input.jwksUrl))) return refuse('invalid', 'OUTBOUND_ADDRESS_REFUSED', { field: 'jwksUrl' })
	return inTenant(ctx, actor, async (tx) => {
		const tool = await insertLtiTool(tx, { ...input, clientId: randomUUID(), registeredVia: 'manual' })
		await audit(ctx, tx, {
			actor,
			tenantId: null,
			action: 'lti.tool_registered',
			objectType: 'lti_tool',
			objectId: tool.id,
			after: { name: tool.name, clientId: tool.clientId, loginUrl: tool.loginUrl, scopes: tool.scopes, via: 'manual' },
		})
		return { id: tool.id, clientId: tool.clientId }
	})
}
