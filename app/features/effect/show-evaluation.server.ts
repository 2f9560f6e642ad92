import { getEvaluationInvitation, type EvaluationInvitation } from '@leerplein/db/effect'
import { DEFAULT_EVALUATION, type EvaluationForm } from '@leerplein/domain'
import { inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

export type EvaluationToAnswer = { invitation: EvaluationInvitation; form: EvaluationForm }

/**
 * One of the signed-in person's own evaluation invitations with its questions (ADR 041). Someone
 * else's invitation is not found, in their unit or any other.
 */
export async function showEvaluation(ctx: ServiceContext, { actor, invitationId }: { actor: Actor; invitationId: string }): Promise<ServiceResult<EvaluationToAnswer>> {
	return inTenant(
		ctx,
		actor,
		async (tx) => {
			const invitation = await getEvaluationInvitation(tx, { tenantId: actor.tenantId, userId: actor.userId, invitationId })
			if (!invitation) throw refusal('not_found', 'EVALUATION_NOT_FOUND')
			return { invitation, form: DEFAULT_EVALUATION }
		},
		{ readOnly: true },
	)
}
