import { testDrivers } from '@leerplein/db/testing'
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { accessibilityViolations, ELS, FATIMA, signInAs, useE2E } from '../support/e2e.ts'
import { openAdministrationTask } from '../support/navigation.ts'

// Issue 16 item 5 (ADR 037): what people search for, counted without who searched, read by the
// concern administrator, who adds a synonym for a query that finds nothing in one click.
describe.each(await testDrivers())('the concern administrator reads the search queries, on %s', (driver) => {
	const e2e = useE2E({ driver })

	/** The cells of the row of `query` in the table under heading `table`. */
	const rowOf = async (page: Page, table: string, query: string) => {
		const section = page.getByRole('region', { name: table })
		const row = section.getByRole('row').filter({ has: page.getByRole('cell', { name: query, exact: true }) })
		return (await row.getByRole('cell').allTextContents()).slice(0, 5)
	}

	test('searches are counted per normalised query, and a query without results leads to its synonym', async () => {
		// Other test files share the database and search 'integriteit' too: what the page counted before.
		const page = await e2e.newPage()
		await signInAs(page, ELS, { returnTo: '/beheer/zoekvragen' })
		await page.getByRole('heading', { level: 1, name: 'Zoekvragen' }).waitFor()
		const before = Number((await rowOf(page, 'Meest gezocht', 'integriteit'))[1] ?? 0)
		const visitor = await e2e.newPage()
		// Asked on the page (a submit, a link): twice the same question in another spelling, and one that finds nothing.
		await visitor.goto('/catalogus?q=Integriteit')
		// The same again: answered from the cache, and still counted.
		await visitor.goto('/catalogus?q=Integriteit')
		await visitor.goto('/catalogus?q=%20integriteit%20%20')
		await visitor.goto('/catalogus?q=integriteit&pagina=2')
		await visitor.goto('/catalogus?q=qxzwvy')
		await visitor.getByText('qxzwvy').first().waitFor()
		// No course has every word: the courses with the most of them, counted as partly found.
		await visitor.goto(`/catalogus?q=${encodeURIComponent('integriteit bij vqzxwy')}`)
		await visitor.getByText('Geen opleiding bevat al uw zoekwoorden.', { exact: false }).waitFor()
		// Typed: counted once typing rests (the page asks the JSON route with ?tellen=1), not per pause.
		await visitor.goto('/catalogus')
		const counted = visitor.waitForResponse((response) => response.url().includes('tellen=1'))
		await visitor.getByLabel('Zoek een opleiding').pressSequentially('vwqzxk', { delay: 20 })
		expect((await counted).status()).toBe(200)

		await page.goto('/')
		await openAdministrationTask(page, 'Zoekvragen')
		await page.getByRole('heading', { level: 1, name: 'Zoekvragen' }).waitFor()
		// Query, searched, without results, partly found, last number of results: page 2 was no new question.
		const integrity = await rowOf(page, 'Meest gezocht', 'integriteit')
		expect(integrity.slice(0, 4)).toEqual(['integriteit', String(before + 3), '0', '0'])
		expect(Number(integrity[4])).toBeGreaterThan(0)
		expect(await rowOf(page, 'Geen of weinig resultaten', 'qxzwvy')).toEqual(['qxzwvy', '1', '1', '0', '0'])
		expect(await rowOf(page, 'Geen of weinig resultaten', 'vwqzxk')).toEqual(['vwqzxk', '1', '1', '0', '0'])
		expect((await rowOf(page, 'Geen of weinig resultaten', 'integriteit bij vqzxwy')).slice(0, 4)).toEqual(['integriteit bij vqzxwy', '1', '0', '1'])
		expect(await page.getByRole('region', { name: 'Geen of weinig resultaten' }).getByRole('cell', { name: 'integriteit', exact: true }).count()).toBe(0)
		expect(await accessibilityViolations(page)).toEqual([])

		// Another period, and one the page does not know: the default, said so, never a 500.
		await page.getByLabel('Periode').selectOption('7')
		await page.getByRole('button', { name: 'Tonen' }).click()
		await page.waitForURL(/periode=7/)
		expect((await rowOf(page, 'Meest gezocht', 'integriteit'))[1]).toBe(String(before + 3))
		const unknown = await page.goto('/beheer/zoekvragen?periode=365')
		expect(unknown?.status()).toBe(200)
		await page.getByText('Die periode kennen we niet.', { exact: false }).waitFor()
		expect(await page.getByLabel('Periode').inputValue()).toBe('30')

		// The CSV of a table holds the same rows.
		await page.goto('/beheer/zoekvragen')
		const href = await page.getByRole('link', { name: 'Download ‘Geen of weinig resultaten’ als CSV' }).getAttribute('href')
		const download = await page.request.get(href!)
		expect(download.headers()['content-type']).toContain('text/csv')
		expect(await download.text()).toContain('qxzwvy;1;1;0;0')

		// At 320 px nothing scrolls sideways but the tables' own regions, and axe finds nothing.
		await page.setViewportSize({ width: 320, height: 800 })
		await page.goto('/beheer/zoekvragen')
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
		expect(await accessibilityViolations(page)).toEqual([])
		await page.setViewportSize({ width: 1280, height: 800 })

		// By keyboard alone to the synonym form, the query already in it.
		await page.goto('/beheer/zoekvragen')
		const target = 'Synoniem toevoegen voor ‘qxzwvy’'
		for (let i = 0; i < 80; i++) {
			await page.keyboard.press('Tab')
			if ((await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))) === target) break
		}
		expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(target)
		await page.keyboard.press('Enter')
		await page.getByRole('heading', { level: 1, name: 'Zoeksynoniemen' }).waitFor()
		expect(await page.getByLabel('Term').inputValue()).toBe('qxzwvy')
		await page.getByLabel('Betekent ook').fill('integriteit')
		await page.getByRole('button', { name: 'Synoniem toevoegen' }).click()
		await page.getByText('Het synoniem is opgeslagen.').waitFor()
		expect(await page.getByRole('row', { name: /^qxzwvy integriteit/ }).count()).toBe(1)
	})

	test('nobody else reads them', async () => {
		const page = await e2e.newPage()
		await signInAs(page, FATIMA)
		expect((await page.goto('/beheer/zoekvragen'))?.status()).toBe(403)
		expect(await page.getByRole('link', { name: 'Zoekvragen' }).count()).toBe(0)
		expect((await page.request.get('/beheer/zoekvragen/lijst?tabel=gezocht')).status()).toBe(403)
	})
})
