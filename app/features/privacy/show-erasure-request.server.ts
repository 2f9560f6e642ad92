import { listErasureRequests, previewErasure, type ErasureLine, type ErasureRequestRow } from '@leerplein/db/privacy'
import { can, isUuid, type Actor } from '@leerplein/domain'
import { inTenant, refusal, refuse, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

export type ErasureRequestView = {
	request: ErasureRequestRow
	/** What approving would do, per register line with rows (open requests only). */
	preview: ErasureLine[] | null
	/** The officer asked for this one themselves: someone else decides (four eyes). */
	askedByMe: boolean
}

/** One request with its preview per register line: deleted, anonymised and kept rows, with the reason. */
export async function showErasureRequest(ctx: ServiceContext, { actor, requestId }: { actor: Actor; requestId: string }): Promise<ServiceResult<ErasureRequestView>> {
	if (!can(actor, 'read', { kind: 'erasure_request', personId: null })) return refuse('forbidden', 'FORBIDDEN')
	if (!isUuid(requestId)) return refuse('not_found', 'ERASURE_REQUEST_NOT_FOUND')
	return inTenant(
		ctx,
		actor,
		async (tx) => {
			const [request] = await listErasureRequests(tx, { requestId })
			if (!request) throw refusal('not_found', 'ERASURE_REQUEST_NOT_FOUND')
			const preview = request.status === 'requested' ? ((await previewErasure(tx, { personId: request.personId })) ?? []).filter((line) => line.rows > 0) : null
			return { request, preview, askedByMe: request.requestedBy === actor.userId }
		},
		{ readOnly: true },
	)
}
