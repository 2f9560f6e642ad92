import { removeDeckQuestion as markRemoved } from '@leerplein/db/practice'
import { audit, inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { ownDeckCourse } from './own-deck-course.server.ts'

/**
 * Removes a question from a course's deck (ADR 047): it is never asked again, while the learners'
 * review history of it stays for the scheduler's figures. Another course's question is not found.
 */
export async function removeDeckQuestion(ctx: ServiceContext, { actor, courseId, questionId }: { actor: Actor; courseId: string; questionId: string }): Promise<ServiceResult<{ questionId: string }>> {
	return inTenant(ctx, actor, async (tx) => {
		await ownDeckCourse(tx, actor, courseId)
		if (!(await markRemoved(tx, { tenantId: actor.tenantId, courseId, questionId, now: ctx.clock.now() }))) throw refusal('not_found', 'PRACTICE_QUESTION_NOT_FOUND')
		await audit(ctx, tx, { actor, action: 'practice_question.removed', objectType: 'practice_question', objectId: questionId })
		return { questionId }
	})
}
