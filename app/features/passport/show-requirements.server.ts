import { searchUnitPeople } from '@leerplein/db/tenants'
import { listCompetencies, listPersonRequirements, listRequirements, listUnitJobProfiles, type PersonRequirementRow, type RequirementRow } from '@leerplein/db/passport'
import { can } from '@leerplein/domain'
import { inTenant, refuse, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

export type UnitRequirements = {
	/** The concern's (tenantId null, read-only here) and the unit's own, active. */
	requirements: RequirementRow[]
	personRequirements: PersonRequirementRow[]
	jobProfiles: { id: string; name: string }[]
	/** The competencies a new requirement may name: the active ones. */
	competencies: { id: string; name: string; levels: string[] }[]
	/** The people of the unit the search found (none without a search). */
	people: { id: string; name: string; email: string }[]
}

/** The requirement screen of a coordinator's unit: what applies there, and what they may choose from. */
export async function showUnitRequirements(ctx: ServiceContext, { actor, query }: { actor: Actor; query: string }): Promise<ServiceResult<UnitRequirements>> {
	if (!can(actor, 'read', { kind: 'unit_requirements', tenantId: actor.tenantId })) return refuse('forbidden', 'FORBIDDEN')
	const tenantId = actor.tenantId
	return inTenant(ctx, actor, async (tx) => ({
		requirements: await listRequirements(tx, { tenantId }),
		personRequirements: await listPersonRequirements(tx, { tenantId }),
		jobProfiles: await listUnitJobProfiles(tx, { tenantId }),
		competencies: (await listCompetencies(tx)).filter((competency) => competency.active).map(({ id, name, levels }) => ({ id, name, levels })),
		people: query.trim().length >= 2 ? await searchUnitPeople(tx, { tenantId, query: query.trim() }) : [],
	}))
}

/** The concern administrator's requirement screen: the concern's requirements and the active competencies. */
export async function showConcernRequirements(ctx: ServiceContext, { actor }: { actor: Actor }): Promise<ServiceResult<Pick<UnitRequirements, 'requirements' | 'competencies'>>> {
	if (!can(actor, 'read', { kind: 'concern_requirements' })) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(ctx, actor, async (tx) => ({
		requirements: await listRequirements(tx, { tenantId: null }),
		competencies: (await listCompetencies(tx)).filter((competency) => competency.active).map(({ id, name, levels }) => ({ id, name, levels })),
	}))
}
