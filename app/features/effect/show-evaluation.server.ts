import { getEvaluationInvitation, type EvaluationInvitation } from '@leerplein/db/effect'
import { evaluationFormOf, type EvaluationForm } from '@leerplein/domain'
import { inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

export type EvaluationToAnswer = { invitation: EvaluationInvitation; form: EvaluationForm }

/**
 * One of the signed-in person's own evaluation invitations with its questions: the evaluation's
 * (ADR 041) or the follow-up's (ADR 045). Someone else's invitation is not found, in their unit or
 * any other, and so is a follow-up whose time has not come.
 */
export async function showEvaluation(ctx: ServiceContext, { actor, invitationId }: { actor: Actor; invitationId: string }): Promise<ServiceResult<EvaluationToAnswer>> {
	return inTenant(
		ctx,
		actor,
		async (tx) => {
			const invitation = await getEvaluationInvitation(tx, { tenantId: actor.tenantId, userId: actor.userId, invitationId, now: ctx.clock.now() })
			if (!invitation) throw refusal('not_found', 'EVALUATION_NOT_FOUND')
			return { invitation, form: evaluationFormOf(invitation.kind) }
		},
		{ readOnly: true },
	)
}
