import { getOwnOpenErasureRequest } from '@leerplein/db/privacy'
import type { Actor } from '@leerplein/domain'
import { inTenant, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/** The signed-in person's open request to be erased, if they made (or someone made) one. */
export async function showOwnErasure(ctx: ServiceContext, { actor }: { actor: Actor }): Promise<ServiceResult<{ requestedAt: Date } | null>> {
	return inTenant(ctx, actor, (tx) => getOwnOpenErasureRequest(tx, { personId: actor.userId }), { readOnly: true })
}
