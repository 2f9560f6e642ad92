import { testDrivers } from '@leerplein/db/testing'
import type { Page } from 'playwright-core'
import { beforeEach, describe, expect, test } from 'vitest'
import { accessibilityViolations, useE2E } from '../support/e2e.ts'

const UNIT_NAMES = [
	'Kerndepartement',
	'Nederlandse Voedsel- en Warenautoriteit',
	'Rijksdienst voor Ondernemend Nederland',
	'Dienst ICT Uitvoering',
	'Autoriteit Consument & Markt',
	'Centraal Planbureau',
	'Agentschap Telecom',
	'Staatstoezicht op de Mijnen',
	'Nederlandse Emissieautoriteit',
]

describe.each(await testDrivers())('the portal on %s', (driver) => {
	const e2e = useE2E({ driver })
	const { portal } = e2e
	let page: Page

	beforeEach(async () => {
		page = await e2e.newPage({ locale: 'en-US' })
	})

	/** Course pages from the first catalogue page, until one has sessions planned. */
	async function openCourseWithSessions(): Promise<string> {
		await page.goto('/catalogus')
		const hrefs = await page.locator('.course-list h3 a').evaluateAll((links) => links.map((link) => link.getAttribute('href')!))
		for (const href of hrefs) {
			await page.goto(href)
			if ((await page.getByRole('table').count()) > 0) return href
		}
		throw new Error('no course on the first catalogue page has sessions')
	}

	test('the catalogue shows the shared offering, in Dutch by default, with the providing unit', async () => {
		const response = await page.goto('/catalogus')
		expect(response?.status()).toBe(200)
		expect(await page.locator('html').getAttribute('lang')).toBe('nl')
		await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Catalogus')
		expect(await page.getByRole('status').textContent()).toMatch(/^[\d.]+ opleidingen$/)
		const cards = page.locator('.course-list > li')
		expect(await cards.count()).toBe(20)
		const providers = await page.locator('.course-list dt:text-is("Aanbieder") + dd').allTextContents()
		expect(providers).toHaveLength(20)
		for (const provider of providers) expect(UNIT_NAMES).toContain(provider)
	})

	test('pages through the catalogue with links that keep their place in the URL', async () => {
		await page.goto('/catalogus')
		const firstTitle = await page.locator('.course-list h3').first().textContent()
		await page.getByRole('link', { name: 'Volgende' }).click()
		await page.getByText('Pagina 2 van').waitFor()
		expect(new URL(page.url()).searchParams.get('pagina')).toBe('2')
		expect(await page.getByRole('navigation', { name: 'Paginering' }).locator('[aria-current="page"]').textContent()).toBe('2')
		expect(await page.locator('.course-list h3').first().textContent()).not.toBe(firstTitle)
		await page.goBack()
		await page.getByText('Pagina 1 van').waitFor()
		expect(new URL(page.url()).search).toBe('')
		expect(await page.locator('.course-list h3').first().textContent()).toBe(firstTitle)
	})

	test('a course page shows its description, providing unit and upcoming sessions with free seats', async () => {
		await openCourseWithSessions()
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBeTruthy()
		expect(await page.getByRole('heading', { name: 'Over deze opleiding' }).isVisible()).toBe(true)
		const provider = await page.locator('.course__facts dt:text-is("Aanbieder") + dd').textContent()
		expect(UNIT_NAMES).toContain(provider)
		const seatCells = await page.locator('table.sessions tbody td:last-child').allTextContents()
		expect(seatCells.length).toBeGreaterThan(0)
		for (const cell of seatCells) expect(cell).toMatch(/^(\d+ plaats(en)? vrij( \(bijna vol\))?|Vol)$/)
		const headers = await page.locator('table.sessions thead th').allTextContents()
		expect(headers).toEqual(['Datum', 'Tijd', 'Locatie', 'Uitvoerder', 'Plaatsen'])
	})

	test('the catalogue, a course page and an error page pass the WCAG 2.1 AA scan', async () => {
		await page.goto('/catalogus')
		expect(await accessibilityViolations(page)).toEqual([])
		await openCourseWithSessions()
		expect(await accessibilityViolations(page)).toEqual([])
		await page.goto('/catalogus?pagina=abc')
		expect(await accessibilityViolations(page)).toEqual([])
	})

	test('is usable with the keyboard alone: skip link, then into a course and back', async () => {
		await page.goto('/catalogus')
		await page.keyboard.press('Tab')
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Naar de hoofdinhoud')
		await page.keyboard.press('Enter')
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('hoofdinhoud')
		const firstTitle = await page.locator('.course-list h3 a').first().textContent()
		// Past the search box, the skip link jumps over the filters to the results.
		for (let i = 0; i < 5; i++) {
			await page.keyboard.press('Tab')
			if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Naar de zoekresultaten') break
		}
		await page.keyboard.press('Enter')
		for (let i = 0; i < 10; i++) {
			await page.keyboard.press('Tab')
			if ((await page.evaluate(() => document.activeElement?.closest('.course-list') !== null)) === true) break
		}
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(firstTitle)
		await page.keyboard.press('Enter')
		await page.getByRole('heading', { level: 1, name: firstTitle! }).waitFor()
		expect(page.url()).toMatch(/\/catalogus\/[0-9a-f-]{36}$/)
		for (let i = 0; i < 10; i++) {
			await page.keyboard.press('Tab')
			if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Terug naar de catalogus') break
		}
		await page.keyboard.press('Enter')
		await page.getByRole('heading', { level: 1, name: 'Catalogus' }).waitFor()
	})

	test('switches to English and back, remembering the choice across pages', async () => {
		await page.goto('/catalogus')
		await page.getByRole('button', { name: 'English' }).click()
		await page.waitForFunction(() => document.documentElement.lang === 'en')
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Catalogue')
		expect(await page.getByRole('status').textContent()).toMatch(/^[\d,]+ courses$/)
		expect(await accessibilityViolations(page)).toEqual([])
		await page.locator('.course-list h3 a').first().click()
		await page.getByRole('heading', { name: 'About this course' }).waitFor()
		await page.getByRole('button', { name: 'Nederlands' }).click()
		await page.getByRole('heading', { name: 'Over deze opleiding' }).waitFor()
		expect(await page.locator('html').getAttribute('lang')).toBe('nl')
	})

	test('gives every page, error pages too, a title of its own', async () => {
		await page.goto('/catalogus')
		expect(await page.title()).toBe('Catalogus – Leerplein')
		await page.goto('/catalogus?pagina=abc')
		expect(await page.title()).toBe('Ongeldige aanvraag – Leerplein')
		await page.goto('/bestaat-niet')
		expect(await page.title()).toBe('Niet gevonden – Leerplein')
	})

	test.each([
		['/catalogus?pagina=abc', 400, 'Ongeldige aanvraag', 'Het paginanummer moet een heel getal zijn, bijvoorbeeld 2.'],
		['/catalogus?pagina=0', 400, 'Ongeldige aanvraag', 'Dit paginanummer bestaat niet. Kies een pagina vanaf 1.'],
		['/catalogus/123', 404, 'Niet gevonden', 'Deze opleiding bestaat niet of is niet (meer) voor u beschikbaar.'],
		['/catalogus/0190d6a8-3f1e-7c2b-9a4d-2b7e5c8f1a3d', 404, 'Niet gevonden', 'Deze opleiding bestaat niet of is niet (meer) voor u beschikbaar.'],
		['/bestaat-niet', 404, 'Niet gevonden', 'Deze pagina bestaat niet. Controleer het adres of ga naar de catalogus.'],
	])('bad input %s gives a clear Dutch error with status %i', async (path, status, title, message) => {
		const response = await page.goto(path)
		expect(response?.status()).toBe(status)
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(title)
		expect(await page.locator('.error-page__message').textContent()).toBe(message)
	})

	test('the language switch refuses an unknown language and never redirects off-site', async () => {
		const post = (body: Record<string, string>) =>
			fetch(`${portal.url}/taal`, { method: 'POST', body: new URLSearchParams({ intent: 'switch', ...body }), redirect: 'manual' })
		const unknown = await post({ lng: 'fr', redirectTo: '/catalogus' })
		expect(unknown.status).toBe(400)
		expect(await unknown.text()).toContain('Deze taal wordt niet ondersteund. Kies Nederlands of Engels.')
		const offSite = await post({ lng: 'en', redirectTo: '//evil.example/phish' })
		expect(offSite.status).toBe(302)
		expect(offSite.headers.get('location')).toBe('/catalogus')
	})

	test('a page far beyond the end is an empty page with a way back, not an error', async () => {
		const response = await page.goto('/catalogus?pagina=9999')
		expect(response?.status()).toBe(200)
		expect(await page.locator('.empty-state').textContent()).toContain('de catalogus heeft minder pagina’s')
		await page.getByRole('link', { name: 'Naar de eerste pagina' }).click()
		await page.getByText('Pagina 1 van').waitFor()
		expect(new URL(page.url()).search).toBe('')
	})

	test('fits a phone screen without sideways scrolling', async () => {
		await page.setViewportSize({ width: 360, height: 740 })
		await page.goto('/catalogus')
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
		await openCourseWithSessions()
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
	})

	test('reports liveness, readiness with the database checked, and tags every response with a request id', async () => {
		const live = await fetch(`${portal.url}/healthz`)
		expect(live.status).toBe(200)
		expect(await live.json()).toEqual({ status: 'ok' })
		const response = await fetch(`${portal.url}/readyz`, { headers: { 'x-request-id': 'test-request-0001' } })
		expect(response.status).toBe(200)
		expect(await response.json()).toEqual({ status: 'ok', database: 'ok' })
		expect(response.headers.get('x-request-id')).toBe('test-request-0001')
		const page = await fetch(`${portal.url}/catalogus`)
		expect(page.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
		const logged = portal.logs().find((line) => (line.req as { id?: string } | undefined)?.id === 'test-request-0001')
		expect(logged).toMatchObject({ msg: 'request completed', res: { statusCode: 200 } })
	})

	test('logged no errors while serving all of the above', () => {
		const errors = portal.logs().filter((line) => line.level >= 50)
		expect(errors).toEqual([])
	})
})
