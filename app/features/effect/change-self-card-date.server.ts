import { getSelfCard, setSelfCardReturnDate } from '@leerplein/db/effect'
import { checkSelfCardReturnDate } from '@leerplein/domain'
import { audit, inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { RETURN_DATE_ERRORS } from './card-schema.ts'

/** The person moves the day their card comes back (ADR 042): not before today, at most twelve months on, and only while it has not been mailed. */
export async function changeSelfCardReturnDate(
	ctx: ServiceContext,
	{ actor, enrolmentId, returnOn }: { actor: Actor; enrolmentId: string; returnOn: string },
): Promise<ServiceResult<{ returnOn: string }>> {
	return inTenant(ctx, actor, async (tx) => {
		// Someone else's card is not found before anything is said about the day.
		const card = await getSelfCard(tx, { tenantId: actor.tenantId, userId: actor.userId, enrolmentId })
		if (!card) throw refusal('not_found', 'SELF_CARD_NOT_FOUND')
		const chosen = checkSelfCardReturnDate(returnOn, ctx.clock.now())
		if (!chosen.ok) throw refusal('invalid', RETURN_DATE_ERRORS[chosen.code], { field: 'returnOn' })
		if (!(await setSelfCardReturnDate(tx, { tenantId: actor.tenantId, userId: actor.userId, cardId: card.id, returnOn: chosen.value }))) throw refusal('conflict', 'SELF_CARD_MAILED')
		await audit(ctx, tx, { actor, action: 'self_card.return_date_changed', objectType: 'self_card', objectId: card.id })
		return { returnOn: chosen.value }
	})
}
