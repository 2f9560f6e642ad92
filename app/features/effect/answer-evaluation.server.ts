import { getEvaluationInvitation, submitEvaluation } from '@leerplein/db/effect'
import { checkEvaluationAnswers, DEFAULT_EVALUATION } from '@leerplein/domain'
import { audit, inTenant, refuse, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { EVALUATION_ERRORS } from './evaluation-schema.ts'

/**
 * The signed-in person answers their own evaluation, once (ADR 041). The domain checks the
 * answers (as the page's schema did); `evaluation_submit` then marks the invitation answered and
 * stores the response without the person, in this transaction. The audit row says that they
 * answered, never what.
 */
export async function answerEvaluation(
	ctx: ServiceContext,
	{ actor, invitationId, submitted }: { actor: Actor; invitationId: string; submitted: Readonly<Record<string, string | undefined>> },
): Promise<ServiceResult<{ courseId: string }>> {
	const checked = checkEvaluationAnswers(DEFAULT_EVALUATION, submitted)
	if (!checked.ok) {
		const [field, error] = Object.entries(checked.errors)[0]!
		return refuse('invalid', EVALUATION_ERRORS[error], field === 'form' ? {} : { field })
	}
	return inTenant(ctx, actor, async (tx) => {
		const invitation = await getEvaluationInvitation(tx, { tenantId: actor.tenantId, userId: actor.userId, invitationId })
		if (!invitation) throw refusal('not_found', 'EVALUATION_NOT_FOUND')
		if (!(await submitEvaluation(tx, { invitationId, formVersion: DEFAULT_EVALUATION.version, answers: checked.value }))) throw refusal('conflict', 'EVALUATION_ANSWERED')
		await audit(ctx, tx, { actor, action: 'evaluation.answered', objectType: 'evaluation_invitation', objectId: invitationId })
		return { courseId: invitation.courseId }
	})
}
