import { listLtiTools } from '@leerplein/db/lti'
import { can } from '@leerplein/domain'
import { inTenant, refuse, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

export type ToolListing = {
	id: string
	name: string
	clientId: string
	deploymentIds: string[]
	loginUrl: string
	scopes: string[]
	registeredVia: string
	active: boolean
	createdAt: Date
}

/** The registered learning tools, by name, for the concern administrator. */
export async function listTools(ctx: ServiceContext, { actor }: { actor: Actor }): Promise<ServiceResult<ToolListing[]>> {
	if (!can(actor, 'update', { kind: 'concern' })) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(ctx, actor, async (tx) =>
		(await listLtiTools(tx)).map((tool) => ({
			id: tool.id,
			name: tool.name,
			clientId: tool.clientId,
			deploymentIds: tool.deploymentIds,
			loginUrl: tool.loginUrl,
			scopes: tool.scopes,
			registeredVia: tool.registeredVia,
			active: tool.active,
			createdAt: tool.createdAt,
		})),
	)
}
