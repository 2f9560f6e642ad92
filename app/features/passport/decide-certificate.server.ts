import { decidePassportUpload, getUploadFacts, insertUploadEvidence } from '@leerplein/db/passport'
import { can } from '@leerplein/domain'
import { audit, inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/**
 * `level` on approval: the level the evidence carries, on a competency with levels; null: none
 * (the lowest); absent: the one the employee claimed (which the page proposes).
 */
export type CertificateDecision = { kind: 'approve'; level?: number | null } | { kind: 'reject'; reason: string }

/**
 * The employee's manager or a coordinator of their unit decides on a pending certificate (ADR 031,
 * uploads). Approving writes `upload` evidence counting from the day obtained; the evidence
 * trigger marks the person and their dots are settled before this transaction commits, so the
 * dot is green when this returns. The approver sets the level the evidence carries (the page
 * proposes the one the employee claimed); a level the competency lacks is refused beside the
 * level field, before anything is written. Rejecting records the reason the employee reads. Both are
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
		const level = decision.kind === 'approve' ? (decision.level === undefined ? upload.level : decision.level) : null
		// A level the competency lacks, beside the level (the evidence table's trigger stands behind this).
		if (level !== null && upload.levels.length === 0) throw refusal('invalid', 'LEVEL_WITHOUT_LEVELS', { field: 'level' })
		if (level !== null && level > upload.levels.length) throw refusal('invalid', 'LEVEL_INVALID', { field: 'level' })
		const now = ctx.clock.now()
		const evidenceId =
			decision.kind === 'approve'
				? await insertUploadEvidence(tx, {
						uploadId,
						tenantId: upload.tenantId,
						userId: upload.userId,
						competencyId: upload.competencyId,
						obtainedOn: upload.obtainedOn,
						level,
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
			after: {
				status,
				userId: upload.userId,
				competencyId: upload.competencyId,
				...(evidenceId ? { evidenceId, level, claimedLevel: upload.level } : { reason: decision.kind === 'reject' ? decision.reason : null }),
			},
		})
		return { status }
	})
}
