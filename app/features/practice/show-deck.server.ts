import { countQuestionOutcomes, listDeckQuestions, type DeckQuestion } from '@leerplein/db/practice'
import { deckIsActive, MAX_DECK_QUESTIONS, MIN_DECK_QUESTIONS, summariseQuestionOutcome, type CourseStatus, type QuestionOutcome } from '@leerplein/domain'
import { inTenant, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { ownDeckCourse } from './own-deck-course.server.ts'

export type DeckView = {
	course: { id: string; title: string; status: CourseStatus }
	questions: (DeckQuestion & { outcome: QuestionOutcome })[]
	active: boolean
	min: number
	max: number
}

/**
 * A course's deck for the providing unit's coordinators (ADR 047): its questions in order,
 * whether it is active (five or more), and per question how often it is forgotten, counted across
 * every learner's unit by the database and shown only from five learners. Read-only.
 */
export async function showDeck(ctx: ServiceContext, { actor, courseId }: { actor: Actor; courseId: string }): Promise<ServiceResult<DeckView>> {
	return inTenant(
		ctx,
		actor,
		async (tx) => {
			const course = await ownDeckCourse(tx, actor, courseId)
			const [questions, counts] = await Promise.all([listDeckQuestions(tx, { tenantId: actor.tenantId, courseId }), countQuestionOutcomes(tx, { courseId })])
			const countOf = new Map(counts.map((count) => [count.questionId, count]))
			return {
				course: { id: course.id, title: course.title, status: course.status },
				questions: questions.map((question) => ({ ...question, outcome: summariseQuestionOutcome(countOf.get(question.id) ?? { questionId: question.id, learners: 0, answers: 0, wrong: 0, lapses: 0 }) })),
				active: deckIsActive(questions.length),
				min: MIN_DECK_QUESTIONS,
				max: MAX_DECK_QUESTIONS,
			}
		},
		{ readOnly: true },
	)
}
