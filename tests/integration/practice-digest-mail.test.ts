import { PRACTICE_DIGEST_QUEUE } from '@leerplein/db/jobs'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import { createEmptyCard, fsrs, generatorParameters, Rating } from 'ts-fsrs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { completeEnrolment } from '../../app/features/enrolment/complete-enrolment.server.ts'
import { answerPracticeCard } from '../../app/features/practice/answer-practice-card.server.ts'
import { changePracticeSettings } from '../../app/features/practice/set-practice-settings.server.ts'
import { showPractice } from '../../app/features/practice/show-practice.server.ts'
import { pollUntil } from '../support/poll.ts'
import { startMailWorker, type MailWorker } from '../support/mail-worker.ts'

// Issue 21's done-criterion for spaced repetition, by mail (ADR 047): a learner completes a course
// with an active deck → with the clock moved to the next morning the hourly scan mails her digest
// to a real SMTP server at eight, not at seven, once → she answers a question and its next date is
// what ts-fsrs itself computes for that card → she opts out → the next morning no mail. The job
// worker as the portal runs it (pg-boss, the scan, the mail job, nodemailer), with the test's clock
// moved instead of waiting; the test queues the scan as its hourly schedule would.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

describe.each(drivers)('a practice digest by mail, on %s', (driver) => {
	let database: TestDatabase
	let worker: MailWorker
	const completedAt = new Date('2031-03-03T15:00:00Z')
	let now = completedAt
	const clock = { now: () => now }
	let f: { rvo: string; eva: string; enrolment: string }
	const eva = () => ({ tenantId: f.rvo, userId: f.eva, grants: [{ role: 'employee' as const, tenantId: f.rvo }] })

	const runScan = () => worker.runScheduled(PRACTICE_DIGEST_QUEUE)
	const outbox = () => database.asOwner((db) => db.select().from(schema.outboxMails))
	const allSent = () => pollUntil(async () => (await outbox()).every((mail) => mail.status === 'sent'), { message: 'the mails to be sent' })

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		const db = database.db
		const [rvo] = await db.insert(schema.tenants).values({ slug: 'rvo', name: 'Rijksdienst voor Ondernemend Nederland', shortName: 'RVO' }).returning({ id: schema.tenants.id })
		const [person] = await db.insert(schema.users).values({ tenantId: rvo!.id, employeeNumber: 'e1', name: 'Eva Jansen', email: 'eva@rvo.test' }).returning({ id: schema.users.id })
		const [course] = await db
			.insert(schema.courses)
			.values({ providerTenantId: rvo!.id, title: 'Subsidieregels toepassen', summary: 'Samenvatting', description: 'Beschrijving', form: 'elearning', durationMinutes: 60, status: 'published', visibility: 'concern' })
			.returning({ id: schema.courses.id })
		await db.insert(schema.practiceQuestions).values(
			[1, 2, 3, 4, 5].map((n) => ({
				tenantId: rvo!.id,
				courseId: course!.id,
				kind: 'choice' as const,
				prompt: `Vraag ${n}`,
				options: ['Fout', 'Goed'],
				correctOption: 1,
				explanation: `Uitleg ${n}`,
				createdAt: new Date(completedAt.getTime() - 86_400_000 + n),
				updatedAt: completedAt,
			})),
		)
		const [session] = await db
			.insert(schema.sessions)
			.values({ tenantId: rvo!.id, courseId: course!.id, startsAt: new Date('2031-03-03T09:00:00Z'), endsAt: new Date('2031-03-03T14:00:00Z'), capacity: 20 })
			.returning({ id: schema.sessions.id })
		const [enrolment] = await db.insert(schema.enrolments).values({ tenantId: rvo!.id, sessionId: session!.id, userId: person!.id, status: 'enrolled', queueNumber: 1 }).returning({ id: schema.enrolments.id })
		f = { rvo: rvo!.id, eva: person!.id, enrolment: enrolment!.id }
		worker = await startMailWorker(database, clock)
	}, 120_000)
	afterAll(async () => {
		await worker?.stop()
		await database?.close()
	}, 60_000)

	test('the completion makes her cards; the next morning the digest arrives at eight, not at seven, once', async () => {
		expect(await completeEnrolment(worker.context(), { actor: { tenantId: f.rvo, userId: null }, enrolmentId: f.enrolment, source: 'lti' })).toMatchObject({ ok: true })
		// 07:00 in Amsterdam (winter time): not yet her hour.
		now = new Date('2031-03-04T06:00:00Z')
		await runScan()
		expect(await outbox()).toEqual([])
		// 08:00: her digest.
		now = new Date('2031-03-04T07:00:00Z')
		await runScan()
		const mail = await worker.smtp.waitFor((candidate) => candidate.to.includes('eva@rvo.test'))
		expect(mail.subject).toBe('Er staan 5 oefenvragen voor u klaar')
		expect(mail.text).toContain('Beste Eva Jansen,')
		expect(mail.text).toContain('- Subsidieregels toepassen: 5')
		expect(mail.text).toContain('Oefenen: https://leerplein.example.nl/oefenen')
		// The next hour's scan, the same day: nothing more.
		now = new Date('2031-03-04T08:00:00Z')
		await runScan()
		await allSent()
		expect(worker.smtp.mails).toHaveLength(1)
	})

	test('she answers a question; its next date is what ts-fsrs computes for that card', async () => {
		now = new Date('2031-03-04T08:05:00Z')
		const shown = await showPractice(worker.context(), { actor: eva() })
		if (!shown.ok) throw new Error(shown.code)
		const question = shown.value.questions[0]!
		expect(question.prompt).toBe('Vraag 1')
		const answered = await answerPracticeCard(worker.context(), { actor: eva(), cardId: question.cardId, chosen: 1 })
		expect(answered).toMatchObject({ ok: true, value: { correct: true, explanation: 'Uitleg 1' } })
		const expected = fsrs(generatorParameters({ enable_fuzz: false })).next(createEmptyCard(completedAt), now, Rating.Good)
		const [card] = (await database.asOwner((db) => db.select().from(schema.practiceCards))).filter((row) => row.id === question.cardId)
		expect(card!.due).toEqual(expected.card.due)
		expect(card!.stability).toBe(expected.card.stability)
		expect(card!.difficulty).toBe(expected.card.difficulty)
		expect(card!.state).toBe(expected.card.state)
	})

	test('she opts out; the next morning no mail, though four questions are due', async () => {
		expect(await changePracticeSettings(worker.context(), { actor: eva(), change: { kind: 'all', optedOut: true } })).toMatchObject({ ok: true })
		now = new Date('2031-03-05T07:00:00Z')
		await runScan()
		now = new Date('2031-03-05T08:00:00Z')
		await runScan()
		await allSent()
		expect(await outbox()).toHaveLength(1)
		expect(worker.smtp.mails).toHaveLength(1)
	})
})
