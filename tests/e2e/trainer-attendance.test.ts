import { and, eq, inArray, notInArray } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { Database } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import { testDrivers } from '@leerplein/db/testing'
import type { Locator, Page } from 'playwright-core'
import { extractText, getDocumentProxy } from 'unpdf'
import { beforeAll, describe, expect, test } from 'vitest'
import { accessibilityViolations, FATIMA, SANNE, signInAs, useE2E } from '../support/e2e.ts'

// Issue 14, "Done when", in Chromium: a coordinator plans a two-meeting session with a room and a
// trainer → it appears in the catalogue → employees enrol → the trainer, at 360 px, registers
// attendance per meeting on "my sessions" → the enrolment is attended → the coordinator downloads
// the XLSX list (read back with exceljs), the CSV and a meeting's PDF attendance sheet (its text
// read back with unpdf). On the way: a row already completed is named and the rest are saved.
// PostgreSQL (the owner plants the course and reads what was stored) and a clock the test moves.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

const DAY_MS = 86_400_000
const MARK = 'Mark Jansen' // RVO's manager persona, an internal trainer of RVO in the seed

/** An RVO course of its own (free: no approval), a room nobody else books, and two RVO colleagues to enrol. */
async function plant(owner: Database) {
	const suffix = randomBytes(3).toString('hex')
	const [rvo] = await owner.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
	const [theme] = await owner.select({ id: schema.themes.id }).from(schema.themes).limit(1)
	const courseTitle = `Aanwezigheid per bijeenkomst ${suffix}`
	const [course] = await owner
		.insert(schema.courses)
		.values({ providerTenantId: rvo!.id, themeId: theme!.id, title: courseTitle, summary: 'Twee avonden.', description: 'Een opleiding van twee bijeenkomsten.', form: 'classroom', durationMinutes: 240, status: 'published', visibility: 'concern', priceCents: 0 })
		.returning({ id: schema.courses.id })
	const [location] = await owner.insert(schema.locations).values({ tenantId: rvo!.id, name: `RVO Avondlocatie ${suffix}`, address: 'Prinses Beatrixlaan 2', city: 'Den Haag' }).returning({ id: schema.locations.id })
	const roomName = `Zaal Aanwezig ${suffix}`
	const [room] = await owner.insert(schema.rooms).values({ tenantId: rvo!.id, locationId: location!.id, name: roomName, capacity: 16 }).returning({ id: schema.rooms.id })
	const markEmail = DEMO_PERSONAS.find((persona) => persona.key === 'rvo-manager')!.email
	const [markUser] = await owner.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, markEmail))
	const [trainer] = await owner.select({ id: schema.trainers.id }).from(schema.trainers).where(and(eq(schema.trainers.tenantId, rvo!.id), eq(schema.trainers.userId, markUser!.id)))
	const colleagues = await owner
		.select({ id: schema.users.id, name: schema.users.name })
		.from(schema.users)
		.where(and(eq(schema.users.tenantId, rvo!.id), eq(schema.users.active, true), notInArray(schema.users.email, DEMO_PERSONAS.map((persona) => persona.email))))
		.limit(2)
		.offset(60)
	return { rvoId: rvo!.id, courseId: course!.id, courseTitle, roomId: room!.id, roomName, trainerId: trainer!.id, colleagues: colleagues as [{ id: string; name: string }, { id: string; name: string }] }
}

describe.each(drivers)('a trainer registers attendance per meeting on %s', (driver) => {
	const e2e = useE2E({ driver, owner: true, clock: true })
	let f: Awaited<ReturnType<typeof plant>>

	beforeAll(async () => {
		f = await plant(e2e.owner.db)
	})

	async function expectAccessible(page: Page) {
		expect(await accessibilityViolations(page)).toEqual([])
	}
	async function expectFits(page: Page, width: number) {
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
	}
	const statusesOf = async (sessionId: string) =>
		Object.fromEntries(
			(
				await e2e.owner.db
					.select({ userId: schema.enrolments.userId, status: schema.enrolments.status })
					.from(schema.enrolments)
					.where(eq(schema.enrolments.sessionId, sessionId))
			).map((row) => [row.userId, row.status]),
		)
	/** Moves the portal's clock to half an hour after `instant`. */
	const moveClockPast = (instant: Date) => e2e.clock.advance(instant.getTime() + 30 * 60_000 - (Date.now() + e2e.clock.offsetMs))
	async function download(page: Page, link: Locator): Promise<Buffer> {
		const [file] = await Promise.all([page.waitForEvent('download'), link.click()])
		return readFile((await file.path())!)
	}

	test('planned with a room and a trainer, enrolled, registered per meeting at 360 px, attended, and the lists read back', async () => {
		// The coordinator plans two evening meetings (the seed books trainers by day) with the room and Mark.
		const coordinator = await e2e.newPage()
		await signInAs(coordinator, FATIMA, { returnTo: `/uitvoeringen/nieuw?cursus=${f.courseId}` })
		const meeting = (n: number) => coordinator.getByRole('group', { name: `Bijeenkomst ${n}` })
		const fill = async (n: number, date: string) => {
			await meeting(n).getByLabel('Datum').fill(date)
			await meeting(n).getByLabel('Begintijd').fill('19:00')
			await meeting(n).getByLabel('Eindtijd').fill('21:00')
			await meeting(n).getByLabel('Zaal').selectOption(f.roomId)
			await meeting(n).getByLabel('Trainers').selectOption([f.trainerId])
		}
		await fill(1, new Date(Date.now() + 10 * DAY_MS).toISOString().slice(0, 10))
		await coordinator.getByRole('button', { name: 'Bijeenkomst toevoegen' }).click()
		await meeting(2).waitFor()
		await fill(2, new Date(Date.now() + 17 * DAY_MS).toISOString().slice(0, 10))
		await coordinator.getByLabel('Aantal plaatsen').fill('12')
		await coordinator.getByRole('button', { name: 'Uitvoering plannen' }).click()
		await coordinator.getByRole('status').filter({ hasText: 'De uitvoering is gepland.' }).waitFor()
		const [session] = await e2e.owner.db.select().from(schema.sessions).where(eq(schema.sessions.courseId, f.courseId))
		const meetings = await e2e.owner.db.select().from(schema.sessionMeetings).where(eq(schema.sessionMeetings.sessionId, session!.id)).orderBy(schema.sessionMeetings.startsAt)
		expect(meetings).toHaveLength(2)
		const booked = await e2e.owner.db.select().from(schema.meetingTrainers).where(inArray(schema.meetingTrainers.meetingId, meetings.map((m) => m.id)))
		expect(booked.map((row) => row.trainerId)).toEqual([f.trainerId, f.trainerId])

		// It is in the catalogue, and Sanne enrols there; two colleagues are enrolled beside her.
		const sanne = await e2e.newPage()
		await signInAs(sanne, SANNE, { returnTo: `/catalogus/${f.courseId}` })
		await sanne.getByRole('radio').first().check()
		await sanne.getByRole('button', { name: 'Inschrijven', exact: true }).click()
		await sanne.getByRole('status').filter({ hasText: 'U bent ingeschreven.' }).waitFor()
		const [a, b] = f.colleagues
		const [enrolA, enrolB] = await e2e.owner.db
			.insert(schema.enrolments)
			.values([a, b].map((person, k) => ({ tenantId: f.rvoId, sessionId: session!.id, userId: person.id, status: 'enrolled' as const, queueNumber: 900_000 + k })))
			.returning({ id: schema.enrolments.id })
		const sanneId = (await e2e.owner.db.select({ id: schema.enrolments.userId }).from(schema.enrolments).where(and(eq(schema.enrolments.sessionId, session!.id), notInArray(schema.enrolments.userId, [a.id, b.id]))))[0]!.id

		// The first meeting has begun: Mark, on a phone 360 px wide, finds it under "Mijn sessies".
		await moveClockPast(meetings[0]!.startsAt)
		const trainer = await e2e.newPage({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true })
		await signInAs(trainer, MARK)
		await trainer.getByRole('link', { name: 'Mijn sessies' }).click()
		await trainer.getByRole('heading', { name: 'Mijn sessies', level: 1 }).waitFor()
		await expectAccessible(trainer)
		await expectFits(trainer, 360)
		await trainer.getByRole('link', { name: f.courseTitle }).click()
		await trainer.getByRole('heading', { name: /Deelnemers \(3\)/ }).waitFor()
		expect(await trainer.getByRole('list', { name: 'Deelnemers (3)' }).textContent()).toContain('Sanne de Vries')
		await expectAccessible(trainer)
		await expectFits(trainer, 360)
		// Meeting 1 is the one shown; Sanne present by keyboard, A present, B absent, by touch.
		await trainer.getByRole('heading', { name: /Aanwezigheid van bijeenkomst 1/ }).waitFor()
		const row = (name: string) => trainer.getByRole('group', { name: new RegExp(`^${name}`) })
		await row('Sanne de Vries').getByRole('radio', { name: 'Aanwezig' }).focus()
		await trainer.keyboard.press('Space')
		expect(await row('Sanne de Vries').getByRole('radio', { name: 'Aanwezig' }).isChecked()).toBe(true)
		await row(a.name).getByText('Aanwezig', { exact: true }).tap()
		await row(b.name).getByText('Afwezig', { exact: true }).tap()
		const box = await row(b.name).getByText('Afwezig', { exact: true }).boundingBox()
		expect(box!.height).toBeGreaterThanOrEqual(44)
		await trainer.getByRole('button', { name: 'Aanwezigheid opslaan' }).tap()
		await trainer.getByRole('status').filter({ hasText: 'Aanwezigheid van 3 deelnemers opgeslagen.' }).waitFor()
		await expectAccessible(trainer)
		await expectFits(trainer, 360)
		// One of two meetings registered: nothing decided yet.
		expect(await statusesOf(session!.id)).toEqual({ [sanneId]: 'enrolled', [a.id]: 'enrolled', [b.id]: 'enrolled' })

		// Meanwhile B's enrolment was completed elsewhere (as Moodle would): saving must not fail the rest.
		await e2e.owner.db.update(schema.enrolments).set({ status: 'completed' }).where(eq(schema.enrolments.id, enrolB!.id))
		// A week later (the sign-in has long expired): the second meeting.
		await moveClockPast(meetings[1]!.startsAt)
		await signInAs(trainer, MARK, { returnTo: `/mijn-sessies/${session!.id}` })
		await trainer.getByRole('link', { name: /^Bijeenkomst 2,/ }).tap()
		await trainer.getByRole('heading', { name: /Aanwezigheid van bijeenkomst 2/ }).waitFor()
		for (const name of ['Sanne de Vries', a.name, b.name]) await row(name).getByText('Aanwezig', { exact: true }).tap()
		await trainer.getByRole('button', { name: 'Aanwezigheid opslaan' }).tap()
		await trainer.getByRole('status').filter({ hasText: 'Aanwezigheid van 2 deelnemers opgeslagen.' }).waitFor()
		const alert = trainer.getByRole('alert').filter({ hasText: 'Niet opgeslagen:' })
		expect(await alert.textContent()).toContain(`${b.name}: Deze inschrijving is al afgerond`)
		await expectAccessible(trainer)
		await expectFits(trainer, 360)
		// And on the narrowest phone the page still fits, the choices still a thumb wide.
		await trainer.setViewportSize({ width: 320, height: 640 })
		await expectFits(trainer, 320)
		expect((await row('Sanne de Vries').getByText('Afwezig', { exact: true }).boundingBox())!.height).toBeGreaterThanOrEqual(44)
		await expectAccessible(trainer)

		// Present at both meetings: attended, through the state machine; B stays completed, A too is attended.
		expect(await statusesOf(session!.id)).toEqual({ [sanneId]: 'attended', [a.id]: 'attended', [b.id]: 'completed' })
		const marks = await e2e.owner.db.select().from(schema.meetingAttendance).where(eq(schema.meetingAttendance.sessionId, session!.id))
		expect(marks.filter((mark) => mark.enrolmentId === enrolB!.id).map((mark) => mark.present)).toEqual([false])
		expect(marks.filter((mark) => mark.enrolmentId === enrolA!.id).map((mark) => mark.present)).toEqual([true, true])
		const trail = await e2e.owner.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.objectId, enrolA!.id), eq(schema.auditLog.action, 'enrolment.attend')))
		expect(trail).toHaveLength(1)

		// The coordinator's session page shows the same, and gives the lists.
		await signInAs(coordinator, FATIMA, { returnTo: `/uitvoeringen/${session!.id}` })
		await coordinator.getByRole('heading', { name: 'Lijsten' }).waitFor()
		await expectAccessible(coordinator)
		const xlsx = await download(coordinator, coordinator.getByRole('link', { name: 'Deelnemerslijst (Excel, .xlsx)' }))
		const workbook = new ExcelJS.Workbook()
		await workbook.xlsx.load(xlsx as unknown as ArrayBuffer)
		const sheet = workbook.worksheets[0]!
		const rows = sheet.getSheetValues().slice(1).map((values) => (values as unknown[]).slice(1).map((cell) => String(cell ?? '')))
		expect(rows[0]!.slice(0, 4)).toEqual(['Naam', 'E-mailadres', 'Organisatieonderdeel', 'Inschrijving'])
		expect(rows[0]![4]).toMatch(/^Bijeenkomst 1, /)
		expect(rows[0]![6]).toBe('Uitvoering')
		const sanneRow = rows.find((cells) => cells[0] === 'Sanne de Vries')!
		expect(sanneRow.slice(3)).toEqual(['Aanwezig geweest', 'Aanwezig', 'Aanwezig', 'Bijgewoond (2 van 2)'])
		expect(rows.find((cells) => cells[0] === b.name)!.slice(3)).toEqual(['Afgerond', 'Afwezig', '', 'Nog niet alles geregistreerd (0 van 2 aanwezig)'])
		expect(rows).toHaveLength(4)

		const csv = (await download(coordinator, coordinator.getByRole('link', { name: 'Deelnemerslijst (CSV)' }))).toString('utf8')
		expect(csv.startsWith('\uFEFFNaam;E-mailadres;')).toBe(true)
		expect(csv).toContain('Sanne de Vries;')

		const pdf = await download(coordinator, coordinator.getByRole('link', { name: 'Presentielijst bijeenkomst 1 (PDF)' }))
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
		const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true })
		for (const expected of ['Presentielijst', f.courseTitle, 'Sanne de Vries', a.name, b.name, f.roomName, MARK, 'Handtekening']) expect(text).toContain(expected)

		// The coordinator corrects a mark on the session page, at 320 px: A was absent at meeting 2 after all.
		await coordinator.setViewportSize({ width: 320, height: 640 })
		await coordinator.getByRole('link', { name: /^Bijeenkomst 2,/ }).click()
		await coordinator.getByRole('heading', { name: /Aanwezigheid van bijeenkomst 2/ }).waitFor()
		const coordinatorRow = (name: string) => coordinator.getByRole('group', { name: new RegExp(`^${name}`) })
		await coordinatorRow(a.name).getByRole('radio', { name: 'Afwezig' }).check()
		await coordinator.getByRole('button', { name: 'Aanwezigheid opslaan' }).click()
		await coordinator.getByRole('status').filter({ hasText: 'Aanwezigheid van 2 deelnemers opgeslagen.' }).waitFor()
		await expectFits(coordinator, 320)
		await expectAccessible(coordinator)
		expect(await statusesOf(session!.id)).toEqual({ [sanneId]: 'attended', [a.id]: 'no_show', [b.id]: 'completed' })
	}, 240_000)
})
