import { randomUUID } from 'node:crypto'
import { and, eq, ne, sql } from 'drizzle-orm'
import { selectRows, type Database } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import { testDrivers } from '@leerplein/db/testing'
import { budgetYear } from '@leerplein/domain'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { accessibilityViolations, FATIMA, SANNE, signInAs, useE2E } from '../support/e2e.ts'
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts'

const MARK = 'Mark Jansen' // manager of Sanne, RVO

// The whole way through, in a real browser against the real portal, with mail delivered to a
// real SMTP server: enrol → the manager approves → confirmation → the employee cancels → the
// first on the waitlist gets the seat and a mail. PostgreSQL, so the test can plant and read rows.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

describe.each(drivers)('enrolment, approval, cancellation and the waitlist on %s', (driver) => {
	let smtp: TestSmtpServer
	// The SMTP server is there before the portal that sends to it, and stops after it.
	beforeAll(async () => {
		smtp = await startSmtpServer()
	})
	afterAll(() => smtp?.close())
	const e2e = useE2E({ driver, env: () => ({ SMTP_URL: smtp.url, JOBS_IN_PROCESS: 'true', JOB_POLL_SECONDS: '0.5' }), owner: true })
	const { portal, owner } = e2e
	let f: Awaited<ReturnType<typeof plant>>

	beforeAll(async () => {
		f = await plant(owner)
	})

	const statusOf = async (enrolmentId: string) =>
		(await owner.db.select({ status: schema.enrolments.status }).from(schema.enrolments).where(eq(schema.enrolments.id, enrolmentId)))[0]?.status
	const sanneEnrolment = async (sessionId: string) =>
		(await owner.db.select().from(schema.enrolments).where(and(eq(schema.enrolments.sessionId, sessionId), eq(schema.enrolments.userId, f.sanne.id))))[0]

	async function expectAccessible(page: Page) {
		expect(await accessibilityViolations(page)).toEqual([])
	}

	test('enrol → manager approves → confirmation mail → employee cancels → the first waiting is promoted and mailed', async () => {
		const sanne = await e2e.newPage()
		await signInAs(sanne, SANNE, { returnTo: `/catalogus/${f.courseId}` })
		// Before the click the page says what will happen: who decides first, and what it takes from which year's budget.
		const choice = sanne.getByRole('radio').first()
		const effect = await sanne.locator(`[id="${await choice.getAttribute('aria-describedby')}"]`).innerText()
		expect(effect).toMatch(/^Eerst beslist uw leidinggevende: .+\. Na goedkeuring gaat €\s[\d.,]+ van uw leerbudget 20\d\d af\. Daarna nog €\s[\d.,]+ over\.$/)
		await choice.check()
		await expectAccessible(sanne)
		await sanne.getByRole('button', { name: 'Inschrijven', exact: true }).click()
		await sanne.getByRole('status').filter({ hasText: 'Uw aanvraag is verstuurd' }).waitFor()
		const request = await sanneEnrolment(f.sessionId)
		expect(request?.status).toBe('awaiting_approval')
		await smtp.waitFor((mail) => mail.to.includes(f.mark.email) && mail.subject.startsWith('Goedkeuring gevraagd: Sanne de Vries'))

		const mark = await e2e.newPage()
		await signInAs(mark, MARK, { returnTo: '/goedkeuringen' })
		await expectAccessible(mark)
		// The seed may hold another request of Sanne's: pick the one for this course.
		await mark.getByRole('row').filter({ hasText: f.courseTitle }).getByRole('checkbox', { name: 'Sanne de Vries selecteren' }).check()
		await mark.getByRole('button', { name: 'Goedkeuren' }).click()
		// First what it would do to Sanne's budget, then the decision.
		await mark.getByRole('heading', { name: 'Controleer voordat u goedkeurt' }).waitFor()
		expect(await statusOf(request!.id)).toBe('awaiting_approval')
		await mark.getByRole('button', { name: 'Ja, 1 aanvraag goedkeuren' }).click()
		await mark.getByRole('status').filter({ hasText: '1 aanvraag verwerkt' }).waitFor()
		expect(await statusOf(request!.id)).toBe('enrolled')
		// Budget committed at approval, with the cost centre fixed then.
		const ledger = await owner.db.select().from(schema.budgetLedger).where(eq(schema.budgetLedger.enrolmentId, request!.id))
		expect(ledger).toMatchObject([{ kind: 'commit', amountCents: f.priceCents, costCentre: f.sanne.costCentre }])
		const confirmation = await smtp.waitFor((mail) => mail.to.includes(f.sanne.email) && mail.subject === `Goedgekeurd: ${f.courseTitle}`)
		expect(confirmation.messageId).toMatch(/@leerplein\.local>$/)
		const waitingEnrolmentId = await f.addWaiting()

		await sanne.goto('/mijn-leren')
		await expectAccessible(sanne)
		// The budget her enrolment is paid from is shown, also when the session falls in next year.
		expect(await sanne.locator('main').innerText()).toContain(`Leerbudget ${budgetYear(f.sessionStartsAt)}:`)
		await sanne.getByRole('link', { name: `Inschrijving voor ${f.courseTitle} annuleren` }).click()
		await expectAccessible(sanne)
		await sanne.getByRole('button', { name: 'Ja, annuleren' }).click()
		await sanne.getByRole('status').filter({ hasText: 'Uw inschrijving is geannuleerd' }).waitFor()
		expect(await statusOf(request!.id)).toBe('cancelled')
		// The waiting colleague has the seat, in the same transaction, and hears it.
		expect(await statusOf(waitingEnrolmentId)).toBe('enrolled')
		await smtp.waitFor((mail) => mail.to.includes(f.waiting.email) && mail.subject === `Er is een plaats vrijgekomen: u bent ingeschreven voor ${f.courseTitle}`)
		await smtp.waitFor((mail) => mail.to.includes(f.sanne.email) && mail.subject === `Geannuleerd: ${f.courseTitle}`)
		// Cancelled more than the free-cancellation days ahead: the budget is released.
		const entries = await owner.db.select().from(schema.budgetLedger).where(eq(schema.budgetLedger.enrolmentId, request!.id))
		expect(entries.map((e) => e.amountCents).reduce((a, b) => a + b, 0)).toBe(0)
		// Every mail went out once: no Message-ID twice.
		const ids = smtp.mails.map((mail) => mail.messageId)
		expect(new Set(ids).size).toBe(ids.length)
	}, 180_000)

	test('the coordinator pages and the calendar file are there and accessible', async () => {
		const fatima = await e2e.newPage()
		await signInAs(fatima, 'Fatima el Amrani', { returnTo: `/uitvoeringen/${f.sessionId}` })
		await fatima.getByRole('heading', { name: 'Deelnemers' }).waitFor()
		await expectAccessible(fatima)
		await fatima.goto('/uitvoeringen')
		await expectAccessible(fatima)
		const [someoneElses] = await owner.db.select({ id: schema.enrolments.id }).from(schema.enrolments).where(eq(schema.enrolments.userId, f.waiting.id)).limit(1)
		const calendar = await fetch(`${portal.url}/mijn-leren/agenda/${someoneElses!.id}`, { headers: { Cookie: await e2e.sessionCookie('rvo-employee') } })
		expect(calendar.status).toBe(404)
	})

	test("an archived course of the own unit: its employee gets the not-found page; its coordinator sees it, cannot enrol, and is told why", async () => {
		const inArchived = async () => (await owner.db.select({ id: schema.enrolments.id }).from(schema.enrolments).where(eq(schema.enrolments.sessionId, f.archived.sessionId))).length
		const sanne = await e2e.newPage()
		await signInAs(sanne, SANNE, { returnTo: '/mijn-leren' })
		const answer = await sanne.goto(`/catalogus/${f.archived.courseId}`)
		expect(answer?.status()).toBe(404)
		await sanne.getByText('Deze opleiding bestaat niet of is niet (meer) voor u beschikbaar.').first().waitFor()
		expect(await sanne.content()).not.toContain(f.archived.title)

		const fatima = await e2e.newPage()
		await signInAs(fatima, FATIMA, { returnTo: `/catalogus/${f.archived.courseId}` })
		await fatima.getByRole('heading', { level: 1, name: f.archived.title }).waitFor()
		await fatima.getByRole('radio').first().check()
		await fatima.getByRole('button', { name: 'Inschrijven', exact: true }).click()
		await fatima.getByRole('alert').filter({ hasText: 'Deze opleiding is niet gepubliceerd' }).first().waitFor()
		await expectAccessible(fatima)
		expect(await inArchived()).toBe(0)
	})

	test('a form refused in the browser says why above it and beside the field, sends nothing, and stays accessible', async () => {
		const sanne = await e2e.newPage()
		await signInAs(sanne, SANNE, { returnTo: `/catalogus/${f.courseId}` })
		const requests = async () => (await owner.db.select({ id: schema.enrolments.id }).from(schema.enrolments).where(eq(schema.enrolments.userId, f.sanne.id))).length
		const before = await requests()
		// Checked in the browser with the same schema as the server: no request leaves the page.
		const posts: string[] = []
		sanne.on('request', (request) => void (request.method() === 'POST' && posts.push(request.url())))
		await sanne.getByRole('button', { name: 'Inschrijven', exact: true }).click()
		const summary = sanne.getByRole('alert').filter({ hasText: 'Er is nog niets opgeslagen' })
		await summary.getByRole('link', { name: 'Kies een uitvoering: Kies een uitvoering om u voor in te schrijven.' }).waitFor()
		await sanne.getByRole('group', { name: 'Kies een uitvoering' }).getByText('Kies een uitvoering om u voor in te schrijven.').waitFor()
		expect(await summary.evaluate((element) => element === document.activeElement)).toBe(true)
		await expectAccessible(sanne)
		expect(await requests()).toBe(before)
		expect(posts).toEqual([])

		const fatima = await e2e.newPage()
		await signInAs(fatima, 'Fatima el Amrani', { returnTo: `/uitvoeringen/${f.secondSessionId}` })
		fatima.on('request', (request) => void (request.method() === 'POST' && posts.push(request.url())))
		await fatima.getByRole('spinbutton', { name: 'Aantal plaatsen' }).fill('0')
		await fatima.getByRole('button', { name: 'Capaciteit wijzigen' }).click()
		await fatima.getByRole('alert').getByRole('link', { name: 'Aantal plaatsen: Vul als capaciteit een heel getal van 1 tot en met 1000 in.' }).waitFor()
		expect(await fatima.getByRole('spinbutton', { name: 'Aantal plaatsen' }).getAttribute('aria-invalid')).toBe('true')
		await expectAccessible(fatima)
		const [session] = await owner.db.select({ capacity: schema.sessions.capacity }).from(schema.sessions).where(eq(schema.sessions.id, f.secondSessionId))
		expect(session!.capacity).toBe(10)
		expect(posts).toEqual([])
	}, 120_000)

	test("a coordinator overrides their unit's rules (inherit or own value), with errors next to the field; another unit's coordinator cannot", async () => {
		const rvo = async () => (await owner.db.select().from(schema.tenants).where(eq(schema.tenants.slug, 'rvo')))[0]!
		const initial = (await rvo()).poOverrides
		const fatima = await e2e.newPage()
		await signInAs(fatima, 'Fatima el Amrani', { returnTo: '/onderdelen/rvo/regels' })
		const group = fatima.getByRole('group', { name: 'Kosteloos annuleren tot' })
		await group.getByRole('radio', { name: 'Eigen waarde' }).check()
		await group.getByRole('spinbutton').fill('365')
		await fatima.getByRole('button', { name: 'Regels opslaan' }).click()
		await group.getByText('Vul een heel aantal dagen in, van 0 tot en met 90.').waitFor()
		await expectAccessible(fatima)
		await group.getByRole('spinbutton').fill('21')
		await fatima.getByRole('button', { name: 'Regels opslaan' }).click()
		await fatima.getByRole('status').filter({ hasText: 'De regels zijn opgeslagen.' }).waitFor()
		// Only that rule changed; the unit's other overrides (and its branding) are kept.
		expect((await rvo()).poOverrides).toEqual({ ...initial, freeCancellationDays: 21 })
		const [audit] = await owner.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'tenant.rules.update'))
		expect(audit).toMatchObject({ result: 'success', before: initial, after: { ...initial, freeCancellationDays: 21 } })

		const before = (await rvo()).poOverrides
		const attack = await fetch(`${portal.url}/onderdelen/rvo/regels`, {
			method: 'POST',
			redirect: 'manual',
			headers: { Cookie: await e2e.sessionCookie('nvwa-coordinator'), Origin: portal.url },
			body: new URLSearchParams({ intent: 'save', 'freeCancellationDays.mode': 'override', 'freeCancellationDays.value': '0' }),
		})
		expect(attack.status).toBe(403)
		expect((await rvo()).poOverrides).toEqual(before)
	})

	test('the providing coordinator raises capacity, moves a participant, registers a no-show and cancels a session', async () => {
		const fatima = await e2e.sessionCookie('rvo-coordinator')
		const post = (path: string, body: Record<string, string>) =>
			fetch(`${portal.url}${path}`, { method: 'POST', redirect: 'manual', headers: { Cookie: fatima, Origin: portal.url }, body: new URLSearchParams(body) })
		const people = await owner.db.select({ id: schema.users.id, email: schema.users.email }).from(schema.users).where(eq(schema.users.tenantId, f.rvoId)).limit(20).offset(40)
		const [a, b, c] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]]
		const day = 86_400_000
		const [x, y, past] = await owner.db
			.insert(schema.sessions)
			.values([50, 57, -1].map((days) => ({ tenantId: f.rvoId, courseId: f.courseId, startsAt: new Date(Date.now() + days * day), endsAt: new Date(Date.now() + days * day + 3_600_000), capacity: 1 })))
			.returning({ id: schema.sessions.id })
		const enrol = async (userId: string, sessionId: string, status: 'enrolled' | 'waitlisted') => {
			const [row] = await owner.db
				.insert(schema.enrolments)
				.values({ tenantId: f.rvoId, sessionId, userId, status, priceCents: f.priceCents, queueNumber: sql`nextval('enrolment_queue')` })
				.returning({ id: schema.enrolments.id })
			await owner.db.insert(schema.budgetLedger).values({ id: randomUUID(), tenantId: f.rvoId, userId, enrolmentId: row!.id, year: 2027, kind: 'commit', amountCents: f.priceCents })
			return row!.id
		}
		const ea = await enrol(a.id, x!.id, 'enrolled')
		const eb = await enrol(b.id, x!.id, 'waitlisted')
		const ec = await enrol(c.id, past!.id, 'enrolled')

		// Capacity 1 → 2: the waiting person moves up in the same transaction.
		expect((await post(`/uitvoeringen/${x!.id}`, { intent: 'capacity', capacity: '0' })).status).toBe(400)
		expect((await post(`/uitvoeringen/${x!.id}`, { intent: 'capacity', capacity: '2' })).status).toBe(200)
		expect(await statusOf(eb)).toBe('enrolled')
		await smtp.waitFor((mail) => mail.to.includes(b.email) && mail.subject.startsWith('Er is een plaats vrijgekomen'))

		// A participant moves to the other session of the course.
		expect((await post(`/uitvoeringen/${x!.id}`, { intent: 'move', enrolmentId: ea, toSessionId: y!.id })).status).toBe(200)
		const moved = (await owner.db.select().from(schema.enrolments).where(eq(schema.enrolments.id, ea)))[0]!
		expect(moved).toMatchObject({ sessionId: y!.id, status: 'enrolled' })

		// Attendance after the start, at its one meeting: absent is a no-show (RVO does not charge no-shows: the budget comes back).
		const [pastMeeting] = await owner.db
			.insert(schema.sessionMeetings)
			.values({ tenantId: f.rvoId, sessionId: past!.id, startsAt: new Date(Date.now() - day), endsAt: new Date(Date.now() - day + 3_600_000), online: true })
			.returning({ id: schema.sessionMeetings.id })
		expect((await post(`/uitvoeringen/${past!.id}`, { intent: 'attendance', meetingId: pastMeeting!.id, [`attendance:${ec}`]: 'absent' })).status).toBe(200)
		expect(await statusOf(ec)).toBe('no_show')

		// The session is cancelled, not deleted: B is cancelled free of charge and mailed the other session.
		expect((await post(`/uitvoeringen/${x!.id}/annuleren`, { intent: 'cancel', reason: '' })).status).toBe(400)
		expect((await post(`/uitvoeringen/${x!.id}/annuleren`, { intent: 'cancel', reason: 'De trainer is ziek.' })).status).toBe(302)
		const [session] = await owner.db.select().from(schema.sessions).where(eq(schema.sessions.id, x!.id))
		expect(session).toMatchObject({ status: 'cancelled', cancellationReason: 'De trainer is ziek.' })
		expect(await statusOf(eb)).toBe('cancelled')
		const ledger = await owner.db.select().from(schema.budgetLedger).where(eq(schema.budgetLedger.enrolmentId, eb))
		expect(ledger.reduce((sum, entry) => sum + entry.amountCents, 0)).toBe(0)
		const cancelled = await smtp.waitFor((mail) => mail.to.includes(b.email) && mail.subject.startsWith('Uitvoering geannuleerd'))
		expect(cancelled.text).toContain('De trainer is ziek.')
		expect(cancelled.text).toMatch(/Andere uitvoeringen van deze opleiding:\n- /)
	}, 120_000)

	test('the providing coordinator cancels one participant with a reason: the seat goes to the first waiting, the audit says who and why', async () => {
		const day = 86_400_000
		const [z] = await owner.db
			.insert(schema.sessions)
			.values({ tenantId: f.rvoId, courseId: f.courseId, startsAt: new Date(Date.now() + 64 * day), endsAt: new Date(Date.now() + 64 * day + 3_600_000), capacity: 1 })
			.returning({ id: schema.sessions.id })
		const people = await owner.db.select({ id: schema.users.id, email: schema.users.email }).from(schema.users).where(eq(schema.users.tenantId, f.rvoId)).limit(2).offset(70)
		const [a, b] = people as [(typeof people)[0], (typeof people)[0]]
		const enrol = async (userId: string, status: 'enrolled' | 'waitlisted') =>
			(
				await owner.db
					.insert(schema.enrolments)
					.values({ tenantId: f.rvoId, sessionId: z!.id, userId, status, priceCents: f.priceCents, queueNumber: sql`nextval('enrolment_queue')` })
					.returning({ id: schema.enrolments.id })
			)[0]!.id
		const ea = await enrol(a.id, 'enrolled')
		const eb = await enrol(b.id, 'waitlisted')

		// Without a reason: a Dutch error beside the field, and nothing changes.
		const fatimaCookie = await e2e.sessionCookie('rvo-coordinator')
		const refused = await fetch(`${portal.url}/uitvoeringen/${z!.id}`, {
			method: 'POST',
			redirect: 'manual',
			headers: { Cookie: fatimaCookie, Origin: portal.url },
			body: new URLSearchParams({ intent: 'cancel-enrolment', enrolmentId: ea, reason: '  ' }),
		})
		expect(refused.status).toBe(400)
		expect(await refused.text()).toContain('Geef een reden op waarom u deze inschrijving annuleert')
		expect([await statusOf(ea), await statusOf(eb)]).toEqual(['enrolled', 'waitlisted'])

		// In the browser, by keyboard: open the disclosure, choose, give the reason, confirm.
		const page = await e2e.newPage()
		await signInAs(page, FATIMA, { returnTo: `/uitvoeringen/${z!.id}` })
		await page.setViewportSize({ width: 320, height: 800 })
		const summary = page.getByText('Inschrijving annuleren…')
		await summary.focus()
		await page.keyboard.press('Enter')
		const form = page.locator('#annuleren-formulier')
		await form.getByLabel('Wie').selectOption(ea)
		await form.getByRole('button', { name: 'Ja, inschrijving annuleren' }).click()
		await form.getByText('Geef een reden op waarom u deze inschrijving annuleert').first().waitFor()
		expect(await statusOf(ea)).toBe('enrolled')
		await expectAccessible(page)
		await form.getByLabel('Reden').fill('Dubbel ingeschreven.\nZie de mail van 3 juni.')
		await form.getByRole('button', { name: 'Ja, inschrijving annuleren' }).focus()
		await page.keyboard.press('Enter')
		await page.getByRole('status').filter({ hasText: 'Inschrijving geannuleerd.' }).waitFor()
		await expectAccessible(page)

		expect(await statusOf(ea)).toBe('cancelled')
		expect(await statusOf(eb)).toBe('enrolled')
		await smtp.waitFor((mail) => mail.to.includes(a.email) && mail.subject === `Geannuleerd: ${f.courseTitle}`)
		await smtp.waitFor((mail) => mail.to.includes(b.email) && mail.subject.startsWith('Er is een plaats vrijgekomen'))
		const fatima = (await owner.db.select().from(schema.users).where(eq(schema.users.email, DEMO_PERSONAS.find((p) => p.key === 'rvo-coordinator')!.email)))[0]!
		const [row] = await owner.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.action, 'enrolment.cancel'), eq(schema.auditLog.objectId, ea)))
		expect(row).toMatchObject({
			result: 'success',
			actorUserId: fatima.id,
			before: { status: 'enrolled' },
			after: { status: 'cancelled', by: 'coordinator', promoted: [eb], reason: 'Dubbel ingeschreven.\nZie de mail van 3 juni.' },
		})
	}, 120_000)

	test('ticked requests stay ticked while the manager pages through the inbox, and one approval decides them all', async () => {
		const requests = await f.addManyRequests(55)
		const mark = await e2e.newPage()
		await signInAs(mark, MARK, { returnTo: '/goedkeuringen' })
		const status = (text: string) => mark.getByRole('status').filter({ hasText: text })
		const inbox = mark.getByRole('region', { name: 'Aanvragen die op een beslissing wachten' })
		const boxOf = (id: string) => inbox.locator(`input[type="checkbox"][value="${id}"]`)
		// The planted requests are the oldest: page 1 holds fifty of them, page 2 the rest.
		await mark.getByText(/^Pagina 1 van \d+$/).waitFor()
		await status('Nog niets geselecteerd.').waitFor()
		await boxOf(requests[0]!).check()
		await status('1 aanvraag geselecteerd.').waitFor()

		await mark.getByRole('link', { name: 'Volgende' }).click()
		await mark.getByText(/^Pagina 2 van \d+$/).waitFor()
		await boxOf(requests[52]!).check()
		await status('2 aanvragen geselecteerd, waarvan 1 op een andere pagina.').waitFor()
		expect(await accessibilityViolations(mark)).toEqual([])

		await mark.getByRole('link', { name: 'Vorige' }).click()
		await mark.getByText(/^Pagina 1 van \d+$/).waitFor()
		expect(await boxOf(requests[0]!).isChecked()).toBe(true)
		expect(await boxOf(requests[1]!).isChecked()).toBe(false)
		await mark.getByRole('button', { name: 'Goedkeuren' }).click()
		await mark.getByRole('button', { name: 'Ja, 2 aanvragen goedkeuren' }).click()
		await status('2 aanvragen verwerkt.').waitFor()
		expect(await statusOf(requests[0]!)).toBe('enrolled')
		expect(await statusOf(requests[52]!)).toBe('enrolled')
		expect(await statusOf(requests[1]!)).toBe('awaiting_approval')
		expect(await statusOf(requests[51]!)).toBe('awaiting_approval')
		// After the decision nothing stays ticked, and a selection can be cleared by hand.
		await status('Nog niets geselecteerd.').waitFor()
		await boxOf(requests[1]!).check()
		await mark.getByRole('button', { name: 'Selectie wissen' }).click()
		await status('Nog niets geselecteerd.').waitFor()
		expect(await boxOf(requests[1]!).isChecked()).toBe(false)
	}, 120_000)

	describe('bad input gets a clear error and changes nothing', () => {
		let sanneCookie: string
		let markCookie: string
		beforeAll(async () => {
			sanneCookie = await e2e.sessionCookie('rvo-employee')
			markCookie = await e2e.sessionCookie('rvo-manager')
		})
		const post = (path: string, cookie: string, body: Record<string, string | string[]>) => {
			const form = new URLSearchParams()
			for (const [key, value] of Object.entries(body)) for (const v of [value].flat()) form.append(key, v)
			return fetch(`${portal.url}${path}`, { method: 'POST', redirect: 'manual', headers: { Cookie: cookie, Origin: portal.url }, body: form })
		}
		const enrolmentCount = async () => Number((await selectRows<{ n: string }>(owner.db, sql`select count(*) as n from enrolments`))[0]!.n)

		test('enrolling twice in the same session', async () => {
			expect((await post(`/catalogus/${f.courseId}`, sanneCookie, { intent: 'enrol', sessionId: f.secondSessionId })).status).toBe(302)
			const before = await enrolmentCount()
			const again = await post(`/catalogus/${f.courseId}`, sanneCookie, { intent: 'enrol', sessionId: f.secondSessionId })
			expect(again.status).toBe(409)
			expect(await again.text()).toContain('U bent al ingeschreven voor deze uitvoering')
			expect(await enrolmentCount()).toBe(before)
		})

		test.each([
			['a session that has passed', () => f.pastSessionId, 400, 'al begonnen of voorbij'],
			['a cancelled session', () => f.cancelledSessionId, 400, 'is geannuleerd'],
			['a forged session id', () => randomUUID(), 404, 'bestaat niet'],
			['a session id that is no id at all', () => "1' or '1'='1", 400, 'Kies een uitvoering'],
		])('enrolling in %s', async (_name, sessionId, status, message) => {
			const before = await enrolmentCount()
			const response = await post(`/catalogus/${f.courseId}`, sanneCookie, { intent: 'enrol', sessionId: sessionId() })
			expect(response.status).toBe(status)
			expect(await response.text()).toContain(message)
			expect(await enrolmentCount()).toBe(before)
		})

		test("approving someone outside one's team, or another unit's request", async () => {
			for (const id of [f.otherTeamRequestId, f.otherUnitRequestId]) {
				const response = await post('/goedkeuringen', markCookie, { intent: 'approve', ids: id })
				expect([403, 404]).toContain(response.status)
				expect(await response.text()).toMatch(/alleen aanvragen van uw eigen team|bestaat niet of is niet voor u zichtbaar/)
				expect(await statusOf(id)).toBe('awaiting_approval')
			}
		})

		test('declining without a reason', async () => {
			const response = await post('/goedkeuringen', markCookie, { intent: 'decline', ids: f.ownTeamRequestId, reason: '' })
			expect(response.status).toBe(400)
			expect(await response.text()).toContain('Geef een reden op waarom u afwijst')
			expect(await statusOf(f.ownTeamRequestId)).toBe('awaiting_approval')
		})
	})
})

/** An RVO course that needs approval, a one-seat session with a colleague of Sanne already waiting, and bad targets. */
async function plant(owner: { db: Database }) {
	const db = owner.db
	const tenants = await db.select().from(schema.tenants)
	const idOf = (slug: string) => tenants.find((tenant) => tenant.slug === slug)!.id
	const person = async (key: string) => {
		const email = DEMO_PERSONAS.find((p) => p.key === key)!.email
		return (await db.select().from(schema.users).where(eq(schema.users.email, email)))[0]!
	}
	const [sanne, mark] = [await person('rvo-employee'), await person('rvo-manager')]
	const [waiting] = await db.select().from(schema.users).where(and(eq(schema.users.managerId, mark.id), ne(schema.users.id, sanne.id))).limit(1)
	const [otherTeam] = await db.select().from(schema.users).where(and(eq(schema.users.tenantId, idOf('rvo')), ne(schema.users.managerId, mark.id))).limit(1)
	const [nvwaPerson] = await db.select().from(schema.users).where(eq(schema.users.tenantId, idOf('nvwa'))).limit(1)
	const priceCents = 95_000
	const courseTitle = 'Onderhandelen voor beleidsmakers (e2e)'
	const [course] = await db
		.insert(schema.courses)
		.values({ providerTenantId: idOf('rvo'), title: courseTitle, summary: 'Voor de e2e-test.', description: 'Voor de e2e-test.', form: 'classroom', durationMinutes: 240, status: 'published', visibility: 'concern', priceCents })
		.returning({ id: schema.courses.id })
	const day = 86_400_000
	const at = (days: number) => ({ startsAt: new Date(Date.now() + days * day), endsAt: new Date(Date.now() + days * day + 4 * 3_600_000) })
	const [session, second, past, cancelled] = await db
		.insert(schema.sessions)
		.values([
			{ tenantId: idOf('rvo'), courseId: course!.id, ...at(30), capacity: 1 },
			{ tenantId: idOf('rvo'), courseId: course!.id, ...at(37), capacity: 10 },
			{ tenantId: idOf('rvo'), courseId: course!.id, ...at(-2), capacity: 10 },
			{ tenantId: idOf('rvo'), courseId: course!.id, ...at(44), capacity: 10, status: 'cancelled' as const },
		])
		.returning({ id: schema.sessions.id })
	// Sanne starts the session's budget year with her whole budget: how much the seed's own enrolments
	// of hers take from it depends on the day the test runs (from December on, next year's sessions).
	await db.delete(schema.budgetLedger).where(and(eq(schema.budgetLedger.userId, sanne.id), eq(schema.budgetLedger.year, budgetYear(at(30).startsAt))))
	// An archived RVO course with a session still ahead (issue 12): no longer offered, so not for enrolment.
	const archivedTitle = 'Gearchiveerde training van RVO (e2e)'
	const [archivedCourse] = await db
		.insert(schema.courses)
		.values({ providerTenantId: idOf('rvo'), title: archivedTitle, summary: 'Voor de e2e-test.', description: 'Voor de e2e-test.', form: 'classroom', durationMinutes: 60, status: 'archived', visibility: 'concern', priceCents: 0 })
		.returning({ id: schema.courses.id })
	const [archivedSession] = await db
		.insert(schema.sessions)
		.values({ tenantId: idOf('rvo'), courseId: archivedCourse!.id, ...at(21), capacity: 10 })
		.returning({ id: schema.sessions.id })
	const [otherTeamRequest, otherUnitRequest, ownTeamRequest] = await db
		.insert(schema.enrolments)
		.values([
			{ tenantId: idOf('rvo'), sessionId: second!.id, userId: otherTeam!.id, status: 'awaiting_approval', approvalStep: 'manager', priceCents },
			{ tenantId: idOf('nvwa'), sessionId: second!.id, userId: nvwaPerson!.id, status: 'awaiting_approval', approvalStep: 'manager', priceCents },
			{ tenantId: idOf('rvo'), sessionId: second!.id, userId: waiting!.id, status: 'awaiting_approval', approvalStep: 'manager', priceCents },
		])
		.returning({ id: schema.enrolments.id })
	return {
		rvoId: idOf('rvo'),
		archived: { courseId: archivedCourse!.id, title: archivedTitle, sessionId: archivedSession!.id },
		courseId: course!.id,
		courseTitle,
		sessionStartsAt: at(30).startsAt,
		priceCents,
		sessionId: session!.id,
		secondSessionId: second!.id,
		pastSessionId: past!.id,
		cancelledSessionId: cancelled!.id,
		sanne: { id: sanne.id, email: sanne.email, costCentre: sanne.costCentre },
		mark: { id: mark.id, email: mark.email },
		waiting: { id: waiting!.id, email: waiting!.email },
		/** A colleague who asks (and is approved) after Sanne took the only seat. */
		addWaiting: async () =>
			(
				await db
					.insert(schema.enrolments)
					.values({ tenantId: idOf('rvo'), sessionId: session!.id, userId: waiting!.id, status: 'waitlisted', priceCents, queueNumber: sql`nextval('enrolment_queue')` })
					.returning({ id: schema.enrolments.id })
			)[0]!.id,
		/** `count` requests of Sanne's colleague, awaiting Mark, each for its own free session, older than anything in the seed. */
		addManyRequests: async (count: number) => {
			const [free] = await db
				.insert(schema.courses)
				.values({ providerTenantId: idOf('rvo'), title: 'Bladeren door goedkeuringen (e2e)', summary: 'Voor de e2e-test.', description: 'Voor de e2e-test.', form: 'classroom', durationMinutes: 60, status: 'published', visibility: 'concern', priceCents: 0 })
				.returning({ id: schema.courses.id })
			const sessions = await db
				.insert(schema.sessions)
				.values(Array.from({ length: count }, (_, i) => ({ tenantId: idOf('rvo'), courseId: free!.id, ...at(60 + i), capacity: 5 })))
				.returning({ id: schema.sessions.id })
			const rows = await db
				.insert(schema.enrolments)
				.values(sessions.map((row, i) => ({ tenantId: idOf('rvo'), sessionId: row.id, userId: waiting!.id, status: 'awaiting_approval' as const, approvalStep: 'manager' as const, requestedAt: new Date(Date.UTC(2020, 0, 1, 0, i)) })))
				.returning({ id: schema.enrolments.id, requestedAt: schema.enrolments.requestedAt })
			return rows.sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime()).map((row) => row.id)
		},
		otherTeamRequestId: otherTeamRequest!.id,
		otherUnitRequestId: otherUnitRequest!.id,
		ownTeamRequestId: ownTeamRequest!.id,
	}
}
