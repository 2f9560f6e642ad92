import { listEnrolmentsStartingBetween } from '@leerplein/db/enrolment'
import { enqueueMailOnce } from '@leerplein/db/jobs'
import { listTenants } from '@leerplein/db/tenants'
import { inTenant, succeed, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

const DAY_MS = 86_400_000
/** The scan runs hourly; a three-hour window survives two missed runs, and a reminder already queued or sent is not queued again. */
const WINDOW_MS = 3 * 3_600_000

/**
 * The scheduled reminder scan (hourly, `actor: null`: the schedule, no person): for every unit, the
 * enrolled people whose session starts seven days or one day from now (within the window) get a
 * reminder job, queued in that unit's own context. The message key is fixed per enrolment, session
 * start and kind: however often the scan sees someone, the reminder is queued once (and the outbox
 * would still let a duplicate out only once). Returns how many it queued.
 */
export async function enqueueReminders(ctx: ServiceContext, _input: { actor: null }): Promise<ServiceResult<{ queued: number }>> {
	const now = ctx.clock.now()
	let queued = 0
	for (const tenant of await listTenants(ctx.db)) {
		const scan = await inTenant(ctx, { tenantId: tenant.id, userId: null }, async (tx) => {
			let count = 0
			for (const [kind, days] of [['reminder_7_days', 7], ['reminder_1_day', 1]] as const) {
				const to = new Date(now.getTime() + days * DAY_MS)
				const from = new Date(to.getTime() - WINDOW_MS)
				for (const enrolment of await listEnrolmentsStartingBetween(tx, { tenantId: tenant.id, from, to })) {
					const messageKey = `${kind}:${enrolment.id}:${enrolment.startsAt.toISOString()}`
					if (await enqueueMailOnce(tx, { kind, tenantId: tenant.id, enrolmentId: enrolment.id, messageKey })) count++
				}
			}
			return count
		})
		if (!scan.ok) return scan
		queued += scan.value
	}
	return succeed({ queued })
}
