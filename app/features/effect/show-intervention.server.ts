import { getIntervention, listMeasureValues, listTrainedTeams, listUnitTeams, type Intervention, type MeasureValue } from '@leerplein/db/effect'
import {
	can,
	differenceInDifferences,
	groupSeries,
	interventionWindow,
	valuesInWindow,
	type EffectResult,
	type GroupMonth,
	type TeamMonthValue,
} from '@leerplein/domain'
import { inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

// One intervention's page (ADR 040, ADR 044): its measure per team per month, each group's before
// and after, the difference in differences with its 95 % interval (the domain's calculation on the
// values inside the windows), and the monthly series for the chart and its table.

export type InterventionTeam = { managerId: string; managerName: string; employeeNumber: string; trained: boolean }

export type InterventionView = {
	intervention: Intervention
	window: { fromMonth: string; toMonth: string }
	/** Every team that was trained or has a value, trained first, by name. */
	teams: InterventionTeam[]
	values: MeasureValue[]
	effect: EffectResult
	series: GroupMonth[]
}

async function readIntervention(ctx: ServiceContext, actor: Actor, interventionId: string) {
	return inTenant(
		ctx,
		actor,
		async (tx) => {
			if (!can(actor, 'read', { kind: 'intervention', tenantId: actor.tenantId })) throw refusal('forbidden', 'FORBIDDEN')
			const intervention = await getIntervention(tx, { interventionId })
			if (!intervention || intervention.tenantId !== actor.tenantId) throw refusal('not_found', 'INTERVENTION_NOT_FOUND')
			const [trained, values, unitTeams] = [await listTrainedTeams(tx, { interventionId }), await listMeasureValues(tx, { interventionId }), await listUnitTeams(tx, { tenantId: actor.tenantId })]
			return { intervention, trained, values, unitTeams }
		},
		{ readOnly: true },
	)
}

export async function showIntervention(ctx: ServiceContext, { actor, interventionId }: { actor: Actor; interventionId: string }): Promise<ServiceResult<InterventionView>> {
	const read = await readIntervention(ctx, actor, interventionId)
	if (!read.ok) return read
	const { intervention, trained, values, unitTeams } = read.value
	const trainedSet = new Set(trained)
	const withValues = new Set(values.map((value) => value.managerId))
	const byId = new Map(unitTeams.map((team) => [team.managerId, team]))
	const teams = [...new Set([...trained, ...withValues])]
		.map((managerId) => ({
			managerId,
			// A manager whose team has no active person any more is still named by the values they have.
			managerName: byId.get(managerId)?.managerName ?? '—',
			employeeNumber: byId.get(managerId)?.employeeNumber ?? '',
			trained: trainedSet.has(managerId),
		}))
		.sort((a, b) => Number(b.trained) - Number(a.trained) || a.managerName.localeCompare(b.managerName, 'nl') || a.managerId.localeCompare(b.managerId))
	const teamValues: TeamMonthValue[] = values.map((value) => ({ teamId: value.managerId, month: value.month, value: value.value }))
	const computed = differenceInDifferences({
		values: valuesInWindow(teamValues, intervention),
		trainedTeamIds: trained,
		intervention: { firstMonth: intervention.firstMonth, lastMonth: intervention.lastMonth },
		better: intervention.better,
	})
	// The table holds one value per team and month and the period is checked when saved: the calculation cannot refuse this input.
	if (!computed.ok) throw new Error(`showIntervention: ${computed.code}`)
	return {
		ok: true,
		value: { intervention, window: interventionWindow(intervention), teams, values, effect: computed.value, series: groupSeries(teamValues, trained, intervention) },
	}
}

export type InterventionExport = { name: string; rows: { employeeNumber: string; managerName: string; trained: boolean; month: string; value: number }[] }

/** The measure's values as rows for a CSV file: team (the manager's employee number), manager, group, month, value — by team and month. */
export async function exportInterventionValues(ctx: ServiceContext, { actor, interventionId }: { actor: Actor; interventionId: string }): Promise<ServiceResult<InterventionExport>> {
	const shown = await showIntervention(ctx, { actor, interventionId })
	if (!shown.ok) return shown
	const team = new Map(shown.value.teams.map((t) => [t.managerId, t]))
	const rows = shown.value.values
		.map((value) => {
			const of = team.get(value.managerId)!
			return { employeeNumber: of.employeeNumber, managerName: of.managerName, trained: of.trained, month: value.month, value: value.value }
		})
		.sort((a, b) => Number(b.trained) - Number(a.trained) || a.employeeNumber.localeCompare(b.employeeNumber) || a.month.localeCompare(b.month))
	return { ok: true, value: { name: shown.value.intervention.name, rows } }
}
