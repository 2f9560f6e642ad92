import { getEvidenceFacts, supersedeEvidence } from '@leerplein/db/passport'
import { amsterdamDate, can, checkEvidenceChange } from '@leerplein/domain'
import { audit, inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/**
 * A coordinator of the person's unit corrects the day of one piece of their evidence (an import
 * with the wrong date; ADR 031, evidence on a screen): in one transaction a new piece of the same
 * source kind and level on the corrected day (reference `correction:<old id>`, carrying the reason,
 * who and when) and the old one superseded by it, audit-logged with the reason. The corrected day may not lie ahead (service clock, Amsterdam
 * day) nor equal the old one: refused beside the field. The dots are settled before commit, as for
 * any evidence. Another unit's piece is not found; one no longer counting is a conflict.
 */
export async function correctEvidence(
	ctx: ServiceContext,
	{ actor, userId, evidenceId, occurredOn, reason }: { actor: Actor; userId: string; evidenceId: string; occurredOn: string; reason: string },
): Promise<ServiceResult<{ evidenceId: string }>> {
	return inTenant(ctx, actor, async (tx) => {
		const piece = await getEvidenceFacts(tx, { evidenceId })
		if (!piece || piece.userId !== userId || piece.tenantId !== actor.tenantId || !can(actor, 'update', { kind: 'passport_evidence', tenantId: piece.tenantId, userId: piece.userId })) {
			throw refusal('not_found', 'EVIDENCE_NOT_FOUND')
		}
		const checked = checkEvidenceChange(piece, { kind: 'correct', occurredOn }, { today: amsterdamDate(ctx.clock.now()) })
		if (!checked.ok) {
			const onTheDay = checked.code === 'EVIDENCE_DAY_FUTURE' || checked.code === 'EVIDENCE_DAY_UNCHANGED'
			throw onTheDay ? refusal('invalid', checked.code, { field: 'occurredOn' }) : refusal('conflict', checked.code)
		}
		// Noon UTC is the same day in Amsterdam, summer and winter.
		const correctionId = await supersedeEvidence(tx, {
			old: piece,
			occurredOn,
			occurredAt: new Date(`${occurredOn}T12:00:00Z`),
			recordedBy: actor.userId,
			recordedAt: ctx.clock.now(),
			reason,
		})
		// Someone else revoked or corrected it between our read and our write; the new piece goes with the rollback.
		if (!correctionId) throw refusal('conflict', 'EVIDENCE_ALREADY_SUPERSEDED')
		await audit(ctx, tx, {
			actor,
			action: 'passport.evidence.supersede',
			objectType: 'passport_evidence',
			objectId: evidenceId,
			before: { occurredOn: piece.occurredOn, supersededBy: null },
			after: { occurredOn, supersededBy: correctionId, reason, userId: piece.userId, competencyId: piece.competencyId, sourceKind: piece.sourceKind },
		})
		return { evidenceId: correctionId }
	})
}
