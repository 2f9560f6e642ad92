import { getConcernPoDefaults } from '@leerplein/db/po-rules'
import { countConcernParticipation, listReportUnits } from '@leerplein/db/reports'
import { can, effectivePoSettings, participationFigures, sumParticipation, type ParticipationFigures, type ReportPeriod } from '@leerplein/domain'
import { inTenant, refuse, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import type { ReportFilters } from './report-filters.ts'
import { countsOf, reportPeriodOf, ZERO } from './show-unit-report.server.ts'

// The concern's report (issue 18, item 4: "the concern sees aggregates"; ADR 043, addendum): every
// unit's figures side by side, counted by the database for a concern administrator only.

export type ConcernReport = {
	period: ReportPeriod
	units: { tenantId: string; name: string; shortName: string; freeCancellationDays: number; figures: ParticipationFigures }[]
	total: ParticipationFigures
}

/**
 * Per providing unit, the sessions starting in the period: seats, completed, no-shows,
 * cancellations (late by that unit's own free period) and waiting, with the domain's rates; every
 * unit listed, zero where nothing happened. Numbers per unit, never a person or a course.
 */
export async function showConcernReport(ctx: ServiceContext, { actor, filters }: { actor: Actor; filters: Pick<ReportFilters, 'van' | 'tot'> }): Promise<ServiceResult<ConcernReport>> {
	if (!can(actor, 'read', { kind: 'report', tenantId: null })) return refuse('forbidden', 'FORBIDDEN')
	const period = reportPeriodOf(ctx, filters)
	if (!period.ok) return period
	return inTenant(
		ctx,
		actor,
		async (tx) => {
			const [units, defaults] = await Promise.all([listReportUnits(tx), getConcernPoDefaults(tx)])
			const rules = units.map((unit) => ({ ...unit, freeCancellationDays: effectivePoSettings(defaults, unit.poOverrides).freeCancellationDays }))
			const rows = await countConcernParticipation(tx, { ...period.value, units: rules.map(({ id, freeCancellationDays }) => ({ tenantId: id, freeCancellationDays })) })
			const counted = new Map(rows.map((row) => [row.tenantId, countsOf(row)]))
			return {
				period: period.value,
				units: rules.map(({ id, name, shortName, freeCancellationDays }) => ({ tenantId: id, name, shortName, freeCancellationDays, figures: participationFigures(counted.get(id) ?? ZERO) })),
				total: participationFigures(sumParticipation([...counted.values()])),
			}
		},
		{ readOnly: true },
	)
}
