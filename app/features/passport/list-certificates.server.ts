import { listCompetencies, listPendingUploads, listPersonUploads, type PendingUpload, type UploadSummary } from '@leerplein/db/passport'
import { can, holdsRole } from '@leerplein/domain'
import { inTenant, refuse, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/** The certificates the signed-in person sent in, newest first, with their decision. */
export async function listMyCertificates(ctx: ServiceContext, { actor }: { actor: Actor }): Promise<ServiceResult<UploadSummary[]>> {
	if (!can(actor, 'read', { kind: 'passport_upload', tenantId: actor.tenantId, userId: actor.userId, managerId: null })) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(ctx, actor, (tx) => listPersonUploads(tx, { tenantId: actor.tenantId, userId: actor.userId }))
}

/**
 * The certificates awaiting the actor's decision, oldest first: a coordinator sees their unit's,
 * a manager their team's; never their own. Each row is checked with the same rule as deciding.
 */
export async function listCertificatesToReview(ctx: ServiceContext, { actor }: { actor: Actor }): Promise<ServiceResult<PendingUpload[]>> {
	if (!can(actor, 'read', { kind: 'passport_upload_review', tenantId: actor.tenantId })) return refuse('forbidden', 'FORBIDDEN')
	// A coordinator reviews the whole unit; a manager who is not one, their team.
	const unit = holdsRole(actor, 'coordinator', actor.tenantId)
	return inTenant(ctx, actor, async (tx) => {
		const rows = await listPendingUploads(tx, { tenantId: actor.tenantId, managerId: unit ? null : actor.userId, exceptUserId: actor.userId })
		return rows.filter((row) => can(actor, 'approve', { kind: 'passport_upload', tenantId: actor.tenantId, userId: row.userId, managerId: row.managerId }))
	})
}

/** The competencies a certificate may be sent in for: the concern's active ones, by name. */
export async function listCertificateCompetencies(ctx: ServiceContext, { actor }: { actor: Actor }): Promise<ServiceResult<{ id: string; name: string; levels: string[] }[]>> {
	if (!can(actor, 'create', { kind: 'passport_upload', tenantId: actor.tenantId, userId: actor.userId, managerId: null })) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(ctx, actor, async (tx) => (await listCompetencies(tx)).filter((competency) => competency.active).map(({ id, name, levels }) => ({ id, name, levels })))
}
