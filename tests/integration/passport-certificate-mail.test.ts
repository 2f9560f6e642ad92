import { schema } from '@leerplein/db/schema'
import { createTestDatabase, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { submitCertificate } from '../../app/features/passport/submit-certificate.server.ts'
import { pollUntil } from '../support/poll.ts'
import { startMailWorker, type MailWorker } from '../support/mail-worker.ts'

// Issue 15: when an employee sends in a certificate, their manager gets a mail that it awaits
// review. The job worker as the portal runs it (pg-boss, the mail job, nodemailer) sends to a real
// SMTP server, in the manager's language, with a link to the review page on PUBLIC_URL.
// PostgreSQL: the worker polls on its own connections while the test submits.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')

describe.each(drivers)('a certificate sent in is mailed to the manager, on %s', (driver) => {
	let database: TestDatabase
	let worker: MailWorker
	const clock = { now: () => new Date('2031-04-10T07:00:00Z') }
	let f: { rvo: string; eva: string; bas: string; bhv: string }

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		const db = database.db
		const [rvo] = await db.insert(schema.tenants).values({ slug: 'rvo', name: 'Rijksdienst voor Ondernemend Nederland', shortName: 'RVO' }).returning({ id: schema.tenants.id })
		// Mark reads English; Bas has a manager who left (inactive): nobody to tell.
		const [mark, gone] = await db
			.insert(schema.users)
			.values([
				{ tenantId: rvo!.id, employeeNumber: 'm1', name: 'Mark de Boer', email: 'mark@rvo.test', preferredLanguage: 'en' },
				{ tenantId: rvo!.id, employeeNumber: 'm2', name: 'Vertrokken Manager', email: 'weg@rvo.test', active: false },
			])
			.returning({ id: schema.users.id })
		const [eva, bas] = await db
			.insert(schema.users)
			.values([
				{ tenantId: rvo!.id, employeeNumber: 'e1', name: 'Eva Jansen', email: 'eva@rvo.test', managerId: mark!.id },
				{ tenantId: rvo!.id, employeeNumber: 'e2', name: 'Bas Bakker', email: 'bas@rvo.test', managerId: gone!.id },
			])
			.returning({ id: schema.users.id })
		const [bhv] = await db.insert(schema.competencies).values({ name: 'Bedrijfshulpverlening', validityMonths: 12, warningDays: 30 }).returning({ id: schema.competencies.id })
		f = { rvo: rvo!.id, eva: eva!.id, bas: bas!.id, bhv: bhv!.id }
		worker = await startMailWorker(database, clock)
	}, 120_000)
	afterAll(async () => {
		await worker?.stop()
		await database?.close()
	}, 60_000)

	const submit = (userId: string) =>
		submitCertificate(
			worker.context(),
			{ actor: { userId, tenantId: f.rvo, grants: [{ role: 'employee', tenantId: f.rvo }] }, competencyId: f.bhv, obtainedOn: '2031-04-02', note: '', file: { name: 'bhv.pdf', bytes: PDF } },
		)

	test('Eva sends in a certificate: the mail arrives at the SMTP server for Mark, in English, with the link to the review page; Bas’s inactive manager gets nothing', async () => {
		expect(await submit(f.bas)).toMatchObject({ ok: true })
		expect(await submit(f.eva)).toMatchObject({ ok: true })
		const mail = await worker.smtp.waitFor((each) => each.to.includes('mark@rvo.test'))
		expect(mail.subject).toBe('Certificate to review: Bedrijfshulpverlening of Eva Jansen')
		expect(mail.text).toContain('Dear Mark de Boer,')
		expect(mail.text).toContain('Eva Jansen, who reports to you, has sent in a certificate for Bedrijfshulpverlening, obtained on Wed, 2 April 2031.')
		expect(mail.text).toContain('Review: https://leerplein.example.nl/paspoorten/bewijs')
		// Every queued mail has been sent, each once: only Mark's.
		await pollUntil(async () => (await database.asOwner((db) => db.select().from(schema.outboxMails))).every((each) => each.status === 'sent'), { message: 'the mails to be sent' })
		expect(worker.smtp.mails.map((each) => each.to)).toEqual(['mark@rvo.test'])
	})
})
