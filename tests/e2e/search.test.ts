import { testDrivers } from '@leerplein/db/testing'
import type { Page } from 'playwright-core'
import { beforeEach, describe, expect, test } from 'vitest'
import { accessibilityViolations, useE2E } from '../support/e2e.ts'

/** The number in the result count ("12 opleidingen gevonden voor …"). */
async function resultCount(page: Page): Promise<number> {
	const text = (await page.locator('.result-count').textContent()) ?? ''
	return Number(text.replace(/\./g, '').match(/^\d+/)?.[0] ?? Number.NaN)
}

describe.each(await testDrivers())('catalogue search on %s', (driver) => {
	const e2e = useE2E({ driver })
	const { portal } = e2e
	let page: Page

	beforeEach(async () => {
		page = await e2e.newPage()
	})

	test('results update while typing, through the JSON route, and the URL follows', async () => {
		await page.goto('/catalogus')
		const all = await resultCount(page)
		// Remix's fetcher asks the resource route's loader (as /catalogus/zoeken.data).
		const answered = page.waitForResponse((response) => /\/catalogus\/zoeken(\.data)?\?q=omgevingswet/.test(response.url()) && response.status() === 200)
		await page.getByLabel('Zoek een opleiding').pressSequentially('omgevingswet', { delay: 20 })
		await answered
		await page.getByText('gevonden voor ‘omgevingswet’').waitFor()
		expect(await resultCount(page)).toBeLessThan(all)
		expect(await page.locator('.course-list h3').first().textContent()).toMatch(/omgevingswet/i)
		await page.waitForURL((url) => url.searchParams.get('q') === 'omgevingswet')
		// The typed URL is shareable: opening it fresh gives the same page.
		const shared = await e2e.newPage()
		await shared.goto(page.url())
		expect(await shared.locator('.course-list h3').first().textContent()).toBe(await page.locator('.course-list h3').first().textContent())
		await shared.close()
	})

	test('the words a search matched are marked in titles and summaries, rendered by the server and while typing', async () => {
		await page.goto('/catalogus?q=integriteit')
		const marks = page.locator('.course-list mark')
		await marks.first().waitFor()
		// Every mark is a word the search matched, and the title around it is whole.
		for (const text of await marks.allTextContents()) expect(text).toMatch(/^integriteit$/i)
		const title = page.locator('.course-list h3').first()
		expect(await title.locator('mark').count()).toBeGreaterThan(0)
		expect(await title.textContent()).toMatch(/\bintegriteit\b/i)
		expect(await page.locator('.course-card__summary mark').count()).toBeGreaterThan(0)
		expect(await accessibilityViolations(page)).toEqual([])

		// Typing another word: the JSON route's answer is marked the same way.
		const answered = page.waitForResponse((response) => /\/catalogus\/zoeken(\.data)?\?q=omgevingswet/.test(response.url()) && response.status() === 200)
		await page.getByLabel('Zoek een opleiding').fill('')
		await page.getByLabel('Zoek een opleiding').pressSequentially('omgevingswet', { delay: 20 })
		await answered
		await page.getByText('gevonden voor ‘omgevingswet’').waitFor()
		const typed = await page.locator('.course-list h3').first().locator('mark').allTextContents()
		expect(typed.length).toBeGreaterThan(0)
		for (const text of typed) expect(text).toMatch(/^omgevingswet$/i)
		expect(await page.locator('.course-list mark').filter({ hasText: /^integriteit$/i }).count()).toBe(0)
	})

	test('filters show counts, narrow the results to exactly that count, and the back button restores the state', async () => {
		await page.goto('/catalogus')
		const before = await resultCount(page)
		const option = page.locator('.facet').filter({ hasText: 'Vorm' }).locator('label').filter({ hasText: 'E-learning' })
		const count = Number((await option.locator('.facet__count').textContent())!.replace(/[^\d]/g, ''))
		expect(count).toBeGreaterThan(0)
		await option.click()
		await page.waitForURL((url) => url.searchParams.get('vorm') === 'e-learning')
		await page.getByRole('status').filter({ hasText: `${count} opleiding` }).waitFor()
		expect(await resultCount(page)).toBe(count)
		const forms = await page.locator('.course-list dt:text-is("Vorm") + dd').allTextContents()
		expect(new Set(forms)).toEqual(new Set(['E-learning']))
		expect(await page.getByRole('checkbox', { name: /E-learning/ }).isChecked()).toBe(true)
		expect(await accessibilityViolations(page)).toEqual([])

		await page.goBack()
		await page.waitForURL((url) => !url.searchParams.has('vorm'))
		await page.getByRole('status').filter({ hasText: `${before.toLocaleString('nl-NL')} opleidingen` }).waitFor()
		expect(await page.getByRole('checkbox', { name: /E-learning/ }).isChecked()).toBe(false)
		await page.goForward()
		await page.waitForURL((url) => url.searchParams.get('vorm') === 'e-learning')
		await page.getByRole('status').filter({ hasText: `${count} opleiding` }).waitFor()
		expect(await page.getByRole('checkbox', { name: /E-learning/ }).isChecked()).toBe(true)
	})

	test('sorting by title orders the results alphabetically, kept in the URL', async () => {
		await page.goto('/catalogus?q=werken')
		expect(await page.getByLabel('Sorteren op').inputValue()).toBe('')
		await page.getByLabel('Sorteren op').selectOption('titel')
		await page.waitForURL((url) => url.searchParams.get('sorteer') === 'titel')
		// The URL changes as the navigation starts; the new list renders when its data arrives.
		const normalise = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9&]+/g, ' ').trim()
		const shownTitles = async () => (await page.locator('.course-list h3').allTextContents()).map(normalise)
		await expect.poll(async () => {
			const titles = await shownTitles()
			return titles.length > 1 && titles.join('\n') === [...titles].sort().join('\n')
		}).toBe(true)
	})

	test('works without JavaScript: a plain GET form for the query, the filters and the sort', async () => {
		const noScript = await e2e.newContext({ javaScriptEnabled: false })
		const plain = await noScript.newPage()
		try {
			await plain.goto('/catalogus')
			await plain.getByLabel('Zoek een opleiding').fill('integriteit')
			await plain.getByRole('button', { name: 'Zoeken' }).click()
			await plain.waitForURL((url) => url.searchParams.get('q') === 'integriteit')
			const found = await resultCount(plain)
			expect(found).toBeGreaterThan(0)
			await plain.locator('.facet').filter({ hasText: 'Kosten' }).getByRole('checkbox').first().check()
			await plain.getByRole('button', { name: 'Filters toepassen' }).click()
			await plain.waitForURL((url) => url.searchParams.has('kosten') && url.searchParams.get('q') === 'integriteit')
			expect(await resultCount(plain)).toBeLessThanOrEqual(found)
		} finally {
			await noScript.close()
		}
	})

	test('"did you mean" for a typo, and typo tolerance in the results', async () => {
		await page.goto('/catalogus?q=integritijt')
		expect(await resultCount(page)).toBeGreaterThan(0)
		const suggestion = page.locator('.did-you-mean a')
		expect(await suggestion.textContent()).toBe('integriteit')
		await suggestion.click()
		await page.waitForURL((url) => url.searchParams.get('q') === 'integriteit')
		await page.getByText('gevonden voor ‘integriteit’').waitFor()
		expect(await page.locator('.did-you-mean').count()).toBe(0)
	})

	test('an empty result helps: what to try, the way out of the filters, and themes to browse', async () => {
		await page.goto('/catalogus?q=xyzzyqwv&taal=en')
		await page.getByRole('heading', { name: 'Geen opleidingen gevonden' }).waitFor()
		expect(await page.getByText('We vonden geen opleidingen voor ‘xyzzyqwv’.').isVisible()).toBe(true)
		expect(await page.getByRole('link', { name: 'Zoek zonder filters' }).getAttribute('href')).toBe('/catalogus?q=xyzzyqwv')
		expect(await page.locator('.theme-links a').count()).toBeGreaterThan(5)
		expect(await accessibilityViolations(page)).toEqual([])
	})

	test('a search no course has every word of still finds the courses with the most of them, and says so', async () => {
		await page.goto(`/catalogus?q=${encodeURIComponent('integriteit bij xyzzyqwv')}`)
		await page.getByText('Geen opleiding bevat al uw zoekwoorden.', { exact: false }).waitFor()
		expect(await resultCount(page)).toBeGreaterThan(0)
		// Ranked by the words a course has, then where: the word in the title first.
		expect(await page.locator('.course-list h3').first().textContent()).toMatch(/integriteit/i)
		expect(await accessibilityViolations(page)).toEqual([])
	})

	test('an abbreviation finds the course by its full name and back (synonyms)', async () => {
		await page.goto(`/catalogus?q=${encodeURIComponent('algemene verordening gegevensbescherming')}`)
		const titles = await page.locator('.course-list h3').allTextContents()
		expect(titles.some((title) => /\bAVG\b/.test(title))).toBe(true)
	})

	test('bad input gets a clear answer, never a server error', async () => {
		const long = await page.goto(`/catalogus?q=${'integriteit '.repeat(600)}`)
		expect(long?.status()).toBe(200)
		expect(await page.getByText('Uw zoekopdracht was te lang').isVisible()).toBe(true)

		const unknownFilter = await page.goto('/catalogus?vorm=hologram&thema=bestaat-niet&sorteer=willekeurig')
		expect(unknownFilter?.status()).toBe(200)
		expect(await page.getByText('Het filter ‘vorm’ met de waarde ‘hologram’ bestaat niet en is genegeerd.').isVisible()).toBe(true)
		expect(await page.getByText('Het filter ‘thema’ met de waarde ‘bestaat-niet’ bestaat niet en is genegeerd.').isVisible()).toBe(true)

		let dialogs = 0
		page.on('dialog', (dialog) => {
			dialogs++
			void dialog.dismiss()
		})
		const html = await page.goto(`/catalogus?q=${encodeURIComponent('<script>alert(1)</script> \' OR 1=1 --')}`)
		expect(html?.status()).toBe(200)
		expect(await page.getByLabel('Zoek een opleiding').inputValue()).toBe("<script>alert(1)</script> ' OR 1=1 --")
		expect(dialogs).toBe(0)

		const far = await page.goto('/catalogus?q=integriteit&pagina=99999')
		expect(far?.status()).toBe(200)
		expect(await page.getByText(/Deze pagina bestaat niet: er (is|zijn) \d+ pagina/).isVisible()).toBe(true)
		await page.getByRole('link', { name: 'Naar de laatste pagina' }).click()
		await page.locator('.course-list > li').first().waitFor()
		expect(new URL(page.url()).searchParams.get('pagina')).not.toBe('10001')

		// Control characters never reach the search: the server refuses such an address for every route (ADR 021).
		const control = await fetch(`${portal.url}/catalogus/zoeken?q=%00%01`)
		expect(control.status).toBe(400)
		expect(await control.text()).toContain('Ongeldig adres')
		for (const [query, status] of [
			['pagina=abc', 400],
			['pagina=99999', 200],
			['pagina=0', 400],
			[`q=${'x'.repeat(10_000)}`, 200],
			['vorm=hologram', 200],
		] as const) {
			const response = await fetch(`${portal.url}/catalogus/zoeken?${query}`)
			expect(response.status, query).toBe(status)
			expect(response.headers.get('content-type')).toMatch(/json/)
		}
	})

	test('the JSON route answers with results, facets and the canonical URL', async () => {
		const response = await fetch(`${portal.url}/catalogus/zoeken?vorm=webinar&q=voor&vorm=klassikaal`)
		expect(response.status).toBe(200)
		const body = (await response.json()) as { canonical: string; total: number; entries: { title: string; form: string }[]; facets: { name: string; values: { value: string; count: number }[] }[] }
		expect(body.canonical).toBe('q=voor&vorm=klassikaal&vorm=webinar')
		expect(body.entries.every((entry) => ['webinar', 'classroom'].includes(entry.form))).toBe(true)
		const forms = body.facets.find((facet) => facet.name === 'form')!
		const selectedCounts = forms.values.filter((v) => ['webinar', 'klassikaal'].includes(v.value)).reduce((sum, v) => sum + v.count, 0)
		expect(selectedCounts).toBe(body.total)
	})

	test('keyboard only: type, tick a filter with the space bar, reach a result', async () => {
		await page.goto('/catalogus')
		await page.keyboard.press('Tab')
		await page.keyboard.press('Enter')
		await page.keyboard.press('Tab')
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('q')
		await page.keyboard.type('integriteit')
		await page.keyboard.press('Enter')
		await page.waitForURL((url) => url.searchParams.get('q') === 'integriteit')
		for (let i = 0; i < 10 && (await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)) !== 'checkbox'; i++) {
			await page.keyboard.press('Tab')
		}
		const name = await page.evaluate(() => (document.activeElement as HTMLInputElement).name)
		await page.keyboard.press('Space')
		await page.waitForURL((url) => url.searchParams.has(name))
		await page.locator('#resultaten').focus()
		for (let i = 0; i < 10 && !(await page.evaluate(() => document.activeElement?.closest('.course-list') !== null)); i++) {
			await page.keyboard.press('Tab')
		}
		await page.keyboard.press('Enter')
		await page.waitForURL(/\/catalogus\/[0-9a-f-]{36}$/)
	})
})
