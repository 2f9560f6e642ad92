import { insertDeckQuestions, listDeckQuestions } from '@leerplein/db/practice'
import { MAX_DECK_QUESTIONS, readDeckCsv, type DeckCsvRowError } from '@leerplein/domain'
import { audit, inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { ownDeckCourse } from './own-deck-course.server.ts'

export type DeckImport = { saved: true; questions: number } | { saved: false; errors: DeckCsvRowError[] }

/**
 * Adds the questions of a CSV file to a course's deck (ADR 047), read whole by the domain
 * (`readDeckCsv`): every faulty row is returned with its line and field, and then nothing is
 * saved; so too when the deck would hold more than twenty. Audited with the number added.
 */
export async function importDeck(ctx: ServiceContext, { actor, courseId, csv }: { actor: Actor; courseId: string; csv: string }): Promise<ServiceResult<DeckImport>> {
	return inTenant(ctx, actor, async (tx): Promise<DeckImport> => {
		await ownDeckCourse(tx, actor, courseId)
		const read = readDeckCsv(csv)
		if (!read.ok) {
			if (read.code === 'PRACTICE_CSV_ROWS') return { saved: false, errors: read.errors }
			throw refusal('invalid', read.code, { field: 'bestand' })
		}
		const deck = await listDeckQuestions(tx, { tenantId: actor.tenantId, courseId })
		if (deck.length + read.questions.length > MAX_DECK_QUESTIONS) throw refusal('invalid', 'PRACTICE_DECK_FULL', { field: 'bestand' })
		await insertDeckQuestions(tx, { tenantId: actor.tenantId, courseId, now: ctx.clock.now(), questions: read.questions })
		await audit(ctx, tx, { actor, action: 'practice_question.imported', objectType: 'course', objectId: courseId, after: { questions: read.questions.length } })
		return { saved: true, questions: read.questions.length }
	})
}
