import { listUnitCoordinators } from '@leerplein/db/enrolment'
import { enqueueMailOnce } from '@leerplein/db/jobs'
import { listTenants } from '@leerplein/db/tenants'
import { amsterdamDate } from '@leerplein/domain'
import { audit, inTenant, succeed, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { unitMonthFigures } from './month-report.server.ts'

/** The month before the one `today` (`YYYY-MM-DD`) is in, as `YYYY-MM`. */
export function previousMonth(today: string): string {
	const [year, month] = today.split('-').map(Number) as [number, number]
	return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`
}

/**
 * The monthly scan (ADR 043, addendum; `actor: null`: the schedule, on the first of the month):
 * for every unit, in its own context, the month before. A unit whose sessions had no one in
 * that month gets no mail, and its audit trail says why (`report.monthly_skipped`, reason
 * `nothing_in_month`); otherwise each active coordinator gets the month's report, queued once
 * per unit, month and coordinator however often the scan runs. Returns how many it queued.
 */
export async function enqueueUnitReportMails(ctx: ServiceContext, _input: { actor: null }): Promise<ServiceResult<{ queued: number; skipped: number }>> {
	const month = previousMonth(amsterdamDate(ctx.clock.now()))
	let queued = 0
	let skipped = 0
	for (const tenant of await listTenants(ctx.db)) {
		const scope = { tenantId: tenant.id, userId: null }
		const scan = await inTenant(ctx, scope, async (tx) => {
			const { anything } = await unitMonthFigures(tx, { tenantId: tenant.id, month })
			if (!anything) {
				await audit(ctx, tx, { actor: scope, action: 'report.monthly_skipped', objectType: 'unit_report', objectId: month, after: { reason: 'nothing_in_month' } })
				return { queued: 0, skipped: 1 }
			}
			let count = 0
			for (const coordinator of await listUnitCoordinators(tx, { tenantId: tenant.id })) {
				const job = { kind: 'unit_report' as const, tenantId: tenant.id, month, recipientUserId: coordinator.userId, messageKey: `unit-report:${tenant.id}:${month}:${coordinator.userId}` }
				if (await enqueueMailOnce(tx, job)) count++
			}
			return { queued: count, skipped: 0 }
		})
		if (!scan.ok) return scan
		queued += scan.value.queued
		skipped += scan.value.skipped
	}
	return succeed({ queued, skipped })
}
