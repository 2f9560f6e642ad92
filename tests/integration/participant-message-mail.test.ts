import { schema } from '@leerplein/db/schema'
import { createTestDatabase, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { mailParticipants } from '../../app/features/enrolment/mail-participants.server.ts'
import { pollUntil } from '../support/poll.ts'
import { startMailWorker, type MailWorker } from '../support/mail-worker.ts'

// Issue 14 item 6: a coordinator mails the selected people of a session. The job worker as the
// portal runs it (pg-boss, the mail job, nodemailer) sends one mail per person to a real SMTP
// server, in each person's language, naming the session (course, date, time, place) and the
// sender, with the message as written. PostgreSQL: the worker polls on its own connections.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

describe.each(drivers)('a message to the selected participants reaches them by mail, on %s', (driver) => {
	let database: TestDatabase
	let worker: MailWorker
	const clock = { now: () => new Date('2031-04-10T07:00:00Z') }
	let f: { nvwa: string; coordinator: string; sessionId: string; eva: string; tom: string; gone: string }

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		const db = database.db
		const [nvwa, rvo] = await db
			.insert(schema.tenants)
			.values([
				{ slug: 'nvwa', name: 'Nederlandse Voedsel- en Warenautoriteit', shortName: 'NVWA' },
				{ slug: 'rvo', name: 'Rijksdienst voor Ondernemend Nederland', shortName: 'RVO' },
			])
			.returning({ id: schema.tenants.id })
		const [coordinator] = await db.insert(schema.users).values({ tenantId: nvwa!.id, employeeNumber: 'c1', name: 'Nina de Coördinator', email: 'nina@nvwa.test' }).returning({ id: schema.users.id })
		await db.insert(schema.roleAssignments).values({ userId: coordinator!.id, role: 'coordinator', tenantId: nvwa!.id })
		// Eva reads Dutch, Tom English; Gert has left (inactive) and gets nothing.
		const [eva, tom, gert] = await db
			.insert(schema.users)
			.values([
				{ tenantId: rvo!.id, employeeNumber: 'e1', name: 'Eva Jansen', email: 'eva@rvo.test' },
				{ tenantId: rvo!.id, employeeNumber: 'e2', name: 'Tom Baker', email: 'tom@rvo.test', preferredLanguage: 'en' },
				{ tenantId: rvo!.id, employeeNumber: 'e3', name: 'Gert Weg', email: 'gert@rvo.test', active: false },
			])
			.returning({ id: schema.users.id })
		const [course] = await db
			.insert(schema.courses)
			.values({ providerTenantId: nvwa!.id, title: 'Monsters nemen', summary: 'S', description: 'D', form: 'classroom', durationMinutes: 120, status: 'published', visibility: 'concern', priceCents: 0 })
			.returning({ id: schema.courses.id })
		const [location] = await db.insert(schema.locations).values({ tenantId: nvwa!.id, name: 'Catharijnesingel', address: 'Catharijnesingel 59', city: 'Utrecht' }).returning({ id: schema.locations.id })
		const [session] = await db
			.insert(schema.sessions)
			.values({ tenantId: nvwa!.id, courseId: course!.id, locationId: location!.id, startsAt: new Date('2031-05-06T07:30:00Z'), endsAt: new Date('2031-05-06T09:30:00Z'), capacity: 10 })
			.returning({ id: schema.sessions.id })
		const enrolments = await db
			.insert(schema.enrolments)
			.values([eva, tom, gert].map((user, index) => ({ tenantId: rvo!.id, sessionId: session!.id, userId: user!.id, status: 'enrolled' as const, queueNumber: index + 1 })))
			.returning({ id: schema.enrolments.id })
		f = { nvwa: nvwa!.id, coordinator: coordinator!.id, sessionId: session!.id, eva: enrolments[0]!.id, tom: enrolments[1]!.id, gone: enrolments[2]!.id }
		worker = await startMailWorker(database, clock)
	}, 120_000)
	afterAll(async () => {
		await worker?.stop()
		await database?.close()
	}, 60_000)

	test('each selected person gets their own mail naming the session and the sender, in their language; someone who left gets none', async () => {
		const queued = await mailParticipants(
			worker.context(),
			{
				actor: { userId: f.coordinator, tenantId: f.nvwa, grants: [{ role: 'coordinator', tenantId: f.nvwa }] },
				sessionId: f.sessionId,
				enrolmentIds: [f.eva, f.tom, f.gone],
				subject: 'Neem laarzen mee',
				message: 'We gaan het veld in.\nNeem laarzen en een regenjas mee.',
			},
		)
		expect(queued.ok && queued.value.map((row) => row.result.ok)).toEqual([true, true, true])
		const eva = await worker.smtp.waitFor((mail) => mail.to.includes('eva@rvo.test'))
		expect(eva.subject).toBe('Monsters nemen: Neem laarzen mee')
		expect(eva.text).toContain('Beste Eva Jansen,')
		expect(eva.text).toContain('Nina de Coördinator (Nederlandse Voedsel- en Warenautoriteit) stuurt u dit bericht')
		expect(eva.text).toMatch(/Monsters nemen, di 6 mei 2031 09:30/)
		expect(eva.text).toContain('Catharijnesingel, Utrecht')
		expect(eva.text).toContain('We gaan het veld in.\nNeem laarzen en een regenjas mee.')
		const tom = await worker.smtp.waitFor((mail) => mail.to.includes('tom@rvo.test'))
		expect(tom.text).toContain('Dear Tom Baker,')
		expect(tom.text).toContain('Nina de Coördinator (Nederlandse Voedsel- en Warenautoriteit) sends you this message')
		// Every mail the worker took on has been sent, each once; Gert's job sent nothing.
		await pollUntil(async () => (await database.asOwner((db) => db.select().from(schema.outboxMails))).filter((each) => each.status === 'sent').length === 2, { message: 'the mails to be sent' })
		expect(worker.smtp.mails.map((each) => each.to).sort()).toEqual(['eva@rvo.test', 'tom@rvo.test'])
	})
})
