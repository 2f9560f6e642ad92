import { UNIT_REPORT_QUEUE } from '@leerplein/db/jobs'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { pollUntil } from '../support/poll.ts'
import { startMailWorker, type MailWorker } from '../support/mail-worker.ts'

// Issue 18, item 4: "a monthly report mailed to the unit's coordinators (no mail when empty, with a
// note why)". The job worker as the portal runs it (pg-boss, the monthly scan, the mail job,
// nodemailer) sends to a real SMTP server; the test's clock stands on the first of the month at
// 07:00 and the test queues the scan as its schedule would.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

describe.each(drivers)('the monthly unit report by mail, on %s', (driver) => {
	let database: TestDatabase
	let worker: MailWorker
	// 07:00 in Amsterdam (summer time) on 1 April 2031: March's report.
	const now = new Date('2031-04-01T05:00:00Z')
	const clock = { now: () => now }
	let f: { rvo: string; nvwa: string }

	const runScan = () => worker.runScheduled(UNIT_REPORT_QUEUE)
	const outbox = () => database.asOwner((db) => db.select().from(schema.outboxMails))
	const allSent = () => pollUntil(async () => (await outbox()).every((mail) => mail.status === 'sent'), { message: 'the mails to be sent' })

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		const db = database.db
		const [rvo, nvwa] = await db
			.insert(schema.tenants)
			.values([
				{ slug: 'rvo', name: 'Rijksdienst voor Ondernemend Nederland', shortName: 'RVO' },
				{ slug: 'nvwa', name: 'Nederlandse Voedsel- en Warenautoriteit', shortName: 'NVWA' },
			])
			.returning({ id: schema.tenants.id })
		const people = await db
			.insert(schema.users)
			.values([
				{ tenantId: rvo!.id, employeeNumber: 'c1', name: 'Fatima el Amrani', email: 'fatima@rvo.test' },
				{ tenantId: rvo!.id, employeeNumber: 'c2', name: 'Oud Coördinator', email: 'oud@rvo.test', active: false },
				{ tenantId: nvwa!.id, employeeNumber: 'c3', name: 'Peter de Boer', email: 'peter@nvwa.test' },
				...['a', 'b', 'c', 'd'].map((name) => ({ tenantId: rvo!.id, employeeNumber: name, name: `Deelnemer ${name}`, email: `${name}@rvo.test` })),
			])
			.returning({ id: schema.users.id })
		await db.insert(schema.roleAssignments).values([
			{ userId: people[0]!.id, role: 'coordinator', tenantId: rvo!.id },
			{ userId: people[1]!.id, role: 'coordinator', tenantId: rvo!.id },
			{ userId: people[2]!.id, role: 'coordinator', tenantId: nvwa!.id },
		])
		const [course] = await db
			.insert(schema.courses)
			.values({ providerTenantId: rvo!.id, title: 'Subsidieregels toepassen', summary: 'Samenvatting', description: 'Beschrijving', form: 'classroom', durationMinutes: 180, status: 'published', visibility: 'concern' })
			.returning({ id: schema.courses.id })
		const startsAt = new Date('2031-03-12T09:00:00Z')
		const [session] = await db
			.insert(schema.sessions)
			.values({ tenantId: rvo!.id, courseId: course!.id, startsAt, endsAt: new Date('2031-03-12T14:00:00Z'), capacity: 20 })
			.returning({ id: schema.sessions.id })
		// Two completed, one no-show, one cancelled the day before (late).
		const statuses = ['completed', 'completed', 'no_show', 'cancelled'] as const
		await db.insert(schema.enrolments).values(
			statuses.map((status, k) => ({ tenantId: rvo!.id, sessionId: session!.id, userId: people[3 + k]!.id, status, queueNumber: k + 1, updatedAt: status === 'cancelled' ? new Date('2031-03-11T09:00:00Z') : startsAt })),
		)
		f = { rvo: rvo!.id, nvwa: nvwa!.id }
		worker = await startMailWorker(database, clock)
	}, 120_000)
	afterAll(async () => {
		await worker?.stop()
		await database?.close()
	}, 60_000)

	test('on the first of the month the active coordinator of a unit with activity gets last month’s figures and a link to that month’s report, once', async () => {
		await runScan()
		const mail = await worker.smtp.waitFor((candidate) => candidate.to.includes('fatima@rvo.test'))
		expect(mail.subject).toBe('Rapportage RVO: maart 2031')
		expect(mail.text).toContain('Beste Fatima el Amrani,')
		expect(mail.text).toContain('Deelnemers: 3\nAfgerond: 2 (66,7%)\nNiet verschenen: 1\nGeannuleerd: 1, waarvan te laat: 1\nOp de wachtlijst: 0')
		expect(mail.text).toContain('https://leerplein.example.nl/beheer/rapportages?van=2031-03&tot=2031-03')
		// The scan again (a retry, or a second portal's schedule): nothing more.
		await runScan()
		await allSent()
		expect(worker.smtp.mails.map((sent) => sent.to)).toEqual(['fatima@rvo.test'])
	})

	test('a unit whose sessions had no one that month gets no mail, and its audit trail says why', async () => {
		expect(worker.smtp.mails.some((sent) => sent.to.includes('peter@nvwa.test'))).toBe(false)
		const notes = await database.asOwner((db) => db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'report.monthly_skipped')))
		expect(notes.filter((note) => note.tenantId === f.nvwa)[0]).toMatchObject({ objectType: 'unit_report', objectId: '2031-03', result: 'success', after: { reason: 'nothing_in_month' } })
		expect(notes.some((note) => note.tenantId === f.rvo)).toBe(false)
	})
})
