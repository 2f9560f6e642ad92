import { listErasureRequests, type ErasureRequestRow } from '@leerplein/db/privacy'
import { listTenants } from '@leerplein/db/tenants'
import { can, type Actor } from '@leerplein/domain'
import { inTenant, refuse, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

export type ErasureQueue = { requests: ErasureRequestRow[]; units: { id: string; name: string }[] }

/** The privacy officer's queue (open requests first) and the units a request on someone's behalf may name. */
export async function showErasureQueue(ctx: ServiceContext, { actor }: { actor: Actor }): Promise<ServiceResult<ErasureQueue>> {
	if (!can(actor, 'read', { kind: 'erasure_request', personId: null })) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(
		ctx,
		actor,
		async (tx) => ({
			requests: await listErasureRequests(tx),
			units: (await listTenants(tx)).map((unit) => ({ id: unit.id, name: unit.name })),
		}),
		{ readOnly: true },
	)
}
