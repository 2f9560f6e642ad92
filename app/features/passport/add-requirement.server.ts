import type { Database } from '@leerplein/db'
import { enqueuePassportRequirementRecompute } from '@leerplein/db/jobs'
import {
	countPeopleRecomputedNow,
	findCompetency,
	findUnitPerson,
	getRequirement,
	insertPersonRequirement,
	insertRequirement,
	listUnitJobProfiles,
	recomputePassports,
	requirementPeople,
} from '@leerplein/db/passport'
import { listTenants } from '@leerplein/db/tenants'
import { amsterdamDate, can } from '@leerplein/domain'
import { audit, inTenant, refuse, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

// Adding a requirement (ADR 031, requirement screens). A unit's own and a person requirement
// recompute the people they touch in the same transaction, so the coordinator sees how many dots
// changed when the page returns; the concern's enqueues one recompute per unit in the transaction
// that adds it, which the job worker runs within seconds.

/** `minLevel`: the lowest level that meets it, on a competency with levels; null: any evidence. */
export type RequirementTerms = { competencyId: string; introducedOn: string; graceDays: number; minLevel?: number | null }

/**
 * The competency must exist and be in use, and a minimum level must be one of its levels: beside
 * the competency or the level field otherwise (the table's trigger stands behind the level).
 */
async function requireActiveCompetency(tx: Database, { competencyId, minLevel }: Pick<RequirementTerms, 'competencyId' | 'minLevel'>): Promise<void> {
	const competency = await findCompetency(tx, { competencyId })
	if (!competency) throw refusal('invalid', 'COMPETENCY_NOT_FOUND', { field: 'competencyId' })
	if (!competency.active) throw refusal('invalid', 'COMPETENCY_INACTIVE', { field: 'competencyId' })
	if (minLevel == null) return
	if (competency.levels.length === 0) throw refusal('invalid', 'LEVEL_WITHOUT_LEVELS', { field: 'minLevel' })
	if (minLevel > competency.levels.length) throw refusal('invalid', 'LEVEL_INVALID', { field: 'minLevel' })
}

/**
 * Recomputes, in this transaction and in the unit's context, the people a change touches (all of
 * the unit when `userIds` is null) and says how many had a dot changed.
 */
export async function recomputeRequirementPeople(ctx: Pick<ServiceContext, 'clock'>, tx: Database, { tenantId, userIds }: { tenantId: string; userIds: string[] | null }): Promise<number> {
	await recomputePassports(tx, { tenantId, ...(userIds ? { userIds } : {}), today: amsterdamDate(ctx.clock.now()), trigger: 'requirement' })
	return countPeopleRecomputedNow(tx, { tenantId })
}

/** A requirement of the coordinator's unit, for everyone there or one of its own job profiles; audited, dots recomputed before commit. */
export async function addUnitRequirement(
	ctx: ServiceContext,
	{ actor, jobProfileId, ...terms }: { actor: Actor; jobProfileId: string | null } & RequirementTerms,
): Promise<ServiceResult<{ id: string; changedPeople: number }>> {
	const tenantId = actor.tenantId
	if (!can(actor, 'create', { kind: 'unit_requirements', tenantId })) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(ctx, actor, async (tx) => {
		await requireActiveCompetency(tx, terms)
		// Another unit's job profile is not one to choose (and the composite key would refuse it).
		if (jobProfileId !== null && !(await listUnitJobProfiles(tx, { tenantId })).some((profile) => profile.id === jobProfileId)) {
			throw refusal('invalid', 'JOB_PROFILE_NOT_FOUND', { field: 'jobProfileId' })
		}
		const id = await insertRequirement(tx, { tenantId, jobProfileId, jobProfileName: null, ...terms, createdBy: actor.userId })
		const changedPeople = await recomputeRequirementPeople(ctx, tx, { tenantId, userIds: await requirementPeople(tx, { tenantId, jobProfileId, jobProfileName: null }) })
		await audit(ctx, tx, { actor, action: 'passport.requirement.create', objectType: 'competency_requirement', objectId: id, before: null, after: { tenantId, jobProfileId, ...terms, changedPeople } })
		return { id, changedPeople }
	})
}

/** A requirement of the unit on one of its people, with the reason; audited, their dots recomputed before commit. */
export async function addPersonRequirement(
	ctx: ServiceContext,
	{ actor, userId, reason, ...terms }: { actor: Actor; userId: string; reason: string | null } & RequirementTerms,
): Promise<ServiceResult<{ id: string; changedPeople: number }>> {
	const tenantId = actor.tenantId
	if (!can(actor, 'create', { kind: 'unit_requirements', tenantId })) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(ctx, actor, async (tx) => {
		if (!(await findUnitPerson(tx, { tenantId, userId }))) throw refusal('invalid', 'PERSON_NOT_IN_UNIT', { field: 'userId' })
		await requireActiveCompetency(tx, terms)
		const id = await insertPersonRequirement(tx, { tenantId, userId, reason, ...terms, createdBy: actor.userId })
		const changedPeople = await recomputeRequirementPeople(ctx, tx, { tenantId, userIds: [userId] })
		await audit(ctx, tx, { actor, action: 'passport.person_requirement.create', objectType: 'person_requirement', objectId: id, before: null, after: { tenantId, userId, reason, ...terms, changedPeople } })
		return { id, changedPeople }
	})
}

/**
 * A requirement of the concern, for everyone or the job profiles of one name in every unit;
 * audited as a concern act. Every unit's recompute is a job enqueued in this transaction.
 */
export async function addConcernRequirement(
	ctx: ServiceContext,
	{ actor, jobProfileName, ...terms }: { actor: Actor; jobProfileName: string | null } & RequirementTerms,
): Promise<ServiceResult<{ id: string; queuedUnits: number }>> {
	if (!can(actor, 'create', { kind: 'concern_requirements' })) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(ctx, actor, async (tx) => {
		await requireActiveCompetency(tx, terms)
		const id = await insertRequirement(tx, { tenantId: null, jobProfileId: null, jobProfileName, ...terms, createdBy: actor.userId })
		const queuedUnits = await enqueueEveryUnit(tx, id)
		await audit(ctx, tx, { actor, tenantId: null, action: 'passport.requirement.create', objectType: 'competency_requirement', objectId: id, before: null, after: { tenantId: null, jobProfileName, ...terms, queuedUnits } })
		return { id, queuedUnits }
	})
}

/** One recompute job per unit for the concern's requirement `requirementId`; returns how many. */
export async function enqueueEveryUnit(tx: Database, requirementId: string): Promise<number> {
	const units = await listTenants(tx)
	for (const unit of units) await enqueuePassportRequirementRecompute(tx, { tenantId: unit.id, requirementId })
	return units.length
}

/**
 * The job of a concern requirement's change in one unit (`actor: null`, in the unit's context):
 * recomputes the people it touches there, whether it was added or deactivated.
 */
export async function recomputeUnitForConcernRequirement(ctx: ServiceContext, { tenantId, requirementId }: { tenantId: string; requirementId: string }): Promise<ServiceResult<{ changedPeople: number }>> {
	return inTenant(ctx, { tenantId, userId: null }, async (tx) => {
		const requirement = await getRequirement(tx, { requirementId })
		if (!requirement || requirement.tenantId !== null) throw refusal('not_found', 'REQUIREMENT_NOT_FOUND')
		const userIds = await requirementPeople(tx, { tenantId, jobProfileId: null, jobProfileName: requirement.jobProfileName })
		return { changedPeople: await recomputeRequirementPeople(ctx, tx, { tenantId, userIds }) }
	})
}
