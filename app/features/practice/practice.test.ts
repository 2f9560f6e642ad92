import { withTenantContext, type DatabaseClient } from '@leerplein/db'
import type { PracticeDigestJob } from '@leerplein/db/jobs'
import { countQuestionOutcomes } from '@leerplein/db/practice'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, insertNvwaAndRvo, listMailJobs, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import { newPracticeCard, reviewPracticeCard, type Actor } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testContext } from '../../core/testing.ts'
import { completeEnrolment } from '../enrolment/complete-enrolment.server.ts'
import { sendNotification } from '../notifications/send-notification.server.ts'
import { answerPracticeCard } from './answer-practice-card.server.ts'
import { enqueuePracticeDigests } from './enqueue-practice-digests.server.ts'
import { importDeck } from './import-deck.server.ts'
import { removeDeckQuestion } from './remove-deck-question.server.ts'
import { changePracticeSettings } from './set-practice-settings.server.ts'
import { showDeck } from './show-deck.server.ts'
import { showPractice } from './show-practice.server.ts'
import { writeDeckQuestion } from './write-deck-question.server.ts'

// Question decks and spaced repetition (issue 21, item 1; ADR 047): the providing unit writes a
// deck, a completion turns an active deck into the learner's own FSRS cards, the learner answers
// their due cards only, a daily digest at their hour (once a day, none after opting out), and the
// provider sees per question how often it is forgotten, only from five learners.

const COMPLETED = new Date('2030-04-30T10:00:00Z')
const SEVEN = new Date('2030-05-01T05:00:00Z') // 07:00 in Amsterdam
const EIGHT = new Date('2030-05-01T06:00:00Z') // 08:00 in Amsterdam, the default digest hour
const DAY = 86_400_000

const question = (n: number) => ({ kind: 'choice', prompt: `Vraag ${n}`, options: ['Fout', 'Goed', ''], correct: '2', explanation: `Uitleg ${n}` })

describe.each(await testDrivers())('question decks and practising, on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: Awaited<ReturnType<typeof plant>>
	const ctx = (now = COMPLETED) => testContext(app.db, now)
	const employee = (userId: string): Actor => ({ userId, tenantId: f.rvo, grants: [{ role: 'employee', tenantId: f.rvo }] })
	const nvwaCoordinator = (): Actor => ({ userId: f.nvwaCoordinator, tenantId: f.nvwa, grants: [{ role: 'coordinator', tenantId: f.nvwa }] })
	const rvoCoordinator = (): Actor => ({ userId: f.rvoCoordinator, tenantId: f.rvo, grants: [{ role: 'coordinator', tenantId: f.rvo }] })
	const digests = async () => (await listMailJobs(app.db)).filter((job): job is PracticeDigestJob => job.kind === 'practice_digest')
	const cardsOf = async (userId: string) => (await database.asOwner((db) => db.select().from(schema.practiceCards))).filter((card) => card.userId === userId).sort((a, b) => a.id.localeCompare(b.id))
	const complete = (person: string, now = COMPLETED) => completeEnrolment(ctx(now), { actor: { tenantId: f.rvo, userId: null }, enrolmentId: f.enrolmentOf.get(person)!, source: 'lti' })

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		f = await plant(database)
		app = await database.connectAsApp({ maxConnections: 2 })
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	test('the providing unit writes its deck; a question without a right answer, a bad one or another unit’s attempt saves nothing; below five it is not active', async () => {
		const write = (submitted: Record<string, unknown>, actor = nvwaCoordinator()) =>
			writeDeckQuestion(ctx(), { actor, courseId: f.course, submitted: { options: [], ...submitted } as Parameters<typeof writeDeckQuestion>[1]['submitted'] })
		expect(await write({ ...question(1), correct: '' })).toMatchObject({ ok: false, kind: 'invalid', code: 'PRACTICE_CORRECT_REQUIRED', field: 'correct' })
		expect(await write({ ...question(1), options: ['Alleen'] })).toMatchObject({ ok: false, code: 'PRACTICE_OPTIONS_TOO_FEW', field: 'option1' })
		expect(await write({ ...question(1), kind: 'open' })).toMatchObject({ ok: false, code: 'PRACTICE_KIND_UNKNOWN', field: 'kind' })
		expect(await write(question(1), rvoCoordinator())).toMatchObject({ ok: false, kind: 'not_found', code: 'COURSE_NOT_FOUND' })
		expect(await write(question(1), employee(f.people[0]!))).toMatchObject({ ok: false, code: 'COURSE_NOT_FOUND' })
		expect(await database.asOwner((db) => db.select().from(schema.practiceQuestions))).toEqual([])

		for (const n of [1, 2, 3, 4]) expect(await write(question(n))).toMatchObject({ ok: true })
		const deck = await showDeck(ctx(), { actor: nvwaCoordinator(), courseId: f.course })
		expect(deck).toMatchObject({ ok: true, value: { active: false, min: 5 } })
		expect(deck.ok && deck.value.questions.map((q) => [q.prompt, q.options, q.correctOption])).toEqual([1, 2, 3, 4].map((n) => [`Vraag ${n}`, ['Fout', 'Goed'], 1]))
		expect(await showDeck(ctx(), { actor: rvoCoordinator(), courseId: f.course })).toMatchObject({ ok: false, code: 'COURSE_NOT_FOUND' })
	})

	test('completing a course whose deck is not active gives no cards', async () => {
		await complete(f.early)
		expect(await cardsOf(f.early)).toEqual([])
	})

	test('a CSV file with one bad row saves nothing and names the row; a good one is added whole; the deck is then active', async () => {
		const header = 'soort;vraag;optie1;optie2;optie3;juist;uitleg'
		const bad = [header, 'juist/onjuist;Vijf;;;;juist;Ja.', 'meerkeuze;Zonder juist;a;b;;;Uitleg'].join('\n')
		expect(await importDeck(ctx(), { actor: nvwaCoordinator(), courseId: f.course, csv: bad })).toMatchObject({ ok: true, value: { saved: false, errors: [{ line: 3, code: 'PRACTICE_CORRECT_REQUIRED', field: 'correct' }] } })
		expect(await importDeck(ctx(), { actor: nvwaCoordinator(), courseId: f.course, csv: 'naam\nx' })).toMatchObject({ ok: false, code: 'PRACTICE_CSV_HEADER', field: 'bestand' })
		expect(await database.asOwner((db) => db.select().from(schema.practiceQuestions))).toHaveLength(4)
		const good = [header, 'juist/onjuist;Vraag 5;;;;juist;Uitleg 5', 'meerkeuze;Vraag 6;Fout;Goed;;2;Uitleg 6'].join('\n')
		expect(await importDeck(ctx(), { actor: nvwaCoordinator(), courseId: f.course, csv: good })).toEqual({ ok: true, value: { saved: true, questions: 2 } })
		const deck = await showDeck(ctx(), { actor: nvwaCoordinator(), courseId: f.course })
		expect(deck.ok && deck.value.active).toBe(true)
		// Removing the sixth leaves five: still active; it is never asked.
		const sixth = deck.ok ? deck.value.questions[5]!.id : ''
		expect(await removeDeckQuestion(ctx(), { actor: nvwaCoordinator(), courseId: f.course, questionId: sixth })).toMatchObject({ ok: true })
		expect(await removeDeckQuestion(ctx(), { actor: nvwaCoordinator(), courseId: f.course, questionId: sixth })).toMatchObject({ ok: false, code: 'PRACTICE_QUESTION_NOT_FOUND' })
	})

	test('a completion makes each question a card of the learner’s own, due at once, in their unit; other units see none', async () => {
		for (const person of f.people) await complete(person)
		const cards = await cardsOf(f.people[0]!)
		expect(cards).toHaveLength(5)
		expect(cards.every((card) => card.tenantId === f.rvo && card.due.getTime() === COMPLETED.getTime() && card.state === 0 && card.reps === 0)).toBe(true)
		expect(await withTenantContext(app.db, { tenantId: f.nvwa, userId: f.nvwaCoordinator }, (tx) => tx.select().from(schema.practiceCards))).toEqual([])
		// Completing again changes nothing.
		expect(await cardsOf(f.early)).toEqual([])
	})

	test('the next morning the digest goes at eight, not at seven, once a day, also with two scans at once; it lists the due questions', async () => {
		expect(await enqueuePracticeDigests(ctx(SEVEN), { actor: null })).toEqual({ ok: true, value: { queued: 0 } })
		const both = await Promise.all([enqueuePracticeDigests(ctx(EIGHT), { actor: null }), enqueuePracticeDigests(ctx(EIGHT), { actor: null })])
		expect(both.map((scan) => (scan.ok ? scan.value.queued : -1)).reduce((sum, queued) => sum + queued, 0)).toBe(f.people.length - 1) // the inactive one gets none
		expect(await enqueuePracticeDigests(ctx(new Date(EIGHT.getTime() + 3_600_000)), { actor: null })).toEqual({ ok: true, value: { queued: 0 } })
		const mails = await digests()
		const toFirst = mails.find((mail) => mail.recipientUserId === f.people[0])!
		const delivery = { transport: null, from: 'leerplein@test.nl', portalUrl: 'https://leerplein.test' }
		expect(await sendNotification(ctx(EIGHT), { actor: { tenantId: f.rvo, userId: null }, delivery, job: toFirst })).toEqual({ ok: true, value: 'kept' })
		const [kept] = (await database.asOwner((db) => db.select().from(schema.outboxMails))).filter((mail) => mail.messageKey === toFirst.messageKey)
		expect(kept!.subject).toBe('Er staan 5 oefenvragen voor u klaar')
		expect(kept!.body).toContain('- Toezicht in de praktijk: 5')
		expect(kept!.body).toContain('https://leerplein.test/oefenen')
	})

	test('the learner sees at most five due questions without their answers, answers one with a tap, and the next date is what FSRS computes', async () => {
		const [first] = f.people as [string]
		const shown = await showPractice(ctx(EIGHT), { actor: employee(first) })
		if (!shown.ok) throw new Error(shown.code)
		expect(shown.value.dueTotal).toBe(5)
		expect(shown.value.questions).toHaveLength(5)
		expect(Object.keys(shown.value.questions[0]!).sort()).toEqual(['cardId', 'courseTitle', 'kind', 'options', 'prompt'])
		expect(shown.value.courses).toEqual([{ courseId: f.course, title: 'Toezicht in de praktijk', cards: 5, due: 5, retention: null, optedOut: false }])

		const cardId = shown.value.questions[0]!.cardId
		const answered = await answerPracticeCard(ctx(EIGHT), { actor: employee(first), cardId, chosen: 1 })
		expect(answered).toMatchObject({ ok: true, value: { correct: true, correctOption: 1, explanation: 'Uitleg 1' } })
		const expected = reviewPracticeCard(newPracticeCard(COMPLETED), true, EIGHT)
		expect(answered.ok && answered.value.due).toEqual(expected.card.due)
		const [stored] = (await database.asOwner((db) => db.select().from(schema.practiceCards))).filter((card) => card.id === cardId)
		expect(stored).toMatchObject({ reps: 1, state: expected.card.state, stability: expected.card.stability, difficulty: expected.card.difficulty })
		const reviews = await database.asOwner((db) => db.select().from(schema.practiceReviews))
		expect(reviews).toMatchObject([{ cardId, correct: true, chosenOption: 1, rating: 3, stateBefore: 0, predictedRecall: null, tenantId: f.rvo }])

		// A wrong answer is Again.
		const second = shown.value.questions[1]!.cardId
		expect(await answerPracticeCard(ctx(EIGHT), { actor: employee(first), cardId: second, chosen: 0 })).toMatchObject({ ok: true, value: { correct: false, correctOption: 1 } })
	})

	test('answering someone else’s card, one not due, or a wrong option is refused and changes nothing', async () => {
		const [first, second] = f.people as [string, string]
		const [theirs] = await cardsOf(second)
		const before = await database.asOwner((db) => db.select().from(schema.practiceReviews))
		expect(await answerPracticeCard(ctx(EIGHT), { actor: employee(first), cardId: theirs!.id, chosen: 1 })).toMatchObject({ ok: false, kind: 'not_found', code: 'PRACTICE_CARD_NOT_FOUND' })
		expect(await answerPracticeCard(ctx(EIGHT), { actor: { ...nvwaCoordinator(), userId: second }, cardId: theirs!.id, chosen: 1 })).toMatchObject({ ok: false, code: 'PRACTICE_CARD_NOT_FOUND' })
		const answered = (await cardsOf(first)).find((card) => card.reps === 1 && card.lapses === 0 && card.state !== 0)!
		expect(await answerPracticeCard(ctx(EIGHT), { actor: employee(first), cardId: answered.id, chosen: 1 })).toMatchObject({ ok: false, kind: 'conflict', code: 'PRACTICE_CARD_NOT_DUE' })
		const due = (await cardsOf(first)).find((card) => card.reps === 0)!
		expect(await answerPracticeCard(ctx(EIGHT), { actor: employee(first), cardId: due.id, chosen: 7 })).toMatchObject({ ok: false, kind: 'invalid', code: 'PRACTICE_ANSWER_REQUIRED' })
		expect(await database.asOwner((db) => db.select().from(schema.practiceReviews))).toHaveLength(before.length)
		expect((await cardsOf(second)).find((card) => card.id === theirs!.id)).toEqual(theirs)
	})

	test('opting out of the course or altogether hides the questions, refuses answers and stops the digest; opting back in resumes', async () => {
		const [first, second] = f.people as [string, string]
		const tomorrow = new Date(EIGHT.getTime() + DAY)
		expect(await changePracticeSettings(ctx(EIGHT), { actor: employee(first), change: { kind: 'course', courseId: f.course, optedOut: true } })).toMatchObject({ ok: true })
		expect(await changePracticeSettings(ctx(EIGHT), { actor: employee(second), change: { kind: 'all', optedOut: true } })).toMatchObject({ ok: true })
		expect(await changePracticeSettings(ctx(EIGHT), { actor: employee(first), change: { kind: 'course', courseId: f.otherCourse, optedOut: true } })).toMatchObject({ ok: false, code: 'PRACTICE_COURSE_NOT_FOUND' })
		expect(await changePracticeSettings(ctx(EIGHT), { actor: employee(first), change: { kind: 'hour', hour: 24 } })).toMatchObject({ ok: false, code: 'PRACTICE_HOUR_INVALID' })
		const shown = await showPractice(ctx(tomorrow), { actor: employee(first) })
		expect(shown).toMatchObject({ ok: true, value: { questions: [], dueTotal: 0, courses: [{ optedOut: true }] } })
		const due = (await cardsOf(first)).find((card) => card.reps === 0)!
		expect(await answerPracticeCard(ctx(tomorrow), { actor: employee(first), cardId: due.id, chosen: 1 })).toMatchObject({ ok: false, code: 'PRACTICE_OPTED_OUT' })

		const before = (await digests()).length
		await enqueuePracticeDigests(ctx(tomorrow), { actor: null })
		const sent = (await digests()).slice(before).map((mail) => mail.recipientUserId)
		expect(sent).not.toContain(first)
		expect(sent).not.toContain(second)
		expect(sent.length).toBeGreaterThan(0)

		expect(await changePracticeSettings(ctx(tomorrow), { actor: employee(first), change: { kind: 'course', courseId: f.course, optedOut: false } })).toMatchObject({ ok: true })
		expect(await changePracticeSettings(ctx(tomorrow), { actor: employee(first), change: { kind: 'hour', hour: 18 } })).toMatchObject({ ok: true })
		const dayAfter = new Date(EIGHT.getTime() + 2 * DAY)
		const count = (await digests()).length
		await enqueuePracticeDigests(ctx(dayAfter), { actor: null })
		expect((await digests()).slice(count).map((mail) => mail.recipientUserId)).not.toContain(first)
		await enqueuePracticeDigests(ctx(new Date(dayAfter.getTime() + 10 * 3_600_000)), { actor: null }) // 18:00 in Amsterdam
		expect((await digests()).slice(count).map((mail) => mail.recipientUserId)).toContain(first)
		const back = await showPractice(ctx(dayAfter), { actor: employee(first) })
		expect(back.ok && back.value.questions.length).toBeGreaterThan(0)
		expect(back.ok && back.value.courses[0]!.retention).toBeGreaterThan(0)
	})

	test('the provider sees per question how often it is forgotten only from five learners; another unit gets nothing', async () => {
		const later = new Date(EIGHT.getTime() + 3 * DAY)
		const outcomeOf = async () => {
			const deck = await showDeck(ctx(later), { actor: nvwaCoordinator(), courseId: f.course })
			if (!deck.ok) throw new Error(deck.code)
			return deck.value.questions[0]!.outcome
		}
		expect(await outcomeOf()).toMatchObject({ shown: false, learners: 1, needed: 5 })
		for (const person of f.people.slice(2, 7)) {
			const shown = await showPractice(ctx(later), { actor: employee(person) })
			const card = shown.ok ? shown.value.questions.find((q) => q.prompt === 'Vraag 1') : undefined
			expect(await answerPracticeCard(ctx(later), { actor: employee(person), cardId: card!.cardId, chosen: person === f.people[2] ? 0 : 1 })).toMatchObject({ ok: true })
		}
		expect(await outcomeOf()).toEqual({ questionId: expect.any(String), shown: true, learners: 6, answers: 6, wrongPercent: 17, lapses: 0 })
		expect(await withTenantContext(app.db, { tenantId: f.rvo, userId: f.rvoCoordinator }, (tx) => countQuestionOutcomes(tx, { courseId: f.course }))).toEqual([])
		expect(await withTenantContext(app.db, { tenantId: f.nvwa, userId: f.nvwaCoordinator }, (tx) => tx.select().from(schema.practiceReviews))).toEqual([])
	})
})

async function plant(database: TestDatabase) {
	const db = database.db
	const { nvwa, rvo } = await insertNvwaAndRvo(db)
	const person = async (tenantId: string, name: string, extra: { active?: boolean } = {}) =>
		(await db.insert(schema.users).values({ tenantId, employeeNumber: name, name, email: `${name.replace(/ /g, '.')}@test.nl`, costCentre: 'KP-1', ...extra }).returning({ id: schema.users.id }))[0]!.id
	const nvwaCoordinator = await person(nvwa, 'nvwa coordinator')
	const rvoCoordinator = await person(rvo, 'rvo coordinator')
	await db.insert(schema.roleAssignments).values([
		{ userId: nvwaCoordinator, role: 'coordinator', tenantId: nvwa },
		{ userId: rvoCoordinator, role: 'coordinator', tenantId: rvo },
	])
	const course = async (title: string) =>
		(
			await db
				.insert(schema.courses)
				.values({ providerTenantId: nvwa, title, summary: 'Samenvatting', description: 'Beschrijving', form: 'elearning', durationMinutes: 120, status: 'published', visibility: 'concern' })
				.returning({ id: schema.courses.id })
		)[0]!.id
	const courseId = await course('Toezicht in de praktijk')
	const otherCourse = await course('Iets anders')
	const [session] = await db
		.insert(schema.sessions)
		.values({ tenantId: nvwa, courseId, startsAt: new Date(COMPLETED.getTime() - 2 * DAY), endsAt: new Date(COMPLETED.getTime() - 2 * DAY + 7_200_000), capacity: 20 })
		.returning({ id: schema.sessions.id })
	const people: string[] = []
	for (const index of [1, 2, 3, 4, 5, 6, 7, 8]) people.push(await person(rvo, `medewerker ${index}`, index === 8 ? { active: false } : {}))
	const early = await person(rvo, 'vroege')
	const enrolmentOf = new Map<string, string>()
	for (const [index, userId] of [...people, early].entries())
		enrolmentOf.set(userId, (await db.insert(schema.enrolments).values({ tenantId: rvo, sessionId: session!.id, userId, status: 'enrolled', queueNumber: index + 1 }).returning({ id: schema.enrolments.id }))[0]!.id)
	return { nvwa, rvo, nvwaCoordinator, rvoCoordinator, course: courseId, otherCourse, people, early, enrolmentOf }
}
