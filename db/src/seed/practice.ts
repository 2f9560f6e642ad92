import { newPracticeCard, practiceRecall, reviewPracticeCard, type PracticeCardState } from '@leerplein/domain'
import { sql } from 'drizzle-orm'
import { selectRows, type Database } from '../client.ts'
import { practiceCards, practiceQuestions, practiceReviews } from '../schema/practice.ts'
import { hashSeed } from './prng.ts'

// Practice decks for the demo (issue 21; ADR 047), so /oefenen and the deck page show something
// real and the scheduler's log-loss benchmark has history: the three courses with the most
// completions of the last 120 days get a deck of six questions, each completion its cards (as the
// trigger makes them), and the learners answered at their cards' due dates, some hours or days
// late, right with FSRS's own predicted chance (a learner who forgets as FSRS expects). Every
// choice hashes the ids: the same seed, the same history.

const QUESTIONS = [
	{ kind: 'true_false' as const, prompt: 'Na “{{course}}” hoort u wat u leerde binnen een week toe te passen, anders zakt het weg.', options: ['true', 'false'], correctOption: 0, explanation: 'Juist: wat u niet gebruikt, vergeet u snel; toepassen en herhalen houdt het vast.' },
	{ kind: 'choice' as const, prompt: 'Wat helpt het meest om “{{course}}” te onthouden?', options: ['De hand-outs nog eens doorlezen', 'Uzelf met tussenpozen overhoren', 'Alles in één keer herhalen'], correctOption: 1, explanation: 'Uzelf overhoren met tussenpozen (spaced retrieval) werkt beter dan herlezen of alles in één keer herhalen.' },
	{ kind: 'true_false' as const, prompt: 'Een vraag die u fout beantwoordt, komt bij het oefenen pas na een maand terug.', options: ['true', 'false'], correctOption: 1, explanation: 'Onjuist: een vergeten vraag komt binnen enkele minuten terug, daarna met groeiende tussenpozen.' },
	{ kind: 'choice' as const, prompt: 'Met wie bespreekt u het best wat u in “{{course}}” leerde?', options: ['Met niemand', 'Met collega’s en uw leidinggevende', 'Alleen met de trainer'], correctOption: 1, explanation: 'Bespreken met collega’s en uw leidinggevende helpt het geleerde in het werk te brengen.' },
	{ kind: 'choice' as const, prompt: 'Hoe vaak staan er ten hoogste oefenvragen tegelijk voor u klaar op de pagina?', options: ['Drie', 'Vijf', 'Tien', 'Twintig'], correctOption: 1, explanation: 'Vijf tegelijk: kort genoeg voor een paar minuten per dag.' },
	{ kind: 'true_false' as const, prompt: 'De aanbieder van “{{course}}” ziet welke vragen u fout beantwoordde.', options: ['true', 'false'], correctOption: 1, explanation: 'Onjuist: de aanbieder ziet alleen per vraag hoe vaak ze vergeten wordt, van ten minste vijf deelnemers samen.' },
]

const HOUR = 3_600_000
const MAX_REVIEWS = 12

export async function writePracticeDecks(db: Database, now: Date) {
	const at = now.toISOString()
	const courses = await selectRows<{ id: string; title: string; provider_tenant_id: string }>(
		db,
		sql`select c.id, c.title, c.provider_tenant_id from courses c
			join sessions s on s.course_id = c.id
			join enrolments e on e.session_id = s.id and e.status = 'completed'
			where s.ends_at <= ${at}::timestamptz and s.ends_at > ${at}::timestamptz - interval '120 days'
			group by c.id order by count(*) desc, c.id limit 3`,
	)
	for (const course of courses) {
		const written = new Date(now.getTime() - 200 * 24 * HOUR)
		const questions = await db
			.insert(practiceQuestions)
			.values(
				QUESTIONS.map((question, index) => ({
					...question,
					id: deterministicUuid(`practice-question:${course.id}:${index}`),
					prompt: question.prompt.replace('{{course}}', course.title),
					tenantId: course.provider_tenant_id,
					courseId: course.id,
					createdAt: new Date(written.getTime() + index),
					updatedAt: written,
				})),
			)
			.returning({ id: practiceQuestions.id, correctOption: practiceQuestions.correctOption })
		const completions = await selectRows<{ tenant_id: string; user_id: string; ends_at: string | Date }>(
			db,
			sql`select e.tenant_id, e.user_id, s.ends_at from enrolments e join sessions s on s.id = e.session_id
				where s.course_id = ${course.id}::uuid and e.status = 'completed' and s.ends_at <= ${at}::timestamptz and s.ends_at > ${at}::timestamptz - interval '120 days'
				order by e.id`,
		)
		const cards: (typeof practiceCards.$inferInsert)[] = []
		const reviews: (typeof practiceReviews.$inferInsert)[] = []
		const seen = new Set<string>()
		for (const completion of completions) {
			// One person completing two sessions of the course gets one set of cards, as the trigger's conflict rule says.
			if (seen.has(completion.user_id)) continue
			seen.add(completion.user_id)
			const created = new Date(completion.ends_at)
			for (const question of questions) {
				const cardId = deterministicUuid(`practice-card:${completion.user_id}:${question.id}`)
				let card: PracticeCardState = newPracticeCard(created)
				for (let review = 0; review < MAX_REVIEWS; review++) {
					// Some hours to a few days after the card's due moment, as people practise.
					const delay = (hashSeed('practice-delay', cardId, review) % 72) * HOUR + HOUR
					const moment = new Date(card.due.getTime() + delay)
					if (moment.getTime() > now.getTime()) break
					const chance = practiceRecall(card, moment) ?? 0.7
					const correct = (hashSeed('practice-correct', cardId, review) % 1000) / 1000 < chance
					const next = reviewPracticeCard(card, correct, moment)
					reviews.push({
						id: deterministicUuid(`practice-review:${cardId}:${review}`),
						tenantId: completion.tenant_id,
						cardId,
						questionId: question.id,
						courseId: course.id,
						reviewedAt: moment,
						chosenOption: correct ? question.correctOption : question.correctOption === 0 ? 1 : 0,
						correct,
						rating: next.log.rating,
						stateBefore: next.log.stateBefore,
						elapsedDays: next.log.elapsedDays,
						scheduledDays: next.log.scheduledDays,
						stability: next.log.stability,
						difficulty: next.log.difficulty,
						due: next.log.due,
						predictedRecall: next.log.predictedRecall,
					})
					card = next.card
				}
				cards.push({ id: cardId, tenantId: completion.tenant_id, userId: completion.user_id, questionId: question.id, courseId: course.id, createdAt: created, ...card })
			}
		}
		for (let i = 0; i < cards.length; i += 1_000) await db.insert(practiceCards).values(cards.slice(i, i + 1_000))
		for (let i = 0; i < reviews.length; i += 1_000) await db.insert(practiceReviews).values(reviews.slice(i, i + 1_000))
	}
}

/** A UUID (v4-shaped) derived from a label, so a card's id is the same in every run. */
function deterministicUuid(label: string): string {
	const hex = [0, 1, 2, 3].map((part) => hashSeed(label, part).toString(16).padStart(8, '0')).join('')
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
