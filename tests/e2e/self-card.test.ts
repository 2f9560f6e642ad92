import { and, eq } from 'drizzle-orm'
import { schema } from '@leerplein/db/schema'
import { testDrivers } from '@leerplein/db/testing'
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { accessibilityViolations, SANNE, signInAs, useE2E } from '../support/e2e.ts'

// Issue 18, item 2, in Chromium (ADR 042): Sanne completed one of RVO's courses and opens its card
// to self from "Mijn leren"; she writes it with the keyboard, a too long action is refused beside
// its field and keeps the other; once its return day has come (the owner moves it into the past,
// as three months would) she says what became of each action. Every state passes axe at 1280 and
// 320 px without sideways scrolling. PostgreSQL, so the test can plant the course as the owner.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')
const TITLE = 'Subsidieaanvragen beoordelen (kaart-e2e)'

async function fitsIn320(page: Page) {
	await page.setViewportSize({ width: 320, height: 800 })
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
	expect(await accessibilityViolations(page)).toEqual([])
	await page.setViewportSize({ width: 1280, height: 800 })
}

describe.each(drivers)('a card to self, on %s', (driver) => {
	const e2e = useE2E({ driver, owner: true })
	const { owner } = e2e

	test('Sanne writes her card by keyboard and, once it is back, says what became of each action', async () => {
		const [rvo] = await owner.db.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
		const [sanne] = await owner.db.select({ id: schema.users.id }).from(schema.users).where(and(eq(schema.users.tenantId, rvo!.id), eq(schema.users.name, SANNE)))
		const [course] = await owner.db
			.insert(schema.courses)
			.values({ providerTenantId: rvo!.id, title: TITLE, summary: 'Samenvatting', description: 'Beschrijving', form: 'classroom', durationMinutes: 180, status: 'published', visibility: 'concern' })
			.returning({ id: schema.courses.id })
		const startsAt = new Date(Date.now() - 2 * 86_400_000)
		const [session] = await owner.db
			.insert(schema.sessions)
			.values({ tenantId: rvo!.id, courseId: course!.id, startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3_600_000), capacity: 12 })
			.returning({ id: schema.sessions.id })
		const [enrolment] = await owner.db.insert(schema.enrolments).values({ tenantId: rvo!.id, sessionId: session!.id, userId: sanne!.id, status: 'enrolled', queueNumber: 1 }).returning({ id: schema.enrolments.id })
		await owner.db.update(schema.enrolments).set({ status: 'completed' }).where(eq(schema.enrolments.id, enrolment!.id))

		const page = await e2e.newPage({ viewport: { width: 1280, height: 800 } })
		await signInAs(page, SANNE)
		await page.goto('/mijn-leren')
		await page.getByRole('link', { name: `Kaart aan jezelf voor ${TITLE}` }).click()
		await page.getByRole('heading', { level: 1, name: `Kaart aan jezelf: ${TITLE}` }).waitFor()
		expect(await accessibilityViolations(page)).toEqual([])
		await fitsIn320(page)

		// By keyboard: the first action typed, Tab to the second, which is too long.
		await page.getByLabel('Actie 1', { exact: true }).focus()
		await page.keyboard.type('Elke aanvraag eerst aan de checklist toetsen')
		await page.keyboard.press('Tab')
		await page.getByLabel('Actie 2', { exact: true }).fill('x'.repeat(501))
		await page.getByRole('button', { name: 'Kaart opslaan' }).focus()
		await page.keyboard.press('Enter')
		await page.getByText('Deze actie is te lang: ten hoogste 500 tekens.').first().waitFor()
		expect(await page.getByLabel('Actie 2', { exact: true }).getAttribute('aria-invalid')).toBe('true')
		expect(await page.getByLabel('Actie 1', { exact: true }).inputValue()).toBe('Elke aanvraag eerst aan de checklist toetsen')
		expect(await accessibilityViolations(page)).toEqual([])
		await fitsIn320(page)

		await page.getByLabel('Actie 2', { exact: true }).fill('Twijfelgevallen bespreken in het teamoverleg')
		await page.getByRole('button', { name: 'Kaart opslaan' }).focus()
		await page.keyboard.press('Enter')
		await page.getByText('Uw kaart is opgeslagen.').waitFor()
		await page.getByRole('heading', { level: 2, name: 'Uw acties' }).waitFor()
		await page.getByText('Twijfelgevallen bespreken in het teamoverleg').waitFor()
		await page.getByText(/^De kaart komt terug op /).waitFor()
		expect(await page.getByRole('heading', { level: 2, name: 'Wat is ervan terechtgekomen?' }).count()).toBe(0)
		expect(await accessibilityViolations(page)).toEqual([])
		await fitsIn320(page)

		// Three months on: the owner moves the return day into the past, as time would.
		await owner.db.update(schema.selfCards).set({ returnOn: '2020-01-01' }).where(eq(schema.selfCards.enrolmentId, enrolment!.id))
		await page.reload()
		await page.getByRole('heading', { level: 2, name: 'Wat is ervan terechtgekomen?' }).waitFor()
		expect(await accessibilityViolations(page)).toEqual([])
		await fitsIn320(page)
		// A radio group moves and checks with the arrows: "Gedaan" is the first, "Deels" one on.
		const first = page.getByRole('group', { name: 'Actie 1: Elke aanvraag eerst aan de checklist toetsen' })
		await first.getByRole('radio', { name: 'Gedaan', exact: true }).focus()
		await page.keyboard.press('Space')
		const second = page.getByRole('group', { name: 'Actie 2: Twijfelgevallen bespreken in het teamoverleg' })
		await second.getByRole('radio', { name: 'Gedaan', exact: true }).focus()
		await page.keyboard.press('ArrowRight')
		expect(await second.getByRole('radio', { name: 'Deels' }).isChecked()).toBe(true)
		await page.getByLabel('Toelichting bij actie 2 (niet verplicht)').fill('Twee keer gedaan, daarna vergeten')
		await page.getByRole('button', { name: 'Terugblik opslaan' }).focus()
		await page.keyboard.press('Enter')
		await page.getByText('Dank u wel: uw terugblik is opgeslagen.').waitFor()
		await page.getByText('Uitkomst: Gedaan').waitFor()
		await page.getByText('Uitkomst: Deels – Twee keer gedaan, daarna vergeten').waitFor()
		expect(await accessibilityViolations(page)).toEqual([])
		await fitsIn320(page)
		const stored = await owner.db.select({ outcome: schema.selfCardActions.outcome }).from(schema.selfCardActions).innerJoin(schema.selfCards, eq(schema.selfCards.id, schema.selfCardActions.cardId)).where(eq(schema.selfCards.enrolmentId, enrolment!.id))
		expect(stored.map((row) => row.outcome).sort()).toEqual(['done', 'partly'])
	})
})
