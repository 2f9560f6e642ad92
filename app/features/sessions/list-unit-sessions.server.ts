import { listProvidedSessions } from '@leerplein/db/enrolment'
import { belowMinimumBeforeDeadline, can, type Actor } from '@leerplein/domain'
import { inTenant, refusal, type ServiceContext } from '../../core/service.server.ts'

const WEEK_MS = 7 * 86_400_000

/**
 * The sessions the actor's unit runs, from a week ago on (attendance is registered afterwards); for
 * who runs them. Each says whether it is below its minimum while enrolment is still open.
 */
export async function listUnitSessions(ctx: ServiceContext, { actor }: { actor: Actor }) {
	const from = new Date(ctx.clock.now().getTime() - WEEK_MS)
	return inTenant(ctx, actor, async (tx) => {
		if (!can(actor, 'update', { kind: 'session', tenantId: actor.tenantId })) throw refusal('forbidden', 'FORBIDDEN')
		const now = ctx.clock.now()
		return (await listProvidedSessions(tx, { tenantId: actor.tenantId, from })).map((session) => ({
			...session,
			belowMinimum: belowMinimumBeforeDeadline({ ...session, seatsTaken: session.taken }, { now }),
		}))
	})
}
