import { PASSPORT_REMINDER_QUEUE, type MailJob } from '@leerplein/db/jobs'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, listMailJobs, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { checkPassportConsistency } from '../../app/features/passport/check-passport-consistency.server.ts'
import { pollUntil } from '../support/poll.ts'
import { startMailWorker, type MailWorker } from '../support/mail-worker.ts'

// Issue 15's done-criterion "a reminder mail arrives at the SMTP server before expiry": the job
// worker as the portal runs it (pg-boss, the daily reminder job, the mail job, nodemailer) sends to
// a real SMTP server. The worker's clock is the test's: it stands 60 days before the last valid
// day, and the test queues the daily job instead of waiting for its morning. PostgreSQL: the
// worker polls on its own connections while the test reads.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

describe.each(drivers)('a passport reminder by mail, on %s', (driver) => {
	let database: TestDatabase
	let worker: MailWorker
	let now = new Date('2031-04-10T07:00:00Z')
	const clock = { now: () => now }

	const runDailyJob = () => worker.runScheduled(PASSPORT_REMINDER_QUEUE)
	const passportMailJobs = async () => (await listMailJobs(worker.app.db)).filter((job: MailJob) => job.kind === 'passport_reminder')

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		const db = database.db
		const [rvo] = await db.insert(schema.tenants).values({ slug: 'rvo', name: 'Rijksdienst voor Ondernemend Nederland', shortName: 'RVO' }).returning({ id: schema.tenants.id })
		const [mark] = await db.insert(schema.users).values({ tenantId: rvo!.id, employeeNumber: 'm1', name: 'Mark de Boer', email: 'mark@rvo.test' }).returning({ id: schema.users.id })
		const [eva] = await db.insert(schema.users).values({ tenantId: rvo!.id, employeeNumber: 'e1', name: 'Eva Jansen', email: 'eva@rvo.test', managerId: mark!.id }).returning({ id: schema.users.id })
		const [bhv] = await db.insert(schema.competencies).values({ name: 'Bedrijfshulpverlening', validityMonths: 12, warningDays: 30 }).returning({ id: schema.competencies.id })
		await db.insert(schema.competencyRequirements).values({ tenantId: rvo!.id, competencyId: bhv!.id, introducedOn: '2029-01-01', graceDays: 0 })
		// Evidence of 15 June 2030: valid through 15 June 2031. Mark never had it (red from the start: no reminder).
		await db.insert(schema.passportEvidence).values({
			tenantId: rvo!.id,
			userId: eva!.id,
			competencyId: bhv!.id,
			sourceKind: 'import',
			sourceRef: 'import:1',
			occurredAt: new Date('2030-06-15T10:00:00Z'),
			occurredOn: '2030-06-15',
		})
		worker = await startMailWorker(database, clock)
		// The owner wrote the evidence without marks: the nightly check fills the dots.
		const checked = await checkPassportConsistency(worker.context(), { actor: null })
		expect(checked.ok).toBe(true)
	}, 120_000)
	afterAll(async () => {
		await worker?.stop()
		await database?.close()
	}, 60_000)

	test('66 days before expiry the daily job queues nothing', async () => {
		await runDailyJob()
		expect(await passportMailJobs()).toEqual([])
	})

	test('60 days before expiry the reminder arrives at the SMTP server, for the employee and for her manager; the next run sends nothing again', async () => {
		now = new Date('2031-04-16T05:00:00Z')
		await runDailyJob()
		const employee = await worker.smtp.waitFor((mail) => mail.to.includes('eva@rvo.test') && mail.subject.startsWith('Herinnering: Bedrijfshulpverlening'))
		expect(employee.subject).toBe('Herinnering: Bedrijfshulpverlening is nog geldig tot en met zo 15 juni 2031')
		expect(employee.text).toContain('Beste Eva Jansen,')
		expect(employee.text).toContain('Mijn paspoort: https://leerplein.example.nl/mijn-paspoort')
		const manager = await worker.smtp.waitFor((mail) => mail.to.includes('mark@rvo.test'))
		expect(manager.subject).toBe('Herinnering: Bedrijfshulpverlening van Eva Jansen is nog geldig tot en met zo 15 juni 2031')

		// The job again, the same day and the next: the ledger holds the reminder, so no mail is queued.
		await runDailyJob()
		now = new Date('2031-04-17T05:00:00Z')
		await runDailyJob()
		expect((await passportMailJobs()).length).toBe(2)
		// Every queued mail has been sent (none left waiting that could still arrive), each once.
		await pollUntil(async () => (await database.asOwner((db) => db.select().from(schema.outboxMails))).every((mail) => mail.status === 'sent'), { message: 'the mails to be sent' })
		expect(worker.smtp.mails.map((mail) => mail.to).sort()).toEqual(['eva@rvo.test', 'mark@rvo.test'])
	})
})
