import { and, eq } from 'drizzle-orm'
import { randomBytes } from 'node:crypto'
import type { Database } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { testDrivers } from '@leerplein/db/testing'
import { amsterdamInstant, amsterdamWallClock } from '@leerplein/domain'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, test } from 'vitest'
import { accessibilityViolations, FATIMA, SANNE, signInAs, useE2E } from '../support/e2e.ts'

// Issue 14, item 6: a coordinator adds an employee of the unit to a session on their behalf, in
// Chromium at 320 px and by keyboard. The page says before the click what it will do under the
// employee's unit's rules (RVO: approval above € 250): a free course seats Sanne at once, a
// € 400 one waits for her manager. PostgreSQL: the test plants the sessions and reads the rows.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

const DAY_MS = 86_400_000

async function plant(owner: Database) {
	const suffix = randomBytes(3).toString('hex')
	const [rvo] = await owner.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
	const [theme] = await owner.select({ id: schema.themes.id }).from(schema.themes).limit(1)
	const tenantId = rvo!.id
	const [sanne] = await owner.select({ id: schema.users.id }).from(schema.users).where(and(eq(schema.users.tenantId, tenantId), eq(schema.users.name, SANNE)))
	const session = async (title: string, priceCents: number, days: number) => {
		const [course] = await owner
			.insert(schema.courses)
			.values({ providerTenantId: tenantId, themeId: theme!.id, title, summary: 'Een ochtend samen.', description: 'Een opleiding om iemand voor in te schrijven.', form: 'classroom', durationMinutes: 180, status: 'published', visibility: 'concern', priceCents })
			.returning({ id: schema.courses.id })
		const startsAt = amsterdamInstant(amsterdamWallClock(new Date(Date.now() + days * DAY_MS)).date, '09:00')
		const endsAt = new Date(startsAt.getTime() + 3 * 3_600_000)
		const [row] = await owner.insert(schema.sessions).values({ tenantId, courseId: course!.id, startsAt, endsAt, capacity: 12 }).returning({ id: schema.sessions.id })
		await owner.insert(schema.sessionMeetings).values({ tenantId, sessionId: row!.id, startsAt, endsAt, online: true })
		return { id: row!.id, title }
	}
	return {
		sanne: sanne!.id,
		free: await session(`Samen inschrijven ${suffix}`, 0, 33),
		paid: await session(`Dure verdieping ${suffix}`, 40_000, 35),
	}
}

describe.each(drivers)('adding a participant on their behalf on %s', (driver) => {
	const e2e = useE2E({ driver, owner: true })
	let f: Awaited<ReturnType<typeof plant>>

	beforeAll(async () => {
		f = await plant(e2e.owner.db)
	})

	async function expectAccessible(page: Page) {
		expect(await accessibilityViolations(page)).toEqual([])
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
	}
	const sanneIn = async (sessionId: string) =>
		(await e2e.owner.db.select({ status: schema.enrolments.status }).from(schema.enrolments).where(and(eq(schema.enrolments.sessionId, sessionId), eq(schema.enrolments.userId, f.sanne)))).map((row) => row.status)
	/** Searches by keyboard: into the field, type, Enter. */
	async function search(page: Page, text: string) {
		await page.getByLabel('Zoek een medewerker op naam of e-mailadres').focus()
		await page.keyboard.type(text)
		await page.keyboard.press('Enter')
		await page.getByRole('heading', { name: /Gevonden medewerkers/ }).waitFor()
	}

	test('Fatima adds Sanne to a free session from its page: told first that she is seated at once, then that she is; she is on the list', async () => {
		const page = await e2e.newPage()
		await signInAs(page, FATIMA, { returnTo: `/uitvoeringen/${f.free.id}` })
		await page.setViewportSize({ width: 320, height: 800 })
		await page.getByRole('link', { name: 'Deelnemer toevoegen' }).click()
		await page.getByRole('heading', { name: 'Deelnemer toevoegen', level: 1 }).waitFor()
		await page.getByText('Zoek eerst een medewerker').waitFor()
		await expectAccessible(page)

		await search(page, 'Sanne de')
		const row = page.getByRole('row', { name: new RegExp(SANNE) })
		await expect(row.getByRole('cell', { name: 'Wordt direct ingeschreven; de opleiding is kosteloos.' }).count()).resolves.toBe(1)
		await expectAccessible(page)
		await row.getByRole('button', { name: `Toevoegen: ${SANNE}` }).focus()
		await page.keyboard.press('Enter')
		await page.getByRole('status').getByText(`${SANNE} is ingeschreven en krijgt een bevestiging per e-mail.`).waitFor()
		await row.getByText('Staat al op de lijst van deze uitvoering.').waitFor()
		expect(await row.getByRole('button').count()).toBe(0)
		expect(await sanneIn(f.free.id)).toEqual(['enrolled'])
		await expectAccessible(page)

		await page.getByRole('link', { name: 'Terug naar de uitvoering' }).click()
		await page.getByRole('cell', { name: SANNE }).first().waitFor()
	})

	test('above the unit’s approval amount the page says her manager decides first, and the request waits for him', async () => {
		const page = await e2e.newPage()
		await signInAs(page, FATIMA, { returnTo: `/uitvoeringen/${f.paid.id}/deelnemer-toevoegen` })
		await page.setViewportSize({ width: 320, height: 800 })
		await search(page, 'Sanne de')
		const row = page.getByRole('row', { name: new RegExp(SANNE) })
		await row.getByText('Eerst beslist de leidinggevende: de prijs ligt boven het bedrag waarboven goedkeuring nodig is.').waitFor()
		await row.getByText(/Na goedkeuring gaat €\s?400(,00)? van het leerbudget \d{4} af\./).waitFor()
		await row.getByRole('button', { name: `Toevoegen: ${SANNE}` }).click()
		await page.getByRole('status').getByText(`De aanvraag voor ${SANNE} wacht op goedkeuring.`).waitFor()
		expect(await sanneIn(f.paid.id)).toEqual(['awaiting_approval'])
		await expectAccessible(page)
	})
})
