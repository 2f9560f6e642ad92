import { deleteExpiredSessions } from '@leerplein/db/identity'
import { succeed, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/**
 * The scheduled housekeeping (hourly, `actor: null`: the schedule, no person): removes every
 * session past its idle or absolute expiry on the context's clock. An expired session is already
 * refused when it is presented (session.server.ts); this keeps the table from holding them for
 * ever. Returns how many it removed.
 */
export async function purgeExpiredSessions(ctx: ServiceContext, _input: { actor: null }): Promise<ServiceResult<{ removed: number }>> {
	return succeed({ removed: await deleteExpiredSessions(ctx.db, { now: ctx.clock.now() }) })
}
