import { getEvaluationInvitation, submitEvaluation } from '@leerplein/db/effect'
import { checkEvaluationAnswers, evaluationFormOf } from '@leerplein/domain'
import { audit, inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { EVALUATION_ERRORS } from './evaluation-schema.ts'

/**
 * The signed-in person answers their own evaluation or follow-up, once (ADRs 041, 045). The domain
 * checks the answers against the form of the invitation's kind (as the page's schema did);
 * `evaluation_submit` then marks the invitation answered and stores the response under that
 * form's version without the person, in this transaction. The audit row says that they answered,
 * never what.
 */
export async function answerEvaluation(
	ctx: ServiceContext,
	{ actor, invitationId, submitted }: { actor: Actor; invitationId: string; submitted: Readonly<Record<string, string | undefined>> },
): Promise<ServiceResult<{ courseId: string }>> {
	return inTenant(ctx, actor, async (tx) => {
		const invitation = await getEvaluationInvitation(tx, { tenantId: actor.tenantId, userId: actor.userId, invitationId, now: ctx.clock.now() })
		if (!invitation) throw refusal('not_found', 'EVALUATION_NOT_FOUND')
		const form = evaluationFormOf(invitation.kind)
		const checked = checkEvaluationAnswers(form, submitted)
		if (!checked.ok) {
			const [field, error] = Object.entries(checked.errors)[0]!
			throw refusal('invalid', EVALUATION_ERRORS[error], field === 'form' ? {} : { field })
		}
		if (!(await submitEvaluation(tx, { invitationId, formVersion: form.version, answers: checked.value }))) throw refusal('conflict', 'EVALUATION_ANSWERED')
		await audit(ctx, tx, { actor, action: invitation.kind === 'follow_up' ? 'evaluation.follow_up_answered' : 'evaluation.answered', objectType: 'evaluation_invitation', objectId: invitationId })
		return { courseId: invitation.courseId }
	})
}
