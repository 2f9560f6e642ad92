import { and, eq, ne, sql } from 'drizzle-orm'
import { randomBytes } from 'node:crypto'
import { selectRows, type Database } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { testDrivers } from '@leerplein/db/testing'
import { amsterdamInstant, amsterdamWallClock } from '@leerplein/domain'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, test } from 'vitest'
import { accessibilityViolations, FATIMA, SANNE, signInAs, useE2E } from '../support/e2e.ts'

// Issue 14, changing a planned session (ADR 029), in Chromium: an RVO coordinator changes a
// session at 320 px and by keyboard — the capacity below the seats given and a meeting in the past
// are refused beside their fields and change nothing, a new date and room are saved and everyone
// enrolled is mailed (a job per person) and may cancel free; the enrolment deadline closes a
// session on the course page and on the server; an online session's link is on Mijn leren for the
// enrolled only, never on the course page; a move names who went where; the cancel page does not
// say "Alle 0"; a cancelled session keeps its list. PostgreSQL: the test plants and reads rows.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

const DAY_MS = 86_400_000
const MARK = 'Mark Jansen' // manager, RVO
const dayAhead = (days: number) => amsterdamWallClock(new Date(Date.now() + days * DAY_MS)).date

/** RVO's course with sessions for each test, two rooms and a trainer, and people enrolled. Written as the owner. */
async function plant(owner: Database) {
	const suffix = randomBytes(3).toString('hex')
	const [rvo] = await owner.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
	const [theme] = await owner.select({ id: schema.themes.id }).from(schema.themes).limit(1)
	const tenantId = rvo!.id
	const course = async (title: string) =>
		(
			await owner
				.insert(schema.courses)
				.values({ providerTenantId: tenantId, themeId: theme!.id, title, summary: 'Een ochtend.', description: 'Een opleiding om te wijzigen.', form: 'classroom', durationMinutes: 210, status: 'published', visibility: 'concern', priceCents: 0 })
				.returning({ id: schema.courses.id, title: schema.courses.title })
		)[0]!
	const main = await course(`Wijzigen met zorg ${suffix}`)
	const closed = await course(`Inschrijving gesloten ${suffix}`)
	const online = await course(`Online overleggen ${suffix}`)
	const [location] = await owner.insert(schema.locations).values({ tenantId, name: `RVO Wijziglocatie ${suffix}`, address: 'Prinses Beatrixlaan 2', city: 'Den Haag' }).returning({ id: schema.locations.id })
	const [roomA, roomB] = await owner
		.insert(schema.rooms)
		.values([
			{ tenantId, locationId: location!.id, name: `Zaal Eems ${suffix}`, capacity: 16 },
			{ tenantId, locationId: location!.id, name: `Zaal Schelde ${suffix}`, capacity: 16 },
		])
		.returning({ id: schema.rooms.id, name: schema.rooms.name })
	const [trainer] = await owner
		.insert(schema.trainers)
		.values({ tenantId, kind: 'external', name: `Wim Wijziger ${suffix}`, organisation: 'Bureau Wijzigen', email: `wim-${suffix}@example.org` })
		.returning({ id: schema.trainers.id })
	const userNamed = async (name: string) => (await owner.select({ id: schema.users.id }).from(schema.users).where(and(eq(schema.users.tenantId, tenantId), eq(schema.users.name, name))))[0]!
	const sanneRow = await userNamed(SANNE)
	const mark = (await userNamed(MARK)).id
	const colleagues = await owner
		.select({ id: schema.users.id, name: schema.users.name })
		.from(schema.users)
		.where(and(eq(schema.users.tenantId, tenantId), eq(schema.users.active, true), ne(schema.users.id, sanneRow!.id), ne(schema.users.id, mark)))
		.limit(3)

	let hour = 8
	/** A session of one meeting (in a room, or online with a link), in an hour of its own so nothing collides. */
	const session = async (courseId: string, days: number, extra: { online?: string; minimum?: number; deadlineDays?: number; capacity?: number } = {}) => {
		const time = `${String(hour++).padStart(2, '0')}:00`
		const startsAt = amsterdamInstant(dayAhead(days), time)
		const endsAt = new Date(startsAt.getTime() + 50 * 60_000)
		const [row] = await owner
			.insert(schema.sessions)
			.values({
				tenantId,
				courseId,
				startsAt,
				endsAt,
				locationId: extra.online ? null : location!.id,
				capacity: extra.capacity ?? 10,
				minimumParticipants: extra.minimum ?? null,
				enrolmentDeadline: extra.deadlineDays === undefined ? null : amsterdamInstant(dayAhead(extra.deadlineDays), '23:59'),
			})
			.returning({ id: schema.sessions.id })
		const [meeting] = await owner
			.insert(schema.sessionMeetings)
			.values({ tenantId, sessionId: row!.id, startsAt, endsAt, roomId: extra.online ? null : roomA!.id, online: Boolean(extra.online) })
			.returning({ id: schema.sessionMeetings.id })
		await owner.insert(schema.meetingTrainers).values({ meetingId: meeting!.id, trainerId: trainer!.id, tenantId, startsAt, endsAt, cancelled: false })
		if (extra.online) await owner.insert(schema.meetingLinks).values({ meetingId: meeting!.id, tenantId, url: extra.online })
		return { id: row!.id, startsAt, time }
	}
	let queue = 900_000_000
	const enrol = async (sessionId: string, userId: string, status: 'enrolled' | 'waitlisted') =>
		(await owner.insert(schema.enrolments).values({ tenantId, sessionId, userId, status, queueNumber: ++queue }).returning({ id: schema.enrolments.id }))[0]!.id

	const toEdit = await session(main.id, 40, { minimum: 3 })
	const link = `https://vergader.example/geheim-${suffix}`
	const onlineSession = await session(online.id, 42, { online: link, capacity: 1 })
	const past = await session(closed.id, 30, { deadlineDays: -1 })
	const moveFrom = await session(main.id, 44)
	const moveTo = await session(main.id, 46)
	const empty = await session(main.id, 48)
	const toCancel = await session(main.id, 50)
	return {
		tenantId,
		main,
		closed,
		online,
		link,
		roomB: roomB!,
		toEdit: { ...toEdit, enrolments: [await enrol(toEdit.id, sanneRow!.id, 'enrolled'), await enrol(toEdit.id, colleagues[0]!.id, 'enrolled')] },
		onlineSession: { ...onlineSession, sanne: await enrol(onlineSession.id, sanneRow!.id, 'enrolled'), mark: await enrol(onlineSession.id, mark, 'waitlisted') },
		past,
		moveFrom: { ...moveFrom, sanne: await enrol(moveFrom.id, sanneRow!.id, 'enrolled') },
		moveTo,
		empty,
		toCancel: { ...toCancel, colleague: colleagues[1]!, enrolment: await enrol(toCancel.id, colleagues[1]!.id, 'enrolled') },
	}
}

describe.each(drivers)('changing a planned session on %s', (driver) => {
	const e2e = useE2E({ driver, owner: true })
	let f: Awaited<ReturnType<typeof plant>>

	beforeAll(async () => {
		f = await plant(e2e.owner.db)
	})

	async function expectAccessible(page: Page) {
		expect(await accessibilityViolations(page)).toEqual([])
	}
	const sessionRow = async (id: string) => (await e2e.owner.db.select().from(schema.sessions).where(eq(schema.sessions.id, id)))[0]!

	test('a coordinator changes date, room and seats at 320 px by keyboard; too few seats and a past date are refused beside their fields; everyone enrolled is mailed and may cancel free', async () => {
		const page = await e2e.newPage()
		await signInAs(page, FATIMA, { returnTo: `/uitvoeringen/${f.toEdit.id}` })
		await page.setViewportSize({ width: 320, height: 800 })
		// Two of the minimum of three enrolled, before the start: the page warns.
		await page.getByText('Let op: 2 van de minimaal 3 deelnemers ingeschreven.').waitFor()
		await page.getByRole('link', { name: 'Uitvoering wijzigen' }).click()
		await page.getByRole('heading', { name: 'Uitvoering wijzigen' }).waitFor()
		await expectAccessible(page)
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
		const before = await sessionRow(f.toEdit.id)
		const meeting = page.getByRole('group', { name: 'Bijeenkomst 1' })
		expect(await meeting.getByLabel('Datum').inputValue()).toBe(dayAhead(40))

		// Fewer seats than the two already given (and no minimum, which may not exceed the seats): refused beside the capacity, nothing saved.
		await page.getByLabel('Minimum aantal deelnemers (niet verplicht)').fill('')
		await page.getByLabel('Aantal plaatsen').fill('1')
		await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click()
		await page.getByText('Er zijn al 2 plaatsen vergeven. Kies een capaciteit van minstens 2').first().waitFor()
		expect(await page.getByLabel('Aantal plaatsen').getAttribute('aria-invalid')).toBe('true')
		await expectAccessible(page)
		expect(await sessionRow(f.toEdit.id)).toEqual(before)

		// A date in the past: refused beside the date.
		await page.getByLabel('Aantal plaatsen').fill('14')
		await page.getByLabel('Minimum aantal deelnemers (niet verplicht)').fill('3')
		await meeting.getByLabel('Datum').fill(dayAhead(-2))
		await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click()
		await meeting.getByText('Deze bijeenkomst ligt in het verleden.').waitFor()
		expect(await sessionRow(f.toEdit.id)).toEqual(before)

		// A new date and another room, sent by keyboard.
		await meeting.getByLabel('Datum').fill(dayAhead(41))
		await meeting.getByLabel('Zaal').selectOption(f.roomB.id)
		await page.getByRole('button', { name: 'Wijzigingen opslaan' }).focus()
		await page.keyboard.press('Enter')
		await page.getByRole('status').filter({ hasText: 'De wijzigingen zijn opgeslagen. 2 deelnemers krijgen bericht' }).waitFor()
		await expectAccessible(page)
		expect(await page.getByRole('list', { name: 'Bijeenkomsten' }).textContent()).toContain(f.roomB.name)
		const after = await sessionRow(f.toEdit.id)
		expect(after.capacity).toBe(14)
		expect(after.startsAt.getTime() - before.startsAt.getTime()).toBeCloseTo(DAY_MS, -7)

		// One change-mail job per person enrolled, with the change they are told about.
		const rows = await selectRows<{ enrolment: string; change: string | null }>(
			e2e.owner.db,
			sql`select data->>'enrolmentId' as enrolment, data->>'changeId' as change from pgboss.job where name = 'mail' and data->>'kind' = 'session_changed' and data->>'enrolmentId' in (${sql.join(f.toEdit.enrolments.map((id) => sql`${id}`), sql`, `)})`,
		)
		expect(rows.map((row) => row.enrolment).sort()).toEqual([...f.toEdit.enrolments].sort())
		const [change] = await e2e.owner.db.select().from(schema.sessionChanges).where(eq(schema.sessionChanges.sessionId, f.toEdit.id))
		expect(rows.every((row) => row.change === change!.id)).toBe(true)
		expect(change!.after[0]!.place).toContain(f.roomB.name)

		// Sanne may cancel free of charge, and is told until when.
		const sanne = await e2e.newPage()
		await signInAs(sanne, SANNE, { returnTo: `/mijn-leren/${f.toEdit.enrolments[0]}/annuleren` })
		await sanne.getByText('De uitvoering is gewijzigd: tot').waitFor()
		// A course that costs nothing promises no refund.
		await sanne.getByText('Deze opleiding kost niets').waitFor()
		expect(await sanne.content()).not.toContain('het bedrag gaat terug naar uw leerbudget')
		await expectAccessible(sanne)
	}, 120_000)

	test('after the enrolment deadline the course page offers no enrolment and says why, and the server refuses too', async () => {
		const page = await e2e.newPage()
		await signInAs(page, SANNE, { returnTo: `/catalogus/${f.closed.id}` })
		await page.getByText('inschrijving gesloten').first().waitFor()
		await page.getByText('de uiterste inschrijfdatum is voorbij').first().waitFor()
		expect(await page.getByRole('button', { name: 'Inschrijven' }).count()).toBe(0)
		await expectAccessible(page)
		const refused = await fetch(`${e2e.portal.url}/catalogus/${f.closed.id}`, {
			method: 'POST',
			redirect: 'manual',
			headers: { Cookie: await e2e.sessionCookie('rvo-employee'), Origin: e2e.portal.url },
			body: new URLSearchParams({ intent: 'enrol', sessionId: f.past.id }),
		})
		expect(refused.status).toBe(400)
		expect(await refused.text()).toContain('ENROLMENT_CLOSED')
		expect(await e2e.owner.db.select().from(schema.enrolments).where(eq(schema.enrolments.sessionId, f.past.id))).toEqual([])
	}, 60_000)

	test('an online session’s link is on Mijn leren for the enrolled, and never for someone waiting or on the course page', async () => {
		const sanne = await e2e.newPage()
		await signInAs(sanne, SANNE, { returnTo: '/mijn-leren' })
		const join = sanne.getByRole('link', { name: `Online deelnemen aan ${f.online.title}` })
		await join.waitFor()
		expect(await join.getAttribute('href')).toBe(f.link)
		await expectAccessible(sanne)
		await sanne.goto(`/catalogus/${f.online.id}`)
		await sanne.getByRole('heading', { name: f.online.title }).waitFor()
		expect(await sanne.content()).not.toContain(f.link)

		const mark = await e2e.newPage()
		await signInAs(mark, MARK, { returnTo: '/mijn-leren' })
		await mark.getByRole('cell', { name: f.online.title }).first().waitFor()
		expect(await mark.content()).not.toContain(f.link)
		const visitor = await fetch(`${e2e.portal.url}/catalogus/${f.online.id}`)
		expect(visitor.status).toBe(200)
		expect(await visitor.text()).not.toContain(f.link)

		// The calendar file's organiser has an address: the portal's no-reply sender.
		const calendar = await fetch(`${e2e.portal.url}/mijn-leren/agenda/${f.onlineSession.sanne}`, { headers: { Cookie: await e2e.sessionCookie('rvo-employee') } })
		expect(calendar.status).toBe(200)
		// Long lines are folded (a line break and a space or tab, RFC 5545); unfolded, the organiser reads whole.
		expect((await calendar.text()).replace(/\r\n[ \t]/g, '')).toMatch(/ORGANIZER;CN=[^:\r\n]*:mailto:noreply@leerplein\.local/i)
	}, 60_000)

	test('words that tell what happened: a move names who went where, the cancel page of an empty session does not count zero people, and a cancelled session keeps its list', async () => {
		const page = await e2e.newPage()
		await signInAs(page, FATIMA, { returnTo: `/uitvoeringen/${f.moveFrom.id}` })
		await page.getByLabel('Wie').first().selectOption(f.moveFrom.sanne)
		await page.getByLabel('Naar uitvoering').selectOption(f.moveTo.id)
		await page.getByRole('button', { name: 'Verplaatsen' }).click()
		await page.getByRole('status').filter({ hasText: `${SANNE} is verplaatst naar` }).filter({ hasText: 'Den Haag (Ingeschreven)' }).waitFor()
		await expectAccessible(page)
		const moved = await selectRows<{ kind: string; from_session: string }>(
			e2e.owner.db,
			sql`select data->>'kind' as kind, data->>'fromSessionId' as from_session from pgboss.job where name = 'mail' and data->>'enrolmentId' = ${f.moveFrom.sanne}`,
		)
		expect(moved).toEqual([{ kind: 'enrolment_moved', from_session: f.moveFrom.id }])

		await page.goto(`/uitvoeringen/${f.empty.id}/annuleren`)
		await page.getByText('Er is niemand ingeschreven of wachtend').waitFor()
		expect(await page.content()).not.toContain('Alle 0')
		await expectAccessible(page)

		await page.goto(`/uitvoeringen/${f.toCancel.id}/annuleren`)
		await page.getByText('De ene deelnemer of wachtende krijgt bericht').waitFor()
		await page.getByLabel('Reden (de deelnemers krijgen die te zien)').fill('De trainer is ziek.')
		await page.getByRole('button', { name: 'Ja, uitvoering annuleren' }).click()
		await page.getByText('Deze uitvoering is geannuleerd: De trainer is ziek.').waitFor()
		const list = page.getByRole('table', { name: 'Deelnemers bij de annulering' })
		await list.getByRole('cell', { name: f.toCancel.colleague.name }).waitFor()
		expect(await list.textContent()).toContain('Geannuleerd')
		await expectAccessible(page)
	}, 120_000)
})
