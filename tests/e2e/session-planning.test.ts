import { eq } from 'drizzle-orm'
import { randomBytes } from 'node:crypto'
import type { Database } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { testDrivers } from '@leerplein/db/testing'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, test } from 'vitest'
import { accessibilityViolations, FATIMA, SANNE, signInAs, useE2E } from '../support/e2e.ts'

// Issue 14, first slice, in Chromium: an RVO coordinator plans a session of two meetings with a
// room and a trainer, at 320 px and by keyboard; a wrong end time is refused beside its field
// first; the session then shows its meetings, and the catalogue offers it to employees.
// PostgreSQL, so the test can plant its own room and trainer and read what was stored.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

const DAY_MS = 86_400_000
const dutchDate = (date: Date) =>
	new Intl.DateTimeFormat('nl-NL', { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(date)

/** An RVO course of its own, and a room and a trainer nobody else books. Written as the owner. */
async function plant(owner: Database) {
	const suffix = randomBytes(3).toString('hex')
	const [rvo] = await owner.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
	const [theme] = await owner.select({ id: schema.themes.id }).from(schema.themes).limit(1)
	const courseTitle = `Plannen met twee bijeenkomsten ${suffix}`
	const [course] = await owner
		.insert(schema.courses)
		.values({ providerTenantId: rvo!.id, themeId: theme!.id, title: courseTitle, summary: 'Twee middagen.', description: 'Een opleiding van twee bijeenkomsten.', form: 'classroom', durationMinutes: 420, status: 'published', visibility: 'concern' })
		.returning({ id: schema.courses.id })
	const [location] = await owner.insert(schema.locations).values({ tenantId: rvo!.id, name: `RVO Planlocatie ${suffix}`, address: 'Prinses Beatrixlaan 2', city: 'Den Haag' }).returning({ id: schema.locations.id })
	const roomName = `Zaal Planning ${suffix}`
	const [room] = await owner.insert(schema.rooms).values({ tenantId: rvo!.id, locationId: location!.id, name: roomName, capacity: 16, wheelchairAccessible: true }).returning({ id: schema.rooms.id })
	const trainerName = `Trudy Trainer ${suffix}`
	const [trainer] = await owner
		.insert(schema.trainers)
		.values({ tenantId: rvo!.id, kind: 'external', name: trainerName, organisation: 'Bureau Planning', email: `trudy-${suffix}@example.org` })
		.returning({ id: schema.trainers.id })
	return { courseId: course!.id, courseTitle, roomId: room!.id, roomName, trainerId: trainer!.id, trainerName }
}

describe.each(drivers)('planning a session on %s', (driver) => {
	const e2e = useE2E({ driver, owner: true })
	let f: Awaited<ReturnType<typeof plant>>

	beforeAll(async () => {
		f = await plant(e2e.owner.db)
	})

	async function expectAccessible(page: Page) {
		expect(await accessibilityViolations(page)).toEqual([])
	}


	test('a coordinator plans two meetings with a room and a trainer at 320 px by keyboard, and employees find the session in the catalogue', async () => {
		const first = new Date(Date.now() + 90 * DAY_MS).toISOString().slice(0, 10)
		const second = new Date(Date.now() + 97 * DAY_MS).toISOString().slice(0, 10)
		const page = await e2e.newPage()
		await signInAs(page, FATIMA, { returnTo: '/uitvoeringen/nieuw' })
		await page.setViewportSize({ width: 320, height: 800 })
		await expectAccessible(page)
		// The course out of the unit's many, by keyboard: part of its title, the server's matches, arrow and Enter.
		const picker = page.getByRole('combobox', { name: 'Opleiding' })
		await picker.focus()
		await page.keyboard.type(f.courseTitle.split(' ').at(-1)!)
		await page.getByRole('listbox', { name: 'Opleiding' }).getByRole('option', { name: f.courseTitle }).waitFor()
		// Each key searched anew; the last answer holds the one course.
		await expect.poll(() => page.getByRole('listbox', { name: 'Opleiding' }).getByRole('option').count()).toBe(1)
		await expectAccessible(page)
		// Nothing is wider than the screen at 320 px, the matches shown included.
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
		await page.keyboard.press('ArrowDown')
		await page.keyboard.press('Enter')
		await page.getByText(`Gekozen: ${f.courseTitle}`).waitFor()
		expect(await picker.inputValue()).toBe(f.courseTitle)

		const meeting = (n: number) => page.getByRole('group', { name: `Bijeenkomst ${n}` })
		const fill = async (n: number, { date, start, end }: { date: string; start: string; end: string }) => {
			await meeting(n).getByLabel('Datum').fill(date)
			await meeting(n).getByLabel('Begintijd').fill(start)
			await meeting(n).getByLabel('Eindtijd').fill(end)
			await meeting(n).getByLabel('Zaal').selectOption(f.roomId)
			await meeting(n).getByLabel('Trainers').selectOption([f.trainerId])
		}
		// First an end before the start: refused beside the end time, nothing planned.
		await fill(1, { date: first, start: '13:00', end: '09:00' })
		await page.getByRole('button', { name: 'Uitvoering plannen' }).click()
		await meeting(1).getByText('De eindtijd moet na de begintijd liggen.').waitFor()
		expect(await e2e.owner.db.select().from(schema.sessions).where(eq(schema.sessions.courseId, f.courseId))).toEqual([])
		await expectAccessible(page)

		await fill(1, { date: first, start: '09:00', end: '12:30' })
		await page.getByRole('button', { name: 'Bijeenkomst toevoegen' }).click()
		await meeting(2).waitFor()
		await fill(2, { date: second, start: '13:00', end: '16:30' })
		await page.getByLabel('Aantal plaatsen').fill('14')
		await page.getByLabel('Toelichting voor deelnemers (niet verplicht)').fill('Neem uw laptop mee.')
		// Sent by keyboard.
		await page.getByRole('button', { name: 'Uitvoering plannen' }).focus()
		await page.keyboard.press('Enter')
		await page.getByRole('status').filter({ hasText: 'De uitvoering is gepland.' }).waitFor()
		await expectAccessible(page)
		const meetings = page.getByRole('list', { name: 'Bijeenkomsten' }).getByRole('listitem')
		expect(await meetings.count()).toBe(2)
		for (const item of await meetings.all()) {
			expect(await item.textContent()).toContain(f.roomName)
			expect(await item.textContent()).toContain(f.trainerName)
		}

		const [session] = await e2e.owner.db.select().from(schema.sessions).where(eq(schema.sessions.courseId, f.courseId))
		expect(session).toMatchObject({ capacity: 14, participantNote: 'Neem uw laptop mee.', status: 'planned' })
		const stored = await e2e.owner.db.select().from(schema.sessionMeetings).where(eq(schema.sessionMeetings.sessionId, session!.id))
		expect(stored.map((row) => row.roomId)).toEqual([f.roomId, f.roomId])
		expect(session!.startsAt.getTime()).toBe(Math.min(...stored.map((row) => row.startsAt.getTime())))
		expect(session!.endsAt.getTime()).toBe(Math.max(...stored.map((row) => row.endsAt.getTime())))

		// Copied to new dates as a weekly series of two: times, room and trainers come along.
		await page.getByRole('link', { name: 'Kopiëren naar nieuwe data' }).click()
		await meeting(2).waitFor()
		expect(await meeting(1).getByLabel('Zaal').inputValue()).toBe(f.roomId)
		await meeting(1).getByLabel('Datum').fill(new Date(Date.now() + 140 * DAY_MS).toISOString().slice(0, 10))
		await meeting(2).getByLabel('Datum').fill(new Date(Date.now() + 141 * DAY_MS).toISOString().slice(0, 10))
		await page.getByLabel('Wekelijks herhalen: aantal uitvoeringen (niet verplicht)').fill('2')
		await page.getByRole('button', { name: 'Uitvoering plannen' }).click()
		await page.getByRole('status').filter({ hasText: '2 uitvoeringen gepland.' }).waitFor()
		await expectAccessible(page)
		const all = await e2e.owner.db.select().from(schema.sessions).where(eq(schema.sessions.courseId, f.courseId))
		expect(all.map((row) => row.startsAt.getTime() - session!.startsAt.getTime()).sort((a, b) => a - b)).toEqual([0, 50 * DAY_MS, 57 * DAY_MS].map((shift) => expect.closeTo(shift, -7)))

		// An employee finds it on the course page.
		const sanne = await e2e.newPage()
		await signInAs(sanne, SANNE, { returnTo: `/catalogus/${f.courseId}` })
		await sanne.getByText(dutchDate(session!.startsAt)).first().waitFor()
		await expectAccessible(sanne)
	}, 120_000)

	test('without JavaScript the course is found by a search that submits the page, then chosen from what it found; another unit\'s private course is never found', async () => {
		const fatima = await e2e.newPage()
		await signInAs(fatima, FATIMA, { returnTo: '/uitvoeringen' })
		const page = await e2e.newPage({ javaScriptEnabled: false })
		await page.context().addCookies(await fatima.context().cookies())
		await page.goto('/uitvoeringen/nieuw')
		await page.setViewportSize({ width: 320, height: 800 })
		// Unsearched, the page offers the first of the unit's courses, not all of them.
		const course = page.getByRole('combobox', { name: 'Opleiding' })
		const searchButton = page.locator('.course-picker').getByRole('button', { name: 'Zoeken' })
		expect(await course.getByRole('option').count()).toBeLessThanOrEqual(51)
		await page.getByLabel('Zoek een opleiding').fill(f.courseTitle.split(' ').at(-1)!)
		await searchButton.click()
		await page.getByRole('status').filter({ hasText: '1 opleiding gevonden' }).waitFor()
		expect(await course.getByRole('option').allTextContents()).toEqual(['Kies een opleiding', f.courseTitle])
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
		await course.selectOption(f.courseId)
		expect(await course.inputValue()).toBe(f.courseId)

		// A draft of NVWA's is not RVO's to plan: neither the page nor the picker's JSON finds it.
		const [nvwa] = await e2e.owner.db.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, 'nvwa'))
		const [theme] = await e2e.owner.db.select({ id: schema.themes.id }).from(schema.themes).limit(1)
		const draftTitle = `Concept van een ander onderdeel ${randomBytes(3).toString('hex')}`
		await e2e.owner.db
			.insert(schema.courses)
			.values({ providerTenantId: nvwa!.id, themeId: theme!.id, title: draftTitle, summary: 'Nog niet af.', description: 'Een concept.', form: 'classroom', durationMinutes: 60, status: 'draft', visibility: 'concern' })
		await page.getByLabel('Zoek een opleiding').fill(draftTitle)
		await searchButton.click()
		await page.getByRole('status').filter({ hasText: `Geen opleiding gevonden voor ‘${draftTitle}’.` }).waitFor()
		const found = await page.request.get(`/uitvoeringen/nieuw/cursussen?zoek=${encodeURIComponent(draftTitle)}`)
		expect(found.status()).toBe(200)
		expect(await found.json()).toEqual({ courses: [], more: false })
		const own = await page.request.get(`/uitvoeringen/nieuw/cursussen?zoek=${encodeURIComponent(f.courseTitle)}`)
		expect(await own.json()).toEqual({ courses: [{ id: f.courseId, title: f.courseTitle }], more: false })
	}, 120_000)

	test('without JavaScript, searching for the course keeps every field typed before, and the session is then planned with them', async () => {
		const fatima = await e2e.newPage()
		await signInAs(fatima, FATIMA, { returnTo: '/uitvoeringen' })
		const page = await e2e.newPage({ javaScriptEnabled: false })
		await page.context().addCookies(await fatima.context().cookies())
		await page.goto('/uitvoeringen/nieuw')
		await page.setViewportSize({ width: 320, height: 800 })
		const date = new Date(Date.now() + 120 * DAY_MS).toISOString().slice(0, 10)
		const meeting = page.getByRole('group', { name: 'Bijeenkomst 1' })
		const note = 'Meld u bij de receptie op de begane grond.'
		// Typed first, course searched second: what the coordinator typed comes back with the matches.
		await meeting.getByLabel('Datum').fill(date)
		await meeting.getByLabel('Begintijd').fill('09:30')
		await meeting.getByLabel('Eindtijd').fill('12:00')
		await meeting.getByLabel('Zaal').selectOption(f.roomId)
		await meeting.getByLabel('Trainers').selectOption(f.trainerId)
		await page.getByLabel('Aantal plaatsen').fill('14')
		await page.getByLabel('Minimum aantal deelnemers (niet verplicht)').fill('4')
		await page.getByLabel('Toelichting voor deelnemers (niet verplicht)').fill(note)
		await page.getByLabel('Zoek een opleiding').fill(f.courseTitle)
		await page.locator('.course-picker').getByRole('button', { name: 'Zoeken' }).click()
		await page.getByRole('status').filter({ hasText: '1 opleiding gevonden' }).waitFor()
		expect(await page.getByLabel('Zoek een opleiding').inputValue()).toBe(f.courseTitle)
		expect(await meeting.getByLabel('Datum').inputValue()).toBe(date)
		expect(await meeting.getByLabel('Begintijd').inputValue()).toBe('09:30')
		expect(await meeting.getByLabel('Eindtijd').inputValue()).toBe('12:00')
		expect(await meeting.getByLabel('Zaal').inputValue()).toBe(f.roomId)
		expect(await meeting.getByLabel('Trainers').inputValue()).toBe(f.trainerId)
		expect(await page.getByLabel('Aantal plaatsen').inputValue()).toBe('14')
		expect(await page.getByLabel('Minimum aantal deelnemers (niet verplicht)').inputValue()).toBe('4')
		expect(await page.getByLabel('Toelichting voor deelnemers (niet verplicht)').inputValue()).toBe(note)
		// No complaints about fields not yet filled: a search is not a submission.
		expect(await page.locator('.field__error').count()).toBe(0)
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)

		await page.getByRole('combobox', { name: 'Opleiding' }).selectOption(f.courseId)
		await page.getByRole('button', { name: 'Uitvoering plannen' }).click()
		await page.waitForURL(/\/uitvoeringen\/[0-9a-f-]{36}\?gepland=1$/)
		const sessionId = new URL(page.url()).pathname.split('/').at(-1)!
		const [stored] = await e2e.owner.db.select().from(schema.sessions).where(eq(schema.sessions.id, sessionId))
		expect(stored).toMatchObject({ courseId: f.courseId, capacity: 14, minimumParticipants: 4, participantNote: note })
	}, 120_000)

	test('a coordinator adds an external trainer, finds them by search, and deactivates them after confirming; then they are no longer offered for planning', async () => {
		const name = `Externe Trainer ${randomBytes(3).toString('hex')}`
		const page = await e2e.newPage()
		await signInAs(page, FATIMA, { returnTo: '/beheer/trainers' })
		await page.setViewportSize({ width: 320, height: 800 })
		await expectAccessible(page)
		const form = page.getByRole('region', { name: 'Trainer toevoegen' })
		await form.getByLabel('Naam').fill(name)
		await form.getByLabel('Organisatie').fill('Bureau Extern')
		await form.getByLabel('E-mailadres').fill('geen-adres')
		await form.getByRole('button', { name: 'Trainer toevoegen' }).click()
		await form.getByText('Vul een geldig e-mailadres in').first().waitFor()
		await expectAccessible(page)
		await form.getByLabel('E-mailadres').fill('extern@trainers.example')
		await form.getByRole('button', { name: 'Trainer toevoegen' }).click()
		await page.getByRole('status').filter({ hasText: 'De trainer is opgeslagen.' }).waitFor()

		await page.getByLabel('Zoek op naam, organisatie of e-mailadres').fill(name)
		await page.getByRole('button', { name: 'Zoeken' }).click()
		await page.getByRole('heading', { name: '1 trainer' }).waitFor()
		await page.getByRole('link', { name: `Deactiveren: ${name}` }).click()
		await expectAccessible(page)
		await page.getByRole('button', { name: 'Ja, deactiveren' }).click()
		await page.getByRole('status').filter({ hasText: 'De trainer is gedeactiveerd.' }).waitFor()
		const [stored] = await e2e.owner.db.select().from(schema.trainers).where(eq(schema.trainers.name, name))
		expect(stored).toMatchObject({ kind: 'external', organisation: 'Bureau Extern', email: 'extern@trainers.example', active: false })

		await page.goto('/uitvoeringen/nieuw')
		expect(await page.getByRole('group', { name: 'Bijeenkomst 1' }).getByLabel('Trainers').textContent()).not.toContain(name)
	}, 120_000)

	test('a coordinator adds a location and a room, is told a capacity of 0 is wrong beside the field, and deactivates the room after confirming', async () => {
		const suffix = randomBytes(3).toString('hex')
		const page = await e2e.newPage()
		await signInAs(page, FATIMA, { returnTo: '/beheer/zalen' })
		await page.setViewportSize({ width: 320, height: 800 })
		await expectAccessible(page)
		const location = page.getByRole('region', { name: 'Locatie toevoegen' })
		await location.getByLabel('Naam van de locatie').fill(`RVO Assen ${suffix}`)
		await location.getByLabel('Adres').fill('Europaweg 1')
		await location.getByLabel('Plaats').fill('Assen')
		await location.getByRole('button', { name: 'Locatie toevoegen' }).click()
		await page.getByRole('status').filter({ hasText: 'De locatie is toegevoegd.' }).waitFor()

		const room = page.getByRole('region', { name: 'Zaal toevoegen' })
		await room.getByLabel('Locatie').selectOption({ label: `RVO Assen ${suffix}, Assen` })
		await room.getByLabel('Zaal', { exact: true }).fill(`Zaal Drenthe ${suffix}`)
		// Ticked before the wrong capacity: leaving that field shows its error, which moves the box under the pointer.
		await room.getByLabel('Rolstoeltoegankelijk').check()
		await room.getByLabel('Capaciteit').fill('0')
		await room.getByRole('button', { name: 'Zaal toevoegen' }).click()
		await room.getByText('Vul als capaciteit van de zaal een heel getal van 1 tot en met 1000 in.').first().waitFor()
		await expectAccessible(page)
		await room.getByLabel('Capaciteit').fill('18')
		await room.getByRole('button', { name: 'Zaal toevoegen' }).click()
		await page.getByRole('status').filter({ hasText: 'De zaal is opgeslagen.' }).waitFor()
		const [stored] = await e2e.owner.db.select().from(schema.rooms).where(eq(schema.rooms.name, `Zaal Drenthe ${suffix}`))
		expect(stored).toMatchObject({ capacity: 18, wheelchairAccessible: true, hearingLoop: false, active: true })

		await page.getByRole('link', { name: `Deactiveren: Zaal Drenthe ${suffix}, RVO Assen ${suffix}` }).click()
		await page.getByRole('button', { name: 'Ja, deactiveren' }).click()
		await page.getByRole('status').filter({ hasText: 'De zaal is gedeactiveerd.' }).waitFor()
		await expectAccessible(page)
		const [after] = await e2e.owner.db.select().from(schema.rooms).where(eq(schema.rooms.id, stored!.id))
		expect(after!.active).toBe(false)
	}, 120_000)
})

