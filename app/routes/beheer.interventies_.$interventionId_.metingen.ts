import type { LoaderFunctionArgs } from '@remix-run/node'
import { valueOrThrow } from '../core/http.server.ts'
import { idParam } from '../core/route-params.server.ts'
import { CSV_TYPE, fileResponse, tableCsv } from '../core/table-files.server.ts'
import { ownInterventions } from '../features/effect/own-interventions.ts'
import { exportInterventionValues } from '../features/effect/show-intervention.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { i18next } from '../i18n/i18next.server.ts'

/** An intervention's measure as CSV (ADR 044): team (the manager's employee number), manager, group, month, value — the file the import reads back. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownInterventions)
	const interventionId = idParam(params, 'interventionId', 'INTERVENTION_NOT_FOUND')
	const exported = valueOrThrow(await exportInterventionValues(context, { actor, interventionId }))
	const t = await i18next.getFixedT(request)
	const header = [t('intervention.csvTeam'), t('intervention.csvMonth'), t('intervention.csvValue'), t('intervention.csvManager'), t('intervention.csvGroup')]
	const rows = exported.rows.map((row) => [row.employeeNumber, row.month, String(row.value), row.managerName, t(row.trained ? 'intervention.group_trained' : 'intervention.group_comparison')])
	return fileResponse(tableCsv({ header, rows }), CSV_TYPE, `interventie-${interventionId}.csv`)
}
