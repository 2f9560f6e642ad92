import { recomputePassports, repairPassportSummaries, type RecomputeReport } from '@leerplein/db/passport'
import { listTenants } from '@leerplein/db/tenants'
import { amsterdamDate } from '@leerplein/domain'
import { inTenant, succeed, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/** `summaryDrift`: summary rows (a person's counts, a competency's counts) that differed from the dots. */
export type UnitConsistency = RecomputeReport & { tenantId: string; summaryDrift: number }

/**
 * The nightly consistency check (`actor: null`: the schedule): recomputes every dot of every unit,
 * in that unit's own context, on today's Amsterdam date. Dots change when evidence arrives, in
 * that transaction; this run only moves dots whose day has come (green to orange, orange to red)
 * and corrects and counts any other difference as drift, which should be 0 (ADR 031); then the
 * unit's summaries (the matrix's counts, migration 0047) are counted again from the dots, any
 * difference corrected and counted as drift too.
 */
export async function checkPassportConsistency(ctx: ServiceContext, _input: { actor: null }): Promise<ServiceResult<{ units: UnitConsistency[]; drift: number }>> {
	const today = amsterdamDate(ctx.clock.now())
	const units: UnitConsistency[] = []
	for (const tenant of await listTenants(ctx.db)) {
		const report = await inTenant(ctx, { tenantId: tenant.id, userId: null }, async (tx) => {
			const dots = await recomputePassports(tx, { tenantId: tenant.id, today, trigger: 'consistency' })
			return { ...dots, summaryDrift: await repairPassportSummaries(tx) }
		})
		if (!report.ok) return report
		units.push({ tenantId: tenant.id, ...report.value })
	}
	const drift = units.reduce((sum, unit) => sum + unit.drift + unit.summaryDrift, 0)
	if (drift > 0) ctx.logger.warn({ drift, units: units.filter((unit) => unit.drift + unit.summaryDrift > 0) }, 'passport drift corrected')
	return succeed({ units, drift })
}
