import { getEnrolmentForSelfCard, getSelfCard, type SelfCard, type SelfCardEnrolment } from '@leerplein/db/effect'
import { defaultSelfCardReturnDate, selfCardIsDue } from '@leerplein/domain'
import { inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

export type SelfCardPage = {
	enrolment: SelfCardEnrolment
	/** Null while none is written; then `defaultReturnOn` is the day the form proposes. */
	card: SelfCard | null
	defaultReturnOn: string
	/** Whether the card is back, so its person may say what became of each action. */
	due: boolean
}

/**
 * The signed-in person's card to self for one of their own enrolments (ADR 042), or what they need
 * to write one. Someone else's enrolment is not found, in their unit or any other; a card is
 * written only for an attended or completed enrolment.
 */
export async function showSelfCard(ctx: ServiceContext, { actor, enrolmentId }: { actor: Actor; enrolmentId: string }): Promise<ServiceResult<SelfCardPage>> {
	const now = ctx.clock.now()
	return inTenant(
		ctx,
		actor,
		async (tx) => {
			const enrolment = await getEnrolmentForSelfCard(tx, { tenantId: actor.tenantId, userId: actor.userId, enrolmentId })
			if (!enrolment) throw refusal('not_found', 'SELF_CARD_NOT_FOUND')
			const card = await getSelfCard(tx, { tenantId: actor.tenantId, userId: actor.userId, enrolmentId })
			if (!card && enrolment.status !== 'attended' && enrolment.status !== 'completed') throw refusal('not_found', 'SELF_CARD_NOT_ATTENDED')
			return { enrolment, card, defaultReturnOn: defaultSelfCardReturnDate(now), due: card !== null && selfCardIsDue({ returnOn: card.returnOn, mailed: card.mailedAt !== null }, now) }
		},
		{ readOnly: true },
	)
}
