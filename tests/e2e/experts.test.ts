import { eq } from 'drizzle-orm'
import { schema } from '@leerplein/db/schema'
import { testDrivers } from '@leerplein/db/testing'
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { accessibilityViolations, SANNE, signInAs, useE2E } from '../support/e2e.ts'

// Issue 20, item 1, in Chromium (ADR 048): Sanne (RVO) makes herself available as an expert —
// first with a form that is refused beside its fields, then right — and Lotte (NVWA) finds her in
// the concern-wide directory by theme and by a word in another form than Sanne wrote it, with
// nothing of Sanne but what the directory publishes. Sanne pauses (Lotte no longer finds her; the
// pause also works without JavaScript), resumes, and opts out after a confirmation (gone at once).
// Both pages pass axe at 1280 and 320 px without sideways scrolling. The audit rows are read as
// the owner, so PostgreSQL.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')
const LOTTE = 'Lotte van Dijk' // employee, NVWA
const THEME = 'Informatiebeveiliging & privacy'
const DESCRIPTION = 'Ik help bij vragen over etiketteringsregels en de AVG in subsidiedossiers (experts-e2e).'
// Markup in a text is shown as typed, never interpreted.
const CONTACT = 'Teams: <b>Sanne de Vries</b>, of bel 070 000 0000'

async function fitsIn320(page: Page) {
	await page.setViewportSize({ width: 320, height: 800 })
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
	expect(await accessibilityViolations(page)).toEqual([])
	await page.setViewportSize({ width: 1280, height: 800 })
}

describe.each(drivers)('the experts directory, on %s', (driver) => {
	const e2e = useE2E({ driver, owner: true })
	const { owner } = e2e

	test('Sanne becomes an expert, Lotte of another unit finds her by theme and by a word, a pause hides her and opting out removes her', async () => {
		const [sanne] = await owner.db.select({ id: schema.users.id, email: schema.users.email }).from(schema.users).where(eq(schema.users.name, SANNE))
		const sannePage = await e2e.newPage({ viewport: { width: 1280, height: 800 } })
		await signInAs(sannePage, SANNE)
		await sannePage.goto('/experts')
		await sannePage.getByRole('link', { name: 'Zelf expert worden' }).click()
		await sannePage.getByRole('heading', { level: 1, name: 'Expert worden' }).waitFor()
		expect(await accessibilityViolations(sannePage)).toEqual([])
		await fitsIn320(sannePage)

		// Too long a description and no theme: refused beside both fields; what she typed stays.
		await sannePage.getByLabel('Waarover kunt u helpen?').fill('x'.repeat(501))
		await sannePage.getByLabel('Hoe bereiken collega’s u?').fill(CONTACT)
		await sannePage.getByRole('button', { name: 'Beschikbaar stellen als expert' }).click()
		await sannePage.getByText('De beschrijving is te lang: ten hoogste 500 tekens.').first().waitFor()
		await sannePage.getByText('Kies ten minste één thema.').first().waitFor()
		expect(await sannePage.getByLabel('Waarover kunt u helpen?').getAttribute('aria-invalid')).toBe('true')
		expect(await sannePage.getByLabel('Hoe bereiken collega’s u?').inputValue()).toBe(CONTACT)
		expect(await accessibilityViolations(sannePage)).toEqual([])
		await fitsIn320(sannePage)

		await sannePage.getByLabel('Waarover kunt u helpen?').fill(DESCRIPTION)
		await sannePage.getByRole('group', { name: /^Thema’s/ }).getByLabel(THEME).check()
		await sannePage.getByRole('group', { name: /^Bekwaamheden/ }).getByLabel('Privacy en AVG').check()
		await sannePage.getByRole('button', { name: 'Beschikbaar stellen als expert' }).click()
		await sannePage.getByText('U staat nu in het overzicht van experts.').waitFor()
		await sannePage.getByRole('heading', { level: 2, name: 'U staat in het overzicht van experts.' }).waitFor()
		expect(await sannePage.getByLabel('Waarover kunt u helpen?').inputValue()).toBe(DESCRIPTION)
		expect(await accessibilityViolations(sannePage)).toEqual([])
		await fitsIn320(sannePage)

		// Lotte, NVWA: by theme, then by a word in its singular form.
		const lottePage = await e2e.newPage({ viewport: { width: 1280, height: 800 } })
		await signInAs(lottePage, LOTTE)
		await lottePage.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Experts' }).click()
		await lottePage.getByRole('heading', { level: 1, name: 'Experts' }).waitFor()
		await lottePage.getByLabel('Thema').selectOption({ label: THEME })
		await lottePage.getByRole('button', { name: 'Zoeken' }).click()
		await lottePage.waitForURL(/thema=informatiebeveiliging-privacy/)
		const card = lottePage.getByRole('article', { name: SANNE })
		await card.waitFor()
		await card.getByText(DESCRIPTION).waitFor()
		await card.getByText(CONTACT).waitFor()
		expect(await card.locator('b').count()).toBe(0)
		await card.getByText('Rijksdienst voor Ondernemend Nederland').waitFor()
		expect(await card.getByText(/^Privacy en AVG/).textContent()).toMatch(/\((bevestigd in paspoort|zelf opgegeven)\)/)
		expect(await lottePage.content()).not.toContain(sanne!.email)
		expect(await accessibilityViolations(lottePage)).toEqual([])
		await fitsIn320(lottePage)

		await lottePage.getByLabel('Trefwoorden').fill('etiketteringsregel')
		await lottePage.getByLabel('Thema').selectOption({ label: 'Alle' })
		await lottePage.getByRole('button', { name: 'Zoeken' }).click()
		await lottePage.waitForURL(/q=etiketteringsregel/)
		await lottePage.getByRole('article', { name: SANNE }).waitFor()
		await lottePage.getByText('1 expert gevonden').waitFor()

		// Sanne pauses, without JavaScript: Lotte's same search no longer finds her.
		const plain = await e2e.newContext({ javaScriptEnabled: false })
		const plainPage = await plain.newPage()
		await signInAs(plainPage, SANNE)
		await plainPage.goto('/expert-worden')
		await plainPage.getByRole('button', { name: 'Pauzeren' }).click()
		await plainPage.getByText('U bent gepauzeerd en staat niet meer in het overzicht.').waitFor()
		await lottePage.reload()
		await lottePage.getByText('Geen experts gevonden.').waitFor()
		expect(await lottePage.getByRole('article', { name: SANNE }).count()).toBe(0)
		expect(await accessibilityViolations(lottePage)).toEqual([])
		await fitsIn320(lottePage)

		// She resumes: listed again.
		await sannePage.reload()
		await sannePage.getByRole('button', { name: 'Hervatten' }).click()
		await sannePage.getByText('U staat weer in het overzicht van experts.').waitFor()
		await lottePage.reload()
		await lottePage.getByRole('article', { name: SANNE }).waitFor()

		// She opts out, asked once more: gone from the directory at once.
		await sannePage.getByRole('link', { name: 'Geen expert meer zijn' }).click()
		await sannePage.getByRole('heading', { name: 'Geen expert meer zijn?' }).waitFor()
		expect(await accessibilityViolations(sannePage)).toEqual([])
		await sannePage.getByRole('button', { name: 'Ja, verwijder mijn vermelding' }).click()
		await sannePage.getByText('U bent geen expert meer; uw vermelding is verwijderd.').waitFor()
		await sannePage.getByRole('button', { name: 'Beschikbaar stellen als expert' }).waitFor()
		await lottePage.reload()
		await lottePage.getByText('Geen experts gevonden.').waitFor()

		const audited = await owner.db.select({ action: schema.auditLog.action }).from(schema.auditLog).where(eq(schema.auditLog.objectId, sanne!.id)).orderBy(schema.auditLog.id)
		expect(audited.map((row) => row.action).filter((action) => action.startsWith('expert.'))).toEqual(['expert.create', 'expert.pause', 'expert.resume', 'expert.delete'])
		expect(await owner.db.select().from(schema.experts).where(eq(schema.experts.userId, sanne!.id))).toEqual([])
		await plain.close()
	})

	test('anonymous visitors are sent to sign in', async () => {
		const page = await e2e.newPage()
		for (const path of ['/experts', '/expert-worden']) {
			await page.goto(path)
			await page.waitForURL(/\/inloggen/)
		}
	})
})
