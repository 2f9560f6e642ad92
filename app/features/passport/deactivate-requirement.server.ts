import { deactivatePersonRequirement as storeDeactivatedPerson, deactivateRequirement, getPersonRequirement, getRequirement, requirementPeople } from '@leerplein/db/passport'
import { can } from '@leerplein/domain'
import { audit, inTenant, refuse, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { enqueueEveryUnit, recomputeRequirementPeople } from './add-requirement.server.ts'

// Deactivating a requirement (ADR 031, requirement screens): never a delete, so the history keeps
// naming it. A requirement of another unit, or the concern's on a unit's page, is not found.

/** Deactivates one of the unit's own requirements; audited, the people it touched recomputed before commit. */
export async function deactivateUnitRequirement(ctx: ServiceContext, { actor, requirementId }: { actor: Actor; requirementId: string }): Promise<ServiceResult<{ changedPeople: number }>> {
	const tenantId = actor.tenantId
	if (!can(actor, 'delete', { kind: 'unit_requirements', tenantId })) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(ctx, actor, async (tx) => {
		const before = await getRequirement(tx, { requirementId })
		if (!before || before.tenantId !== tenantId || !(await deactivateRequirement(tx, { requirementId, tenantId }))) throw refusal('not_found', 'REQUIREMENT_NOT_FOUND')
		const changedPeople = await recomputeRequirementPeople(ctx, tx, { tenantId, userIds: await requirementPeople(tx, { tenantId, jobProfileId: before.jobProfileId, jobProfileName: null }) })
		await audit(ctx, tx, { actor, action: 'passport.requirement.deactivate', objectType: 'competency_requirement', objectId: requirementId, before, after: { ...before, active: false, changedPeople } })
		return { changedPeople }
	})
}

/** Deactivates one of the unit's person requirements; audited, that person recomputed before commit. */
export async function deactivatePersonRequirement(ctx: ServiceContext, { actor, id }: { actor: Actor; id: string }): Promise<ServiceResult<{ changedPeople: number }>> {
	const tenantId = actor.tenantId
	if (!can(actor, 'delete', { kind: 'unit_requirements', tenantId })) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(ctx, actor, async (tx) => {
		const before = await getPersonRequirement(tx, { tenantId, id })
		if (!before || !(await storeDeactivatedPerson(tx, { tenantId, id }))) throw refusal('not_found', 'REQUIREMENT_NOT_FOUND')
		const changedPeople = await recomputeRequirementPeople(ctx, tx, { tenantId, userIds: [before.userId] })
		await audit(ctx, tx, { actor, action: 'passport.person_requirement.deactivate', objectType: 'person_requirement', objectId: id, before, after: { ...before, active: false, changedPeople } })
		return { changedPeople }
	})
}

/** Deactivates one of the concern's requirements; audited as a concern act, every unit's recompute enqueued. */
export async function deactivateConcernRequirement(ctx: ServiceContext, { actor, requirementId }: { actor: Actor; requirementId: string }): Promise<ServiceResult<{ queuedUnits: number }>> {
	if (!can(actor, 'delete', { kind: 'concern_requirements' })) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(ctx, actor, async (tx) => {
		const before = await getRequirement(tx, { requirementId })
		if (!before || before.tenantId !== null || !(await deactivateRequirement(tx, { requirementId, tenantId: null }))) throw refusal('not_found', 'REQUIREMENT_NOT_FOUND')
		const queuedUnits = await enqueueEveryUnit(tx, requirementId)
		await audit(ctx, tx, { actor, tenantId: null, action: 'passport.requirement.deactivate', objectType: 'competency_requirement', objectId: requirementId, before, after: { ...before, active: false, queuedUnits } })
		return { queuedUnits }
	})
}
