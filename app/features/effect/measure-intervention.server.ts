import { countXapiMeasure, getIntervention, listMeasureValues, listUnitTeams, replaceMeasureValues, updateIntervention } from '@leerplein/db/effect'
import { can, interventionWindow, readMeasureCsv, type MeasureRowError } from '@leerplein/domain'
import type { Database } from '@leerplein/db'
import { audit, inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import type { MeasureCountInput } from './intervention-schema.ts'

// Filling an intervention's measure (ADR 044): a CSV file read whole — every faulty line named,
// and then nothing saved — or a count of the unit's xAPI statements by PostgreSQL. Either replaces
// the measure as a whole, audited with how many values there were before and after.

export type MeasureImport = { saved: true; values: number } | { saved: false; errors: MeasureRowError[] }

async function ownIntervention(tx: Database, actor: Actor, interventionId: string) {
	if (!can(actor, 'update', { kind: 'intervention', tenantId: actor.tenantId })) throw refusal('forbidden', 'FORBIDDEN')
	const intervention = await getIntervention(tx, { interventionId })
	if (!intervention || intervention.tenantId !== actor.tenantId) throw refusal('not_found', 'INTERVENTION_NOT_FOUND')
	return intervention
}

async function valueCount(tx: Database, interventionId: string): Promise<number> {
	return (await listMeasureValues(tx, { interventionId })).length
}

/** Imports a measure file (`team,maand,waarde`; the team is its manager's employee number in the unit). */
export async function importMeasure(
	ctx: ServiceContext,
	{ actor, interventionId, csv }: { actor: Actor; interventionId: string; csv: string },
): Promise<ServiceResult<MeasureImport>> {
	return inTenant(ctx, actor, async (tx): Promise<MeasureImport> => {
		await ownIntervention(tx, actor, interventionId)
		const teams = new Map((await listUnitTeams(tx, { tenantId: actor.tenantId })).map((team) => [team.employeeNumber, team.managerId]))
		const read = readMeasureCsv(csv, { teams })
		if (!read.ok) {
			if (read.code === 'MEASURE_FILE_ROWS') return { saved: false, errors: read.errors }
			throw refusal('invalid', read.code, { field: 'bestand' })
		}
		const before = await valueCount(tx, interventionId)
		const values = read.values.map((value) => ({ managerId: value.teamId, month: value.month, value: value.value }))
		await replaceMeasureValues(tx, { tenantId: actor.tenantId, interventionId, source: 'csv', values, at: ctx.clock.now() })
		await audit(ctx, tx, { actor, action: 'intervention.measure_import', objectType: 'intervention', objectId: interventionId, before: { values: before }, after: { values: values.length, source: 'csv' } })
		return { saved: true, values: values.length }
	})
}

/** Counts the measure from the unit's xAPI statements over the intervention's windows, and keeps the verb and prefix for the next count. */
export async function countMeasure(
	ctx: ServiceContext,
	{ actor, interventionId, input }: { actor: Actor; interventionId: string; input: MeasureCountInput },
): Promise<ServiceResult<{ values: number }>> {
	return inTenant(ctx, actor, async (tx) => {
		const intervention = await ownIntervention(tx, actor, interventionId)
		const { fromMonth, toMonth } = interventionWindow(intervention)
		const values = await countXapiMeasure(tx, { tenantId: actor.tenantId, verbId: input.verbId, activityPrefix: input.activityPrefix, fromMonth, toMonth })
		const before = await valueCount(tx, interventionId)
		const at = ctx.clock.now()
		const { id: _id, tenantId: _tenant, courseTitle: _title, measureSource: _source, createdAt: _created, updatedAt: _updated, ...fields } = intervention
		await updateIntervention(tx, { tenantId: actor.tenantId, interventionId, at, fields: { ...fields, xapiVerbId: input.verbId, xapiActivityPrefix: input.activityPrefix } })
		await replaceMeasureValues(tx, { tenantId: actor.tenantId, interventionId, source: 'xapi', values, at })
		await audit(ctx, tx, {
			actor,
			action: 'intervention.measure_count',
			objectType: 'intervention',
			objectId: interventionId,
			before: { values: before, verbId: intervention.xapiVerbId, activityPrefix: intervention.xapiActivityPrefix },
			after: { values: values.length, source: 'xapi', verbId: input.verbId, activityPrefix: input.activityPrefix },
		})
		return { values: values.length }
	})
}
