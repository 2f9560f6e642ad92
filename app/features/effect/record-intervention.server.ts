import { getIntervention, insertIntervention, listInterventionCourses, listTrainedTeams, listUnitTeams, replaceTrainedTeams, updateIntervention, type Intervention, type InterventionCourse, type UnitTeam } from '@leerplein/db/effect'
import { can } from '@leerplein/domain'
import { audit, inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import type { InterventionInput } from './intervention-schema.ts'

// Recording an intervention and changing it (ADR 044): its course or programme, period, measure
// and trained teams, each checked against the unit; audited with before and after.

export type InterventionForm = { intervention: (Intervention & { trainedTeamIds: string[] }) | null; courses: InterventionCourse[]; teams: UnitTeam[] }

/** What the form offers: the unit's teams and courses, and (to change one) the intervention as it is. */
export async function showInterventionForm(ctx: ServiceContext, { actor, interventionId }: { actor: Actor; interventionId: string | null }): Promise<ServiceResult<InterventionForm>> {
	return inTenant(
		ctx,
		actor,
		async (tx) => {
			if (!can(actor, interventionId ? 'update' : 'create', { kind: 'intervention', tenantId: actor.tenantId })) throw refusal('forbidden', 'FORBIDDEN')
			let intervention: InterventionForm['intervention'] = null
			if (interventionId) {
				const found = await getIntervention(tx, { interventionId })
				if (!found || found.tenantId !== actor.tenantId) throw refusal('not_found', 'INTERVENTION_NOT_FOUND')
				intervention = { ...found, trainedTeamIds: await listTrainedTeams(tx, { interventionId }) }
			}
			return { intervention, courses: await listInterventionCourses(tx, { tenantId: actor.tenantId }), teams: await listUnitTeams(tx, { tenantId: actor.tenantId }) }
		},
		{ readOnly: true },
	)
}

/** Records a new intervention (`interventionId` null) or changes one of the unit's; its id. */
export async function recordIntervention(
	ctx: ServiceContext,
	{ actor, interventionId, input }: { actor: Actor; interventionId: string | null; input: InterventionInput },
): Promise<ServiceResult<{ interventionId: string }>> {
	return inTenant(ctx, actor, async (tx) => {
		if (!can(actor, interventionId ? 'update' : 'create', { kind: 'intervention', tenantId: actor.tenantId })) throw refusal('forbidden', 'FORBIDDEN')
		const before = interventionId ? await getIntervention(tx, { interventionId }) : null
		if (interventionId && (!before || before.tenantId !== actor.tenantId)) throw refusal('not_found', 'INTERVENTION_NOT_FOUND')
		if (input.courseId && !(await listInterventionCourses(tx, { tenantId: actor.tenantId })).some((course) => course.id === input.courseId))
			throw refusal('invalid', 'INTERVENTION_COURSE_UNKNOWN', { field: 'courseId' })
		const teams = new Set((await listUnitTeams(tx, { tenantId: actor.tenantId })).map((team) => team.managerId))
		const trained = [...new Set(input.teams)]
		if (trained.some((id) => !teams.has(id))) throw refusal('invalid', 'INTERVENTION_TEAM_UNKNOWN', { field: 'teams' })
		const { teams: _teams, ...rest } = input
		const fields = { ...rest, xapiVerbId: before?.xapiVerbId ?? null, xapiActivityPrefix: before?.xapiActivityPrefix ?? null }
		const at = ctx.clock.now()
		let id = interventionId
		const trainedBefore = id ? await listTrainedTeams(tx, { interventionId: id }) : []
		if (id) await updateIntervention(tx, { tenantId: actor.tenantId, interventionId: id, at, fields })
		else id = await insertIntervention(tx, { tenantId: actor.tenantId, createdBy: actor.userId, at, fields })
		await replaceTrainedTeams(tx, { tenantId: actor.tenantId, interventionId: id, managerIds: trained })
		await audit(ctx, tx, {
			actor,
			action: interventionId ? 'intervention.update' : 'intervention.create',
			objectType: 'intervention',
			objectId: id,
			before: before ? { ...fieldsOf(before), trainedTeams: trainedBefore } : null,
			after: { ...fields, trainedTeams: [...trained].sort() },
		})
		return { interventionId: id }
	})
}

function fieldsOf(intervention: Intervention) {
	const { name, courseId, description, firstMonth, lastMonth, monthsBefore, monthsAfter, measureName, better, xapiVerbId, xapiActivityPrefix } = intervention
	return { name, courseId, description, firstMonth, lastMonth, monthsBefore, monthsAfter, measureName, better, xapiVerbId, xapiActivityPrefix }
}
