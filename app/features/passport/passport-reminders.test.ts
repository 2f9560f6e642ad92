import { withTenantContext, type DatabaseClient } from '@leerplein/db'
import type { PassportReminderJob } from '@leerplein/db/jobs'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, finishMailJobs, insertNvwaAndRvo, listMailJobs, type TestDatabase, testDrivers } from '@leerplein/db/testing'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { sendNotification, type MailDelivery } from '../notifications/send-notification.server.ts'
import { checkPassportConsistency } from './check-passport-consistency.server.ts'
import { enqueuePassportReminders } from './enqueue-passport-reminders.server.ts'
import { testContext } from '../../core/testing.ts'

// Passport reminders through the real services (ADR 031, reminders): the daily job, run at the
// days the test sets, queues one mail per recipient per reminder, however often it runs, and the
// mail says what the employee and their manager need to know.

/** 09:00 in Amsterdam (summer time) on `day`. */
const at = (day: string) => new Date(`${day}T07:00:00Z`)
const delivery: MailDelivery = { transport: null, from: 'Leerplein <noreply@leerplein.test>', portalUrl: 'https://leerplein.test' }

describe.each(await testDrivers())('passport reminders on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: Awaited<ReturnType<typeof plant>>
	const ctx = (now: Date) => testContext(app.db, now, { clientIp: null })
	const remind = async (day: string) => {
		const result = await enqueuePassportReminders(ctx(at(day)), { actor: null })
		if (!result.ok) throw new Error(`the reminder job refused: ${result.code}`)
		return result.value
	}
	// The mail jobs a test has sent already: the queue keeps them (completed), the tests look at the new ones.
	const handled = new Set<string>()
	const reminderJobs = async () => (await listMailJobs(app.db)).filter((job): job is PassportReminderJob => job.kind === 'passport_reminder' && !handled.has(job.messageKey))
	/** Sends (into the outbox: no SMTP) every queued reminder mail, and returns them as recipient → subject and body. */
	async function sendAll(day: string) {
		const mails: { to: string; subject: string; body: string }[] = []
		for (const job of await reminderJobs()) {
			await sendNotification(ctx(at(day)), { actor: { tenantId: job.tenantId, userId: null }, delivery, job })
			const mail = await database.asOwner(async (db) => (await db.select().from(schema.outboxMails)).find((row) => row.messageKey === job.messageKey))
			// A reminder no longer true when its mail is written writes nothing.
			if (mail) mails.push({ to: mail.toAddress, subject: mail.subject, body: mail.body })
			handled.add(job.messageKey)
		}
		await finishMailJobs(app.db)
		return mails.sort((a, b) => a.to.localeCompare(b.to))
	}

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		f = await plant(database)
		app = await database.connectAsApp({ maxConnections: 2 })
		// The seedless start: the owner wrote evidence without marks, so the nightly check fills the dots.
		expect(await checkPassportConsistency(ctx(at('2031-04-10')), { actor: null })).toMatchObject({ ok: true })
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	test('66 days before expiry nothing is due; a dot red from the start is no reminder', async () => {
		expect(await remind('2031-04-10')).toEqual({ reminders: 0, mails: 0 })
		expect(await reminderJobs()).toEqual([])
	})

	test('60 days before expiry: one reminder each, mailed to the employee and their manager, once however often and however concurrently the job runs', async () => {
		const runs = await Promise.all([remind('2031-04-16'), remind('2031-04-16')])
		expect(runs.reduce((sum, run) => sum + run.reminders, 0)).toBe(2)
		expect(await remind('2031-04-16')).toEqual({ reminders: 0, mails: 0 })
		// The next day the reminder is not due again.
		expect(await remind('2031-04-17')).toEqual({ reminders: 0, mails: 0 })
		const jobs = await reminderJobs()
		expect(jobs.map((job) => job.recipientUserId).sort()).toEqual([f.eva, f.mark, f.bas].sort())
		expect(new Set(jobs.map((job) => job.messageKey)).size).toBe(3)

		const mails = await sendAll('2031-04-16')
		expect(mails.map((mail) => [mail.to, mail.subject])).toEqual([
			['bas@rvo.test', 'Herinnering: BHV is nog geldig tot en met wo 11 juni 2031'],
			['eva@rvo.test', 'Herinnering: BHV is nog geldig tot en met zo 15 juni 2031'],
			// Mark reads English: his own language, naming his employee.
			['mark@rvo.test', 'Reminder: BHV of Eva Jansen is valid until Sun, 15 June 2031'],
		])
		const eva = mails.find((mail) => mail.to === 'eva@rvo.test')!.body
		expect(eva).toContain('Beste Eva Jansen,')
		expect(eva).toContain('Uw leidinggevende krijgt dit bericht ook.')
		expect(eva).toContain('Mijn paspoort: https://leerplein.test/mijn-paspoort')
		// Bas has no manager: his mail promises none.
		expect(mails.find((mail) => mail.to === 'bas@rvo.test')!.body).not.toContain('leidinggevende')
		expect(mails.find((mail) => mail.to === 'mark@rvo.test')!.body).toContain('The competency BHV of Eva Jansen, who reports to you, is valid until Sun, 15 June 2031')
	})

	test('a mail job run twice sends once (the outbox); the ledger is the unit’s own', async () => {
		await remind('2031-05-28')
		const [job] = (await reminderJobs()).filter((each) => each.recipientUserId === f.bas)
		expect(await sendNotification(ctx(at('2031-05-28')), { actor: { tenantId: f.rvo, userId: null }, delivery, job: job! })).toEqual({ ok: true, value: 'kept' })
		expect(await sendNotification(ctx(at('2031-05-28')), { actor: { tenantId: f.rvo, userId: null }, delivery, job: job! })).toEqual({ ok: true, value: 'already_sent' })
		await sendAll('2031-05-28')

		const ledger = (tenantId: string) => withTenantContext(app.db, { tenantId, userId: null }, (tx) => tx.select().from(schema.passportReminders))
		expect((await ledger(f.rvo)).map((row) => [row.userId, row.kind, row.validUntil, row.daysBefore, row.managerId]).sort()).toEqual(
			[
				[f.bas, 'expiring', '2031-06-11', 14, null],
				[f.bas, 'expiring', '2031-06-11', 60, null],
				[f.eva, 'expiring', '2031-06-15', 60, f.mark],
			].sort(),
		)
		expect(await ledger(f.nvwa)).toEqual([])
	})

	test('14 days before expiry: the second reminder, once', async () => {
		expect(await remind('2031-06-01')).toEqual({ reminders: 1, mails: 2 })
		expect(await remind('2031-06-01')).toEqual({ reminders: 0, mails: 0 })
		const mails = await sendAll('2031-06-01')
		expect(mails.map((mail) => mail.to)).toEqual(['eva@rvo.test', 'mark@rvo.test'])
	})

	test('the dot turns red on the night after its last valid day: the red reminder, once, in the morning; a dot green again before its mail is written sends none', async () => {
		expect(await checkPassportConsistency(ctx(new Date('2031-06-16T00:30:00Z')), { actor: null })).toMatchObject({ ok: true, value: { drift: 0 } })
		expect(await remind('2031-06-16')).toEqual({ reminders: 2, mails: 3 })
		expect(await remind('2031-06-16')).toEqual({ reminders: 0, mails: 0 })
		expect(await remind('2031-06-18')).toEqual({ reminders: 0, mails: 0 })
		// Bas renews that morning, before his mail is written (the owner imports it; the check settles his dot).
		await database.asOwner((db) =>
			db.insert(schema.passportEvidence).values({ tenantId: f.rvo, userId: f.bas, competencyId: f.bhv, sourceKind: 'import', sourceRef: 'renewal', occurredAt: at('2031-06-16'), occurredOn: '2031-06-16' }),
		)
		expect(await checkPassportConsistency(ctx(at('2031-06-16')), { actor: null })).toMatchObject({ ok: true })
		const mails = await sendAll('2031-06-16')
		expect(mails.map((mail) => [mail.to, mail.subject])).toEqual([
			['eva@rvo.test', 'Rood in uw kwaliteitspaspoort: BHV'],
			['mark@rvo.test', 'Red in the quality passport of Eva Jansen: BHV'],
		])
		expect(mails[0]!.body).toContain('Uw bekwaamheid BHV staat sinds ma 16 juni 2031 op rood in uw kwaliteitspaspoort')
	})
})

/**
 * RVO (and NVWA, to look from): Eva and Bas hold BHV (12 months) from an import, Eva until 15 June
 * 2031, Bas until 11 June; Mark is Eva's manager, reads English, and never had BHV. Everyone
 * also needs a permanent competency Eva holds, which never reminds.
 */
async function plant(database: TestDatabase) {
	const db = database.db
	const { nvwa, rvo } = await insertNvwaAndRvo(db)
	const [mark] = await db.insert(schema.users).values({ tenantId: rvo, employeeNumber: 'm1', name: 'Mark de Boer', email: 'mark@rvo.test', preferredLanguage: 'en' }).returning({ id: schema.users.id })
	const [eva, bas] = await db
		.insert(schema.users)
		.values([
			{ tenantId: rvo, employeeNumber: 'e1', name: 'Eva Jansen', email: 'eva@rvo.test', managerId: mark!.id },
			{ tenantId: rvo, employeeNumber: 'e2', name: 'Bas Visser', email: 'bas@rvo.test' },
		])
		.returning({ id: schema.users.id })
	const [bhv, integrity] = await db
		.insert(schema.competencies)
		.values([
			{ name: 'BHV', validityMonths: 12, warningDays: 30 },
			{ name: 'Integriteit', validityMonths: null, warningDays: 60 },
		])
		.returning({ id: schema.competencies.id })
	await db.insert(schema.competencyRequirements).values([
		{ tenantId: null, competencyId: bhv!.id, introducedOn: '2029-01-01', graceDays: 0 },
		{ tenantId: rvo, competencyId: integrity!.id, introducedOn: '2029-01-01', graceDays: 0 },
	])
	const evidence = (userId: string, competencyId: string, occurredOn: string) => ({
		tenantId: rvo,
		userId,
		competencyId,
		sourceKind: 'import' as const,
		sourceRef: `import:${userId}:${competencyId}`,
		occurredAt: new Date(`${occurredOn}T10:00:00Z`),
		occurredOn,
	})
	await db.insert(schema.passportEvidence).values([evidence(eva!.id, bhv!.id, '2030-06-15'), evidence(bas!.id, bhv!.id, '2030-06-11'), evidence(eva!.id, integrity!.id, '2020-01-01')])
	return { nvwa, rvo, mark: mark!.id, eva: eva!.id, bas: bas!.id, bhv: bhv!.id }
}
