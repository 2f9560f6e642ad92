import { EVALUATION_MAIL_QUEUE } from '@leerplein/db/jobs'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { answerEvaluation } from '../../app/features/effect/answer-evaluation.server.ts'
import { completeEnrolment } from '../../app/features/enrolment/complete-enrolment.server.ts'
import { pollUntil } from '../support/poll.ts'
import { startMailWorker, type MailWorker } from '../support/mail-worker.ts'

// Issue 18's done-criterion for evaluations, by mail: a participant completes → the invitation
// arrives at a real SMTP server → a reminder a week later → after answering, no more. The job
// worker as the portal runs it (pg-boss, the ten-minute scan, the mail job, nodemailer), with the
// test's clock moved ahead instead of waiting; the test queues the scan as its schedule would.
// Then the follow-up (ADR 045): nothing of it until twelve weeks on, then it arrives once when the
// clock is moved three months ahead, and after answering nothing more.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

describe.each(drivers)('an evaluation by mail, on %s', (driver) => {
	let database: TestDatabase
	let worker: MailWorker
	let now = new Date('2031-03-03T09:00:00Z')
	const clock = { now: () => now }
	let f: { rvo: string; eva: string; enrolment: string }

	const runScan = () => worker.runScheduled(EVALUATION_MAIL_QUEUE)
	const invitationOf = async (kind: 'evaluation' | 'follow_up') =>
		(await database.asOwner((db) => db.select({ id: schema.evaluationInvitations.id, kind: schema.evaluationInvitations.kind }).from(schema.evaluationInvitations))).find((row) => row.kind === kind)!.id
	const allSent = () => pollUntil(async () => (await database.asOwner((db) => db.select().from(schema.outboxMails))).every((mail) => mail.status === 'sent'), { message: 'the mails to be sent' })

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		const db = database.db
		const [rvo] = await db.insert(schema.tenants).values({ slug: 'rvo', name: 'Rijksdienst voor Ondernemend Nederland', shortName: 'RVO' }).returning({ id: schema.tenants.id })
		const [eva] = await db.insert(schema.users).values({ tenantId: rvo!.id, employeeNumber: 'e1', name: 'Eva Jansen', email: 'eva@rvo.test' }).returning({ id: schema.users.id })
		const [course] = await db
			.insert(schema.courses)
			.values({ providerTenantId: rvo!.id, title: 'Subsidieregels toepassen', summary: 'Samenvatting', description: 'Beschrijving', form: 'elearning', durationMinutes: 60, status: 'published', visibility: 'concern' })
			.returning({ id: schema.courses.id })
		const [session] = await db
			.insert(schema.sessions)
			.values({ tenantId: rvo!.id, courseId: course!.id, startsAt: new Date('2031-03-01T09:00:00Z'), endsAt: new Date('2031-03-01T10:00:00Z'), capacity: 20 })
			.returning({ id: schema.sessions.id })
		const [enrolment] = await db.insert(schema.enrolments).values({ tenantId: rvo!.id, sessionId: session!.id, userId: eva!.id, status: 'enrolled', queueNumber: 1 }).returning({ id: schema.enrolments.id })
		f = { rvo: rvo!.id, eva: eva!.id, enrolment: enrolment!.id }
		worker = await startMailWorker(database, clock)
	}, 120_000)
	afterAll(async () => {
		await worker?.stop()
		await database?.close()
	}, 60_000)

	test('completing brings the invitation to the SMTP server, with the link and the promise of anonymity', async () => {
		expect(await completeEnrolment(worker.context(), { actor: { tenantId: f.rvo, userId: null }, enrolmentId: f.enrolment, source: 'lti' })).toMatchObject({ ok: true })
		await runScan()
		const mail = await worker.smtp.waitFor((candidate) => candidate.to.includes('eva@rvo.test'))
		expect(mail.subject).toBe('Hoe was Subsidieregels toepassen? Uw evaluatie')
		expect(mail.text).toContain('Beste Eva Jansen,')
		expect(mail.text).toMatch(/Evaluatie invullen: https:\/\/leerplein\.example\.nl\/mijn-leren\/evaluatie\/[0-9a-f-]{36}/)
		expect(mail.text).toContain('anoniem')
		// The same scan again, the next hour: nothing more.
		now = new Date('2031-03-03T10:00:00Z')
		await runScan()
		await allSent()
		expect(worker.smtp.mails).toHaveLength(1)
	})

	test('a week later a reminder; once answered, nothing more, even two weeks on', async () => {
		now = new Date('2031-03-10T09:00:00Z')
		await runScan()
		const reminder = await worker.smtp.waitFor((candidate) => candidate.subject.startsWith('Herinnering'))
		expect(reminder.subject).toBe('Herinnering: hoe was Subsidieregels toepassen?')
		const eva = { tenantId: f.rvo, userId: f.eva, grants: [{ role: 'employee' as const, tenantId: f.rvo }] }
		expect(await answerEvaluation(worker.context(), { actor: eva, invitationId: await invitationOf('evaluation'), submitted: { applicable: '4', recommend: '8' } })).toMatchObject({ ok: true })
		now = new Date('2031-03-20T09:00:00Z')
		await runScan()
		await allSent()
		expect(worker.smtp.mails.map((mail) => mail.subject)).toEqual(['Hoe was Subsidieregels toepassen? Uw evaluatie', 'Herinnering: hoe was Subsidieregels toepassen?'])
	})

	test('the follow-up arrives at the SMTP server when the clock is moved three months ahead, once; answered, nothing more', async () => {
		// Eleven weeks on: not yet.
		now = new Date('2031-05-19T09:00:00Z')
		await runScan()
		await allSent()
		expect(worker.smtp.mails).toHaveLength(2)
		// Three months on (twelve weeks have passed): the follow-up, with its own subject and link.
		now = new Date('2031-06-03T09:00:00Z')
		await runScan()
		const followUp = await worker.smtp.waitFor((candidate) => candidate.subject.includes('toegepast'))
		const followUpId = await invitationOf('follow_up')
		expect(followUp.subject).toBe('Hebt u Subsidieregels toepassen toegepast?')
		expect(followUp.to).toContain('eva@rvo.test')
		expect(followUp.text).toContain('Beste Eva Jansen,')
		expect(followUp.text).toContain(`Vragen beantwoorden: https://leerplein.example.nl/mijn-leren/evaluatie/${followUpId}`)
		expect(followUp.text).toContain('anoniem')
		now = new Date('2031-06-03T10:00:00Z')
		await runScan()
		await allSent()
		expect(worker.smtp.mails).toHaveLength(3)
		const eva = { tenantId: f.rvo, userId: f.eva, grants: [{ role: 'employee' as const, tenantId: f.rvo }] }
		expect(await answerEvaluation(worker.context(), { actor: eva, invitationId: followUpId, submitted: { applied: '4', applied_example: 'Bij elke aanvraag' } })).toMatchObject({ ok: true })
		now = new Date('2031-07-03T09:00:00Z')
		await runScan()
		await allSent()
		expect(worker.smtp.mails.map((mail) => mail.subject)).toEqual(['Hoe was Subsidieregels toepassen? Uw evaluatie', 'Herinnering: hoe was Subsidieregels toepassen?', 'Hebt u Subsidieregels toepassen toegepast?'])
	})
})
