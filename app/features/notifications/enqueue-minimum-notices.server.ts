import { listSessionsBelowMinimum, listUnitCoordinators } from '@leerplein/db/enrolment'
import { enqueueMailOnce } from '@leerplein/db/jobs'
import { listTenants } from '@leerplein/db/tenants'
import { decisionMoment, MINIMUM_NOTICE_DAYS, minimumNoticeDue } from '@leerplein/domain'
import { inTenant, succeed, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

const DAY_MS = 86_400_000

/**
 * The scheduled minimum-participants scan (daily, `actor: null`: the schedule, no person): for
 * every unit, its planned sessions below their minimum number of participants whose decision
 * moment (the enrolment deadline, or the start) is at most MINIMUM_NOTICE_DAYS away get a notice
 * to each active coordinator of the unit, queued in that unit's own context. The message key is
 * fixed per session, decision moment and coordinator: however often the scan runs, a notice is
 * queued once (a moved deadline is a new moment, and earns a new notice). Returns how many it queued.
 */
export async function enqueueMinimumNotices(ctx: ServiceContext, _input: { actor: null }): Promise<ServiceResult<{ queued: number }>> {
	const now = ctx.clock.now()
	const to = new Date(now.getTime() + MINIMUM_NOTICE_DAYS * DAY_MS)
	let queued = 0
	for (const tenant of await listTenants(ctx.db)) {
		const scan = await inTenant(ctx, { tenantId: tenant.id, userId: null }, async (tx) => {
			let count = 0
			const sessions = (await listSessionsBelowMinimum(tx, { tenantId: tenant.id, from: now, to })).filter((session) => minimumNoticeDue(session, { now }))
			if (sessions.length === 0) return 0
			const coordinators = await listUnitCoordinators(tx, { tenantId: tenant.id })
			for (const session of sessions) {
				for (const coordinator of coordinators) {
					const messageKey = `minimum_not_reached:${session.id}:${decisionMoment(session).toISOString()}:${coordinator.userId}`
					const job = { kind: 'minimum_not_reached' as const, tenantId: tenant.id, sessionId: session.id, recipientUserId: coordinator.userId, messageKey }
					if (await enqueueMailOnce(tx, job)) count++
				}
			}
			return count
		})
		if (!scan.ok) return scan
		queued += scan.value
	}
	return succeed({ queued })
}
