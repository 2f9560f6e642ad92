import { findPersonByEmployeeNumber, getOwnOpenErasureRequest, insertErasureRequest } from '@leerplein/db/privacy'
import { can, type Actor } from '@leerplein/domain'
import { audit, inTenant, refusal, refuse, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/** Whose erasure is asked: the actor's own, or a person of a unit by employee number (the privacy officer, on their behalf). */
export type ErasureSubject = { self: true } | { self: false; unitId: string; employeeNumber: string }

/**
 * Records a request to erase a person (GDPR art. 17; ADR 054) for the privacy officer's queue.
 * Asking again while a request is open is that same request. Audited without the person's name:
 * the request's id and who asked.
 */
export async function requestErasure(ctx: ServiceContext, { actor, subject }: { actor: Actor; subject: ErasureSubject }): Promise<ServiceResult<{ requestId: string | null }>> {
	if (subject.self ? !can(actor, 'create', { kind: 'erasure_request', personId: actor.userId }) : !can(actor, 'create', { kind: 'erasure_request', personId: null }))
		return refuse('forbidden', 'FORBIDDEN')
	return inTenant(ctx, actor, async (tx) => {
		const personId = subject.self ? actor.userId : await findPersonByEmployeeNumber(tx, { tenantId: subject.unitId, employeeNumber: subject.employeeNumber })
		if (!personId) throw refusal('invalid', 'ERASURE_PERSON_NOT_FOUND', { field: 'employeeNumber' })
		const tenantId = subject.self ? actor.tenantId : subject.unitId
		const requestId = await insertErasureRequest(tx, { tenantId, personId, requestedBy: actor.userId, now: ctx.clock.now() })
		if (requestId) await audit(ctx, tx, { actor, tenantId: subject.self ? actor.tenantId : null, action: 'privacy.erasure_requested', objectType: 'erasure_request', objectId: requestId, after: { self: subject.self } })
		return { requestId: requestId ?? (subject.self ? ((await getOwnOpenErasureRequest(tx, { personId }))?.id ?? null) : null) }
	})
}
