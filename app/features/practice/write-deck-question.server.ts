import { insertDeckQuestions, listDeckQuestions, updateDeckQuestion } from '@leerplein/db/practice'
import { checkPracticeQuestion, MAX_DECK_QUESTIONS, type SubmittedQuestion } from '@leerplein/domain'
import { audit, inTenant, refuse, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { questionField } from './deck-schema.ts'
import { ownDeckCourse } from './own-deck-course.server.ts'

/**
 * The providing unit's coordinator adds a question to a course's deck, or changes one (`questionId`)
 * (ADR 047): judged by the domain (`checkPracticeQuestion`), the first fault beside its field and
 * nothing saved; a deck holds at most twenty. Audited with the question's id, not its text.
 */
export async function writeDeckQuestion(
	ctx: ServiceContext,
	{ actor, courseId, questionId, submitted }: { actor: Actor; courseId: string; questionId?: string | undefined; submitted: SubmittedQuestion },
): Promise<ServiceResult<{ questionId: string }>> {
	const checked = checkPracticeQuestion(submitted)
	if (!checked.ok) {
		const [field, code] = Object.entries(checked.errors)[0]!
		return refuse('invalid', code, { field: questionField(field) })
	}
	const now = ctx.clock.now()
	return inTenant(ctx, actor, async (tx) => {
		await ownDeckCourse(tx, actor, courseId)
		if (questionId) {
			if (!(await updateDeckQuestion(tx, { tenantId: actor.tenantId, courseId, questionId, now, question: checked.value }))) throw refusal('not_found', 'PRACTICE_QUESTION_NOT_FOUND')
			await audit(ctx, tx, { actor, action: 'practice_question.changed', objectType: 'practice_question', objectId: questionId })
			return { questionId }
		}
		const deck = await listDeckQuestions(tx, { tenantId: actor.tenantId, courseId })
		if (deck.length >= MAX_DECK_QUESTIONS) throw refusal('conflict', 'PRACTICE_DECK_FULL')
		const [id] = await insertDeckQuestions(tx, { tenantId: actor.tenantId, courseId, now, questions: [checked.value] })
		await audit(ctx, tx, { actor, action: 'practice_question.added', objectType: 'practice_question', objectId: id! })
		return { questionId: id! }
	})
}
