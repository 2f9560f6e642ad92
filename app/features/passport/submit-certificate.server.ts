import { enqueueMail } from '@leerplein/db/jobs'
import { activeCompetencyLevels, findActiveManager, insertPassportUpload } from '@leerplein/db/passport'
import { amsterdamDate, can, checkCertificateFile, checkObtainedOn } from '@leerplein/domain'
import { audit, inTenant, refuse, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

export type CertificateInput = {
	competencyId: string
	/** The Amsterdam day on the certificate, YYYY-MM-DD. */
	obtainedOn: string
	/** The level the certificate states, on a competency with levels; null or absent: the lowest. */
	level?: number | null
	note: string
	file: { name: string; bytes: Uint8Array }
}

/**
 * An employee sends in a certificate for one of the concern's active competencies (ADR 031,
 * uploads): a PDF, PNG or JPEG by its first bytes, at most 5 MB, obtained today or earlier. It is
 * stored pending in their unit, audit-logged without its content; nothing counts until their
 * manager or a coordinator approves it. In the same transaction a mail to their manager (active,
 * in the unit) is queued: a certificate awaits review. A refusal names its field and stores nothing.
 */
export async function submitCertificate(ctx: ServiceContext, { actor, ...input }: { actor: Actor } & CertificateInput): Promise<ServiceResult<{ uploadId: string }>> {
	if (!can(actor, 'create', { kind: 'passport_upload', tenantId: actor.tenantId, userId: actor.userId, managerId: null })) return refuse('forbidden', 'FORBIDDEN')
	const type = checkCertificateFile({ size: input.file.bytes.byteLength, head: input.file.bytes.subarray(0, 16) })
	if (!type.ok) return refuse('invalid', type.code, { field: 'certificate' })
	const day = checkObtainedOn(input.obtainedOn, { today: amsterdamDate(ctx.clock.now()) })
	if (!day.ok) return refuse('invalid', day.code, { field: 'obtainedOn' })
	return inTenant(ctx, actor, async (tx) => {
		const levels = await activeCompetencyLevels(tx, { competencyId: input.competencyId })
		if (!levels) throw refusal('invalid', 'COMPETENCY_NOT_FOUND', { field: 'competencyId' })
		const level = input.level ?? null
		// A level the competency lacks, beside the level (the table's trigger stands behind this).
		if (level !== null && levels.length === 0) throw refusal('invalid', 'LEVEL_WITHOUT_LEVELS', { field: 'level' })
		if (level !== null && level > levels.length) throw refusal('invalid', 'LEVEL_INVALID', { field: 'level' })
		const fileName = input.file.name.trim().slice(0, 255) || 'certificaat'
		const uploadId = await insertPassportUpload(tx, {
			tenantId: actor.tenantId,
			userId: actor.userId,
			competencyId: input.competencyId,
			obtainedOn: day.value,
			level,
			note: input.note,
			fileName,
			contentType: type.value,
			content: input.file.bytes,
		})
		await audit(ctx, tx, {
			actor,
			action: 'passport_upload.create',
			objectType: 'passport_upload',
			objectId: uploadId,
			after: { competencyId: input.competencyId, obtainedOn: day.value, level, fileName, contentType: type.value, byteSize: input.file.bytes.byteLength },
		})
		// Queued with the upload, so no mail without an upload and no upload without its mail (ADR 012).
		const managerId = await findActiveManager(tx, { userId: actor.userId })
		if (managerId) {
			await enqueueMail(tx, { kind: 'certificate_submitted', tenantId: actor.tenantId, uploadId, recipientUserId: managerId, messageKey: `certificate_submitted:${uploadId}:${managerId}` })
		}
		return { uploadId }
	})
}
