import { getUploadFile } from '@leerplein/db/passport'
import { can } from '@leerplein/domain'
import { inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

export type CertificateFile = { fileName: string; contentType: string; content: Uint8Array }

/** The file of an upload, for the employee who sent it, their manager or their unit's coordinators; anyone else finds nothing. */
export async function openCertificate(ctx: ServiceContext, { actor, uploadId }: { actor: Actor; uploadId: string }): Promise<ServiceResult<CertificateFile>> {
	return inTenant(ctx, actor, async (tx) => {
		const file = await getUploadFile(tx, { uploadId })
		if (!file || !can(actor, 'read', { kind: 'passport_upload', tenantId: file.tenantId, userId: file.userId, managerId: file.managerId })) throw refusal('not_found', 'UPLOAD_NOT_FOUND')
		return { fileName: file.fileName, contentType: file.contentType, content: file.content }
	})
}
