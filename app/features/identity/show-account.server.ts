import { listSessionsOfUser } from '@leerplein/db/identity'
import { listTenants } from '@leerplein/db/tenants'
import { inTenant, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

export type Account = {
	unit: string
	grants: { role: Actor['grants'][number]['role']; unit: string | null; slug: string | null }[]
	sessions: { current: boolean; createdAt: Date; absoluteExpiresAt: Date; ipAddress: string | null; userAgent: string | null }[]
}

/**
 * What a person sees of themselves: unit, roles, and where they are signed in, newest first
 * (ASVS 3.3.4). Only ever the actor's own: nothing in the input names anyone else.
 */
export async function showAccount(ctx: ServiceContext, { actor, sessionId }: { actor: Actor; sessionId: string }): Promise<ServiceResult<Account>> {
	return inTenant(ctx, actor, async (tx) => {
		const sessions = await listSessionsOfUser(tx, { userId: actor.userId })
		const tenants = await listTenants(tx)
		const unitOf = (tenantId: string | null) => tenants.find((tenant) => tenant.id === tenantId)
		return {
			unit: unitOf(actor.tenantId)?.name ?? '',
			grants: actor.grants.map((grant) => ({ role: grant.role, unit: unitOf(grant.tenantId)?.shortName ?? null, slug: unitOf(grant.tenantId)?.slug ?? null })),
			sessions: sessions
				.map((session) => ({
					current: session.id === sessionId,
					createdAt: session.createdAt,
					absoluteExpiresAt: session.absoluteExpiresAt,
					ipAddress: session.ipAddress,
					userAgent: session.userAgent,
				}))
				.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()),
		}
	})
}
