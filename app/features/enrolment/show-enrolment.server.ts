import { getEnrolmentForAction, getSessionForEnrolment, type SessionForEnrolment } from '@leerplein/db/enrolment'
import { can, cancellationTerms, type Actor, type CancellationTerms, type EnrolmentStatus } from '@leerplein/domain'
import { inTenant, refusal, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { enrolmentResource, rulesOf } from './enrolment-support.server.ts'

export type ShownEnrolment = {
	/** `own`: the asker's own; `cancellable`: the asker may cancel it (the same `can()` as cancelEnrolment). */
	enrolment: { id: string; status: EnrolmentStatus; own: boolean; cancellable: boolean }
	session: SessionForEnrolment
	terms: CancellationTerms
	freeCancellationDays: number
	/** What the enrolment costs the budget: nothing to give back when it is 0. */
	priceCents: number
	/** Free cancellation granted after the provider changed the session (ADR 029), while it lasts. */
	freeCancellationUntil: Date | null
}

/** One enrolment the actor may read, with its session and what cancelling would cost now. */
export async function showEnrolment(ctx: ServiceContext, { actor, enrolmentId }: { actor: Actor; enrolmentId: string }): Promise<ServiceResult<ShownEnrolment>> {
	const now = ctx.clock.now()
	return inTenant(ctx, actor, async (tx) => {
		const enrolment = await getEnrolmentForAction(tx, { enrolmentId })
		if (!enrolment || !can(actor, 'read', enrolmentResource(enrolment))) throw refusal('not_found', 'ENROLMENT_NOT_FOUND')
		const session = await getSessionForEnrolment(tx, { sessionId: enrolment.sessionId })
		if (!session) throw refusal('not_found', 'ENROLMENT_NOT_FOUND')
		const rules = await rulesOf(tx, {}, session.providerPoOverrides)
		return {
			enrolment: { id: enrolment.id, status: enrolment.status, own: enrolment.userId === actor.userId, cancellable: can(actor, 'delete', enrolmentResource(enrolment)) },
			session,
			terms: cancellationTerms(rules, { startsAt: session.startsAt, now, freeUntil: enrolment.freeCancellationUntil }),
			freeCancellationDays: rules.providingUnit.freeCancellationDays,
			priceCents: enrolment.priceCents,
			freeCancellationUntil: enrolment.freeCancellationUntil && enrolment.freeCancellationUntil.getTime() > now.getTime() ? enrolment.freeCancellationUntil : null,
		}
	})
}
