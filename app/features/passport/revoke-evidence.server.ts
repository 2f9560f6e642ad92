import { getEvidenceFacts, revokeEvidence as revokePiece } from '@leerplein/db/passport'
import { amsterdamDate, can, checkEvidenceChange } from '@leerplein/domain'
import { audit, inTenant, orRefuse, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/**
 * A coordinator of the person's unit revokes one piece of their evidence with a reason (ADR 031,
 * evidence on a screen): it stops counting, once and for good (the table's trigger keeps it so),
 * and is audit-logged with the reason. The evidence trigger marks the person and their dots are
 * settled before this transaction commits, so the page shows the new dot at once. A piece of
 * another unit, or of another person than `userId`, is not found; one no longer counting is a conflict.
 */
export async function revokeEvidence(
	ctx: ServiceContext,
	{ actor, userId, evidenceId, reason }: { actor: Actor; userId: string; evidenceId: string; reason: string },
): Promise<ServiceResult<{ evidenceId: string }>> {
	return inTenant(ctx, actor, async (tx) => {
		const piece = await getEvidenceFacts(tx, { evidenceId })
		if (!piece || piece.userId !== userId || piece.tenantId !== actor.tenantId || !can(actor, 'update', { kind: 'passport_evidence', tenantId: piece.tenantId, userId: piece.userId })) {
			throw refusal('not_found', 'EVIDENCE_NOT_FOUND')
		}
		const now = ctx.clock.now()
		orRefuse(checkEvidenceChange(piece, { kind: 'revoke' }, { today: amsterdamDate(now) }), 'conflict')
		// Someone else revoked or corrected it between our read and our write.
		if (!(await revokePiece(tx, { evidenceId, revokedBy: actor.userId, revokedAt: now, reason }))) throw refusal('conflict', 'EVIDENCE_ALREADY_REVOKED')
		await audit(ctx, tx, {
			actor,
			action: 'passport.evidence.revoke',
			objectType: 'passport_evidence',
			objectId: evidenceId,
			before: { revoked: false },
			after: { revoked: true, reason, userId: piece.userId, competencyId: piece.competencyId, sourceKind: piece.sourceKind, occurredOn: piece.occurredOn },
		})
		return { evidenceId }
	})
}
