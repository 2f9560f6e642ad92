import { findEvidencePerson, listPersonEvidence, type EvidenceRow } from '@leerplein/db/passport'
import { can } from '@leerplein/domain'
import { inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { readPassport, type PassportView } from './show-passport.server.ts'

export type PersonPassportView = PassportView & {
	person: { id: string; name: string }
	/** Every piece of their evidence, the revoked and superseded ones too, per competency. */
	evidence: EvidenceRow[]
	/** Whether the viewer may revoke or correct a piece (the unit's coordinators, never on their own). */
	mayChange: boolean
	/** Whether the viewer may add the person to a session of their own unit (its coordinators). */
	mayAddToSession: boolean
}

/**
 * One person's passport for their manager and their unit's coordinators (ADR 031, evidence on a
 * screen): the dots and history as on their own page, and every piece of evidence with its state.
 * Only the viewer's own unit is searched, so a person of another unit, or one the viewer may not
 * read (another manager's team member), is not found.
 */
export async function showPersonPassport(ctx: ServiceContext, { actor, userId }: { actor: Actor; userId: string }): Promise<ServiceResult<PersonPassportView>> {
	return inTenant(ctx, actor, async (tx) => {
		const person = await findEvidencePerson(tx, { tenantId: actor.tenantId, userId })
		if (!person || !can(actor, 'read', { kind: 'passport', tenantId: person.tenantId, userId: person.id, managerId: person.managerId })) {
			throw refusal('not_found', 'PASSPORT_PERSON_NOT_FOUND')
		}
		const passport = await readPassport(tx, { userId: person.id, viewerTenantId: actor.tenantId, now: ctx.clock.now() })
		return {
			...passport,
			person: { id: person.id, name: person.name },
			evidence: await listPersonEvidence(tx, { tenantId: person.tenantId, userId: person.id }),
			mayChange: can(actor, 'update', { kind: 'passport_evidence', tenantId: person.tenantId, userId: person.id }),
			mayAddToSession: can(actor, 'update', { kind: 'session', tenantId: actor.tenantId }),
		}
	})
}
