import { testDrivers } from '@leerplein/db/testing'
import type { BrowserContext, Page } from 'playwright-core'
import { beforeEach, describe, expect, test } from 'vitest'
import { accessibilityViolations, ELS, FATIMA, signInAs, useE2E } from '../support/e2e.ts'
import { openAdministrationTask } from '../support/navigation.ts'

describe.each(await testDrivers())('the concern administrator keeps the search synonyms, on %s', (driver) => {
	const e2e = useE2E({ driver })
	const { portal } = e2e
	let context: BrowserContext
	let page: Page

	beforeEach(async () => {
		page = await e2e.newPage()
		context = page.context()
	})

	const resultsFor = async (query: string) => {
		await page.goto(`/catalogus?q=${encodeURIComponent(query)}`)
		return page.locator('.course-list h3').allTextContents()
	}

	test('adds, changes and (after confirming) deletes a synonym, and search follows at once', async () => {
		await signInAs(page, ELS)
		expect(await resultsFor('KWP')).toEqual([])
		await openAdministrationTask(page, 'Zoeksynoniemen')
		await page.getByRole('heading', { level: 1, name: 'Zoeksynoniemen' }).waitFor()
		expect(await page.getByRole('row', { name: /^avg/ }).count()).toBe(1)

		// Errors sit next to their field (and in the summary above the form, as a link to it), in Dutch, and nothing typed is lost.
		await page.getByLabel('Betekent ook').fill('omgevingswet')
		await page.getByRole('button', { name: 'Synoniem toevoegen' }).click()
		await page.getByText('Vul een term in.', { exact: true }).waitFor()
		await page.getByRole('link', { name: 'Term: Vul een term in.' }).waitFor()
		expect(await page.getByLabel('Betekent ook').inputValue()).toBe('omgevingswet')
		expect(await page.getByLabel('Term').getAttribute('aria-invalid')).toBe('true')
		expect(await accessibilityViolations(page)).toEqual([])

		await page.getByLabel('Term').fill('KWP')
		await page.getByRole('button', { name: 'Synoniem toevoegen' }).click()
		await page.getByText('Het synoniem is opgeslagen.').waitFor()
		expect(await page.getByRole('row', { name: /^kwp omgevingswet/ }).count()).toBe(1)
		expect((await resultsFor('KWP')).some((title) => /omgevingswet/i.test(title))).toBe(true)

		// The same term twice is refused, next to the field.
		await page.goto('/beheer/zoeksynoniemen')
		await page.getByLabel('Term').fill('kwp')
		await page.getByLabel('Betekent ook').fill('iets anders')
		await page.getByRole('button', { name: 'Synoniem toevoegen' }).click()
		await page.getByText('Voor deze term bestaat al een synoniem. Wijzig dat synoniem in plaats van een nieuw toe te voegen.', { exact: true }).waitFor()

		await page.goto('/beheer/zoeksynoniemen')
		await page.getByRole('link', { name: 'Wijzigen: kwp' }).click()
		await page.getByRole('heading', { name: 'Synoniem ‘kwp’ wijzigen' }).waitFor()
		expect(await page.getByLabel('Betekent ook').inputValue()).toBe('omgevingswet')
		await page.getByLabel('Betekent ook').fill('veilig thuiswerken')
		await page.getByRole('button', { name: 'Opslaan' }).click()
		await page.getByText('Het synoniem is opgeslagen.').waitFor()
		expect((await resultsFor('KWP')).some((title) => /veilig thuiswerken/i.test(title))).toBe(true)

		await page.goto('/beheer/zoeksynoniemen')
		await page.getByRole('link', { name: 'Verwijderen: kwp' }).click()
		await page.getByRole('heading', { name: 'Synoniem ‘kwp’ verwijderen?' }).waitFor()
		await page.getByRole('button', { name: 'Ja, verwijderen' }).click()
		await page.getByText('Het synoniem is verwijderd.').waitFor()
		expect(await page.getByRole('row', { name: /^kwp/ }).count()).toBe(0)
		expect(await resultsFor('KWP')).toEqual([])
	})

	test('a coordinator neither sees the page nor can post to it', async () => {
		await signInAs(page, FATIMA)
		const response = await page.goto('/beheer/zoeksynoniemen')
		expect(response?.status()).toBe(403)
		expect(await page.getByRole('link', { name: 'Zoeksynoniemen' }).count()).toBe(0)
		const cookies = await context.cookies()
		const posted = await fetch(`${portal.url}/beheer/zoeksynoniemen`, {
			method: 'POST',
			headers: { Origin: portal.url, Cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') },
			body: new URLSearchParams({ intent: 'save', id: '', term: 'hack', expansions: 'integriteit' }),
			redirect: 'manual',
		})
		expect(posted.status).toBe(403)
	})
})
