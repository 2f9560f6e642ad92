import { listLtiTools, listRegistrationTokens } from '@leerplein/db/lti'
import { can, registrationTokenState, type RegistrationTokenState } from '@leerplein/domain'
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

export type RegistrationListing = {
	createdAt: Date
	expiresAt: Date
	toolRegistrationUrl: string | null
	toolName: string | null
	state: RegistrationTokenState
}

/** How far back the page shows Dynamic Registrations: long enough to follow up on last week's. */
const REGISTRATIONS_SHOWN_DAYS = 14
const REGISTRATIONS_SHOWN_MAX = 20

/**
 * The registered learning tools, by name, and the recent Dynamic Registration tokens with where each
 * stands (waiting, used by which tool, refused and why, expired), for the concern administrator.
 */
export async function listTools(ctx: ServiceContext, { actor }: { actor: Actor }): Promise<ServiceResult<{ tools: ToolListing[]; registrations: RegistrationListing[] }>> {
	if (!can(actor, 'update', { kind: 'concern' })) return refuse('forbidden', 'FORBIDDEN')
	const now = ctx.clock.now()
	return inTenant(ctx, actor, async (tx) => ({
		tools: (await listLtiTools(tx)).map((tool) => ({
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
		registrations: (await listRegistrationTokens(tx, { since: new Date(now.getTime() - REGISTRATIONS_SHOWN_DAYS * 86_400_000), limit: REGISTRATIONS_SHOWN_MAX })).map((token) => ({
			createdAt: token.createdAt,
			expiresAt: token.expiresAt,
			toolRegistrationUrl: token.toolRegistrationUrl,
			toolName: token.toolName,
			state: registrationTokenState(token, now),
		})),
	}))
}
