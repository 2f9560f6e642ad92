import { getSelfCard, recordSelfCardOutcomes } from '@leerplein/db/effect'
import { checkSelfCardOutcomes, selfCardIsDue } from '@leerplein/domain'
import { audit, inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { OUTCOME_ERRORS } from './card-schema.ts'

/**
 * The person says what became of each action on their card, once it is back (its return day came,
 * or it was mailed), and once only (ADR 042). The outcomes count, anonymously, in the providing
 * unit's figures; the notes stay on the card.
 */
export async function reviewSelfCard(
	ctx: ServiceContext,
	{ actor, enrolmentId, submitted }: { actor: Actor; enrolmentId: string; submitted: Readonly<Record<string, string | undefined>> },
): Promise<ServiceResult<{ cardId: string }>> {
	const now = ctx.clock.now()
	return inTenant(ctx, actor, async (tx) => {
		const card = await getSelfCard(tx, { tenantId: actor.tenantId, userId: actor.userId, enrolmentId })
		if (!card) throw refusal('not_found', 'SELF_CARD_NOT_FOUND')
		if (card.reviewedAt) throw refusal('conflict', 'SELF_CARD_REVIEWED')
		if (!selfCardIsDue({ returnOn: card.returnOn, mailed: card.mailedAt !== null }, now)) throw refusal('conflict', 'SELF_CARD_NOT_DUE')
		const checked = checkSelfCardOutcomes(
			card.actions.map((action) => action.position),
			submitted,
		)
		if (!checked.ok) {
			const [field, error] = Object.entries(checked.errors)[0]!
			throw refusal('invalid', OUTCOME_ERRORS[error], { field })
		}
		if (!(await recordSelfCardOutcomes(tx, { tenantId: actor.tenantId, userId: actor.userId, cardId: card.id, review: checked.value, now }))) throw refusal('conflict', 'SELF_CARD_REVIEWED')
		await audit(ctx, tx, { actor, action: 'self_card.reviewed', objectType: 'self_card', objectId: card.id })
		return { cardId: card.id }
	})
}
