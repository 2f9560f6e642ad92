import type { Database } from '@leerplein/db'
import { getConcernPoDefaults } from '@leerplein/db/po-rules'
import { countReportParticipation, listReportUnits } from '@leerplein/db/reports'
import { effectivePoSettings, participationFigures, sumParticipation, type ParticipationFigures } from '@leerplein/domain'
import { countsOf } from './show-unit-report.server.ts'

/**
 * One month of a unit's report (`YYYY-MM`), inside the unit's context: the totals of the sessions
 * it provides that started in the month, late cancellations by its own free period. What the
 * monthly mail says, and whether there is anything to say (`anything`).
 */
export async function unitMonthFigures(tx: Database, { tenantId, month }: { tenantId: string; month: string }): Promise<{ figures: ParticipationFigures; anything: boolean }> {
	const [units, defaults] = await Promise.all([listReportUnits(tx), getConcernPoDefaults(tx)])
	const unit = units.find((candidate) => candidate.id === tenantId)
	const { freeCancellationDays } = effectivePoSettings(defaults, unit?.poOverrides ?? {})
	const rows = await countReportParticipation(tx, { tenantId, fromMonth: month, toMonth: month, freeCancellationDays })
	const counts = sumParticipation(rows.filter((row) => row.month !== null).map(countsOf))
	return { figures: participationFigures(counts), anything: counts.participants + counts.cancellations + counts.waiting > 0 }
}
