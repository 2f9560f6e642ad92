import { getEnrolmentForSelfCard, insertSelfCard } from '@leerplein/db/effect'
import { checkSelfCardActions, checkSelfCardReturnDate, defaultSelfCardReturnDate } from '@leerplein/domain'
import { audit, inTenant, refuse, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { RETURN_DATE_ERRORS, SELF_CARD_ERRORS } from './card-schema.ts'

/**
 * The signed-in person writes their card to self for an enrolment they attended or completed,
 * once (ADR 042): one to five actions, and the day it comes back (three months on unless they
 * chose another, between today and twelve months on). The audit row says a card was written,
 * never what is on it.
 */
export async function writeSelfCard(
	ctx: ServiceContext,
	{ actor, enrolmentId, actions, returnOn }: { actor: Actor; enrolmentId: string; actions: readonly (string | undefined)[]; returnOn?: string | undefined },
): Promise<ServiceResult<{ cardId: string }>> {
	const now = ctx.clock.now()
	const checked = checkSelfCardActions(actions)
	if (!checked.ok) {
		const [field, error] = Object.entries(checked.errors)[0]!
		return refuse('invalid', SELF_CARD_ERRORS[error], field === 'form' ? {} : { field })
	}
	let day = defaultSelfCardReturnDate(now)
	if (returnOn !== undefined && returnOn.trim() !== '') {
		const chosen = checkSelfCardReturnDate(returnOn, now)
		if (!chosen.ok) return refuse('invalid', RETURN_DATE_ERRORS[chosen.code], { field: 'returnOn' })
		day = chosen.value
	}
	return inTenant(ctx, actor, async (tx) => {
		const enrolment = await getEnrolmentForSelfCard(tx, { tenantId: actor.tenantId, userId: actor.userId, enrolmentId })
		if (!enrolment) throw refusal('not_found', 'SELF_CARD_NOT_FOUND')
		if (enrolment.status !== 'attended' && enrolment.status !== 'completed') throw refusal('conflict', 'SELF_CARD_NOT_ATTENDED')
		const cardId = await insertSelfCard(tx, {
			tenantId: actor.tenantId,
			userId: actor.userId,
			enrolmentId,
			courseId: enrolment.courseId,
			sessionId: enrolment.sessionId,
			createdAt: now,
			returnOn: day,
			actions: checked.value,
		})
		if (!cardId) throw refusal('conflict', 'SELF_CARD_WRITTEN')
		await audit(ctx, tx, { actor, action: 'self_card.written', objectType: 'self_card', objectId: cardId })
		return { cardId }
	})
}
