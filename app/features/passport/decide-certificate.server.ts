import { decidePassportUpload, getUploadFacts, insertUploadEvidence } from '@leerplein/db/passport'
import { can } from '@leerplein/domain'
import { audit, inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

export type CertificateDecision = { kind: 'approve' } | { kind: 'reject'; reason: string }

/**
 * The employee's manager or a coordinator of their unit decides on a pending certificate (ADR 031,
 * uploads). Approving writes `upload` evidence counting from the day obtained; the evidence
 * trigger marks the person and their dots are settled before this transaction commits, so the
 * dot is green when this returns. Rejecting records the reason the employee reads. Both are
 * audit-logged. An upload the actor may not decide on is not found (it may be another unit's);
 * one decided already is a conflict.
 */
export async function decideCertificate(
	ctx: ServiceContext,
	{ actor, uploadId, decision }: { actor: Actor; uploadId: string; decision: CertificateDecision },
): Promise<ServiceResult<{ status: 'approved' | 'rejected' }>> {
	return inTenant(ctx, actor, async (tx) => {
		const upload = await getUploadFacts(tx, { uploadId })
		if (!upload || !can(actor, 'approve', { kind: 'passport_upload', tenantId: upload.tenantId, userId: upload.userId, managerId: upload.managerId })) {
			throw refusal('not_found', 'UPLOAD_NOT_FOUND')
		}
		if (upload.status !== 'pending') throw refusal('conflict', 'UPLOAD_ALREADY_DECIDED')
		const now = ctx.clock.now()
		const evidenceId =
			decision.kind === 'approve'
				? await insertUploadEvidence(tx, {
						uploadId,
						tenantId: upload.tenantId,
						userId: upload.userId,
						competencyId: upload.competencyId,
						obtainedOn: upload.obtainedOn,
						level: upload.level,
						// Noon UTC is the same day in Amsterdam, summer and winter.
						occurredAt: new Date(`${upload.obtainedOn}T12:00:00Z`),
						recordedBy: actor.userId,
					})
				: null
		const status = decision.kind === 'approve' ? 'approved' : 'rejected'
		const decided = await decidePassportUpload(tx, { uploadId, status, decidedBy: actor.userId, decidedAt: now, reason: decision.kind === 'reject' ? decision.reason : null, evidenceId })
		// Someone else decided between our read and our write.
		if (!decided) throw refusal('conflict', 'UPLOAD_ALREADY_DECIDED')
		await audit(ctx, tx, {
			actor,
			action: decision.kind === 'approve' ? 'passport_upload.approve' : 'passport_upload.reject',
			objectType: 'passport_upload',
			objectId: uploadId,
			before: { status: 'pending' },
			after: { status, userId: upload.userId, competencyId: upload.competencyId, ...(evidenceId ? { evidenceId } : { reason: decision.kind === 'reject' ? decision.reason : null }) },
		})
		return { status }
	})
}
