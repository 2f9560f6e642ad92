import { listTenants } from '@leerplein/db/tenants'
import { commitWithoutWaitingForDisk, takeXapiRuleBacklog } from '@leerplein/db/xapi'
import { inTenant, succeed, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { evaluateXapiEvidenceRules } from './evidence-rules.server.ts'

// Rules weighed after the answer (ADR 039): a batch is answered when its statements are stored and
// its people are on the unit's backlog (xapi_rule_backlog, same transaction). The portal that
// stored it weighs the backlog right after; the minute's sweep takes what a crashed process left.
// While a unit's backlog is being weighed, later batches only add to it: the next round takes all
// their people at once, so a busy store reads each person's statements once, not once per batch.

/**
 * People weighed per transaction: one read of their statements, one insert of their evidence.
 * (100 was tried, to shorten each round's JavaScript: the backlog then lagged 6 s at saturation
 * instead of 2, and the batches were no faster.)
 */
const PEOPLE_PER_ROUND = 500

/** Weighs the unit's backlog until it is empty, a round per transaction. Answers how many people were weighed. */
export async function evaluateXapiRuleBacklog(ctx: ServiceContext, { tenantId }: { tenantId: string }): Promise<ServiceResult<number>> {
	let weighed = 0
	for (;;) {
		const round = await inTenant(ctx, { tenantId, userId: null }, async (tx) => {
			// A round lost in a crash is not lost work: its people come back on the backlog with the
			// rollback, and the sweep weighs them again. So its commit need not wait for the disk.
			await commitWithoutWaitingForDisk(tx)
			const personIds = await takeXapiRuleBacklog(tx, { tenantId, limit: PEOPLE_PER_ROUND })
			// In the same transaction: the evidence trigger marks the people, their dots settle at the commit.
			await evaluateXapiEvidenceRules(tx, { tenantId, personIds, now: ctx.clock.now() })
			return personIds.length
		})
		if (!round.ok) return round
		weighed += round.value
		if (round.value < PEOPLE_PER_ROUND) return succeed(weighed)
	}
}

/** Per unit, the round of weighing this process is running, and whether a batch came in since it began. */
const running = new Map<string, Promise<void>>()
const cameSince = new Set<string>()

/**
 * Weighs the unit's backlog soon, in this process, without holding up the caller. One round at a
 * time per unit: a call while one runs makes it go round once more. The promise settles when the
 * backlog this call added to has been weighed (tests and the benchmark wait on it; the routes don't).
 * A failure is logged and leaves the people on the backlog for the sweep.
 */
export function weighXapiRulesSoon(ctx: ServiceContext, { tenantId }: { tenantId: string }): Promise<void> {
	const inFlight = running.get(tenantId)
	if (inFlight) {
		cameSince.add(tenantId)
		return inFlight
	}
	const run = (async () => {
		do {
			cameSince.delete(tenantId)
			const weighed = await evaluateXapiRuleBacklog(ctx, { tenantId })
			if (!weighed.ok) ctx.logger.error({ tenantId, code: weighed.code }, 'xapi rule backlog not weighed')
		} while (cameSince.has(tenantId))
	})()
		.catch((error: unknown) => ctx.logger.error({ err: error, tenantId }, 'xapi rule backlog not weighed; the sweep takes it'))
		.finally(() => running.delete(tenantId))
	running.set(tenantId, run)
	return run
}

/**
 * The sweep (`actor: null`: the schedule, every minute): every unit's backlog, in that unit's own
 * context. Normally empty; after a crash or a restart it takes what was left. Answers how many
 * people were weighed.
 */
export async function sweepXapiRuleBacklogs(ctx: ServiceContext, _input: { actor: null }): Promise<ServiceResult<number>> {
	let weighed = 0
	for (const tenant of await listTenants(ctx.db)) {
		const unit = await evaluateXapiRuleBacklog(ctx, { tenantId: tenant.id })
		if (!unit.ok) return unit
		weighed += unit.value
	}
	return succeed(weighed)
}
