import { SELF_CARD_RETURN_QUEUE } from '@leerplein/db/jobs'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { completeEnrolment } from '../../app/features/enrolment/complete-enrolment.server.ts'
import { reviewSelfCard } from '../../app/features/effect/review-self-card.server.ts'
import { showSelfCard } from '../../app/features/effect/show-self-card.server.ts'
import { writeSelfCard } from '../../app/features/effect/write-self-card.server.ts'
import { pollUntil } from '../support/poll.ts'
import { startMailWorker, type MailWorker } from '../support/mail-worker.ts'

// Issue 18's done-criterion for the card to self, by mail: a participant writes their card at the
// end of a course → with the clock moved three months ahead the daily scan mails it back to a real
// SMTP server, once → the link in it opens the card, where she says what became of each action.
// The job worker as the portal runs it (pg-boss, the daily scan, the mail job, nodemailer), with
// the test's clock moved instead of waiting; the test queues the scan as its 07:00 schedule would.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

describe.each(drivers)('a card to self by mail, on %s', (driver) => {
	let database: TestDatabase
	let worker: MailWorker
	let now = new Date('2031-03-03T15:00:00Z')
	const clock = { now: () => now }
	let f: { rvo: string; eva: string; enrolment: string }
	const eva = () => ({ tenantId: f.rvo, userId: f.eva, grants: [{ role: 'employee' as const, tenantId: f.rvo }] })

	const runScan = () => worker.runScheduled(SELF_CARD_RETURN_QUEUE)
	const outbox = () => database.asOwner((db) => db.select().from(schema.outboxMails))
	const allSent = () => pollUntil(async () => (await outbox()).every((mail) => mail.status === 'sent'), { message: 'the mails to be sent' })

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		const db = database.db
		const [rvo] = await db.insert(schema.tenants).values({ slug: 'rvo', name: 'Rijksdienst voor Ondernemend Nederland', shortName: 'RVO' }).returning({ id: schema.tenants.id })
		const [person] = await db.insert(schema.users).values({ tenantId: rvo!.id, employeeNumber: 'e1', name: 'Eva Jansen', email: 'eva@rvo.test' }).returning({ id: schema.users.id })
		const [course] = await db
			.insert(schema.courses)
			.values({ providerTenantId: rvo!.id, title: 'Subsidieregels toepassen', summary: 'Samenvatting', description: 'Beschrijving', form: 'classroom', durationMinutes: 180, status: 'published', visibility: 'concern' })
			.returning({ id: schema.courses.id })
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

	test('written at the end of the course, the card stays home until its day', async () => {
		expect(await completeEnrolment(worker.context(), { actor: { tenantId: f.rvo, userId: null }, enrolmentId: f.enrolment, source: 'lti' })).toMatchObject({ ok: true })
		expect(await writeSelfCard(worker.context(), { actor: eva(), enrolmentId: f.enrolment, actions: ['Elke aanvraag toetsen aan de nieuwe regeling', '', 'Een collega inwerken'] })).toMatchObject({ ok: true })
		const shown = await showSelfCard(worker.context(), { actor: eva(), enrolmentId: f.enrolment })
		expect(shown.ok && shown.value.card?.returnOn).toBe('2031-06-03')
		// The morning before its day: the scan finishes and has queued nothing.
		now = new Date('2031-06-02T05:00:00Z')
		await runScan()
		expect(await outbox()).toEqual([])
		expect(worker.smtp.mails).toHaveLength(0)
	})

	test('three months on, the card arrives at the SMTP server once, with the actions and a link that opens it', async () => {
		// 07:00 in Amsterdam (summer time) on the return day.
		now = new Date('2031-06-03T05:00:00Z')
		await runScan()
		const mail = await worker.smtp.waitFor((candidate) => candidate.to.includes('eva@rvo.test'))
		expect(mail.subject).toBe('Uw kaart aan jezelf: Subsidieregels toepassen')
		expect(mail.text).toContain('Beste Eva Jansen,')
		expect(mail.text).toContain('1. Elke aanvraag toetsen aan de nieuwe regeling\n2. Een collega inwerken')
		const link = /Terugblikken: (https:\/\/leerplein\.example\.nl\/mijn-leren\/kaart\/([0-9a-f-]{36}))/.exec(mail.text)
		expect(link?.[2]).toBe(f.enrolment)
		// The next day's scan, and one more the same morning: nothing more.
		await runScan()
		now = new Date('2031-06-04T05:00:00Z')
		await runScan()
		await allSent()
		expect(worker.smtp.mails).toHaveLength(1)

		// What the link opens: her card, back, for her to say what became of each action.
		const opened = await showSelfCard(worker.context(), { actor: eva(), enrolmentId: link![2]! })
		expect(opened).toMatchObject({ ok: true, value: { due: true, card: { reviewedAt: null } } })
		expect(await reviewSelfCard(worker.context(), { actor: eva(), enrolmentId: link![2]!, submitted: { outcome1: 'done', outcome2: 'partly', note2: 'Half, de collega begint pas in juli' } })).toMatchObject({ ok: true })
	})
})
