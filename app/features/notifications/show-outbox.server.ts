import { listOutbox } from '@leerplein/db/jobs'
import type { Actor } from '@leerplein/domain'
import { inTenant, type ServiceContext } from '../../core/service.server.ts'

const SHOWN = 100

/** The demo's outbox: the latest mails kept instead of sent, to the actor's own unit. */
export async function showOutbox(ctx: ServiceContext, { actor }: { actor: Actor }) {
	return inTenant(ctx, actor, (tx) => listOutbox(tx, { tenantId: actor.tenantId, limit: SHOWN }))
}
