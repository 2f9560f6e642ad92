import { declineErasureRequest, eraseByRequest, listErasureRequests, type ErasureCounts } from '@leerplein/db/privacy'
import { can, isUuid, type Actor } from '@leerplein/domain'
import { audit, inTenant, refusal, refuse, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

export type ErasureDecision = { approve: true } | { approve: false; reason: string }

/**
 * The privacy officer decides an open request (ADR 054). Approving erases the person through the
 * register (`privacy_erase`) in this one transaction; declining records the reason. Never by the
 * officer who asked on the person's behalf (four eyes). Audited in the concern's trail with who
 * asked, who decided and the counts — never the person's name.
 */
export async function decideErasure(
	ctx: ServiceContext,
	{ actor, requestId, decision }: { actor: Actor; requestId: string; decision: ErasureDecision },
): Promise<ServiceResult<{ counts: ErasureCounts | null }>> {
	if (!can(actor, 'approve', { kind: 'erasure_request', personId: null })) return refuse('forbidden', 'FORBIDDEN')
	if (!isUuid(requestId)) return refuse('not_found', 'ERASURE_REQUEST_NOT_FOUND')
	return inTenant(ctx, actor, async (tx) => {
		const [request] = await listErasureRequests(tx, { requestId })
		if (!request) throw refusal('not_found', 'ERASURE_REQUEST_NOT_FOUND')
		if (request.status !== 'requested') throw refusal('conflict', 'ERASURE_ALREADY_DECIDED')
		if (request.requestedBy === actor.userId) throw refusal('conflict', 'ERASURE_FOUR_EYES')
		const now = ctx.clock.now()
		const entry = { actor, tenantId: null, objectType: 'erasure_request', objectId: requestId }
		if (!decision.approve) {
			if (!(await declineErasureRequest(tx, { requestId, decidedBy: actor.userId, reason: decision.reason, now }))) throw refusal('conflict', 'ERASURE_ALREADY_DECIDED')
			await audit(ctx, tx, { ...entry, action: 'privacy.erasure_declined', after: { requestedBy: request.requestedBy, requestedAt: request.requestedAt, reason: decision.reason } })
			return { counts: null }
		}
		const counts = await eraseByRequest(tx, { requestId, now })
		// Another officer decided it between our read and the function's lock.
		if (!counts) throw refusal('conflict', 'ERASURE_ALREADY_DECIDED')
		await audit(ctx, tx, { ...entry, action: 'privacy.erasure_approved', after: { requestedBy: request.requestedBy, requestedAt: request.requestedAt, approvedAt: now, counts } })
		return { counts }
	})
}
