import { describe, expect, test } from 'vitest'
import { accessibleAt320, SANNE, useE2E } from '../support/e2e.ts'

// Issue 19 item 4 and issue 22 item 1: the footer's accessibility statement, privacy statement and contact.
describe('the footer and the statements', () => {
	const e2e = useE2E({ driver: 'pglite' })

	test('every page’s footer links to both statements and the contact address; each statement has the model’s sections, by keyboard, without violations at 1280 and 320 px', async () => {
		const page = await e2e.newPage()
		await page.goto('/catalogus')
		const footer = page.getByRole('navigation', { name: 'Over Leerplein' })
		await expect.poll(() => footer.getByRole('link', { name: 'Contact: leerplein@demo.rijksoverheid.nl' }).getAttribute('href')).toBe('mailto:leerplein@demo.rijksoverheid.nl')

		await footer.getByRole('link', { name: 'Toegankelijkheid' }).focus()
		await page.keyboard.press('Enter')
		await page.getByRole('heading', { level: 1, name: 'Toegankelijkheidsverklaring' }).waitFor()
		expect(await page.title()).toBe('Toegankelijkheidsverklaring – Leerplein')
		expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual([
			'Nalevingsstatus',
			'Maatregelen die wij nemen',
			'Bekende knelpunten',
			'Feedback en contact',
			'Handhavingsprocedure',
			'Datum van deze verklaring',
		])
		await expect.poll(() => page.getByRole('main').getByRole('link', { name: 'leerplein@demo.rijksoverheid.nl' }).getAttribute('href')).toBe('mailto:leerplein@demo.rijksoverheid.nl')
		await accessibleAt320(page)

		await page.getByRole('navigation', { name: 'Over Leerplein' }).getByRole('link', { name: 'Privacy' }).click()
		await page.getByRole('heading', { level: 1, name: 'Privacyverklaring' }).waitFor()
		expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual([
			'Wie is verantwoordelijk',
			'Welke gegevens',
			'Waarvoor en op welke grond',
			'Hoe lang',
			'Met wie',
			'Uw rechten',
			'Functionaris gegevensbescherming',
		])
		expect(await page.getByRole('main').getByRole('link', { name: 'fg@demo.rijksoverheid.nl' }).getAttribute('href')).toBe('mailto:fg@demo.rijksoverheid.nl')
		await accessibleAt320(page)
	})

	test('in English, and for a signed-in person, the statements read the same way', async () => {
		const page = await e2e.signIn(SANNE)
		await page.goto('/privacy?lng=en')
		await page.getByRole('heading', { level: 1, name: 'Privacy statement' }).waitFor()
		// The footer names the unit of whoever is signed in.
		expect(await page.getByRole('contentinfo').getByText('You work at Rijksdienst voor Ondernemend Nederland.').count()).toBe(1)
		expect(await page.getByRole('main').getByRole('link', { name: 'leerplein@demo.rijksoverheid.nl' }).count()).toBe(1)
		await page.getByRole('navigation', { name: 'About Leerplein' }).getByRole('link', { name: 'Accessibility' }).click()
		await page.getByRole('heading', { level: 1, name: 'Accessibility statement' }).waitFor()
		await accessibleAt320(page)
	})
})
