import { findTrainerIdsOfUser } from '@leerplein/db/planning'
import type { Actor } from '@leerplein/domain'
import { inTenant, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/** Whether the signed-in person is an internal trainer of their unit: the navigation then offers "my sessions". */
export async function isTrainer(ctx: ServiceContext, { actor }: { actor: Actor }): Promise<ServiceResult<boolean>> {
	return inTenant(ctx, actor, async (tx) => (await findTrainerIdsOfUser(tx, { tenantId: actor.tenantId, userId: actor.userId })).length > 0, { readOnly: true })
}
