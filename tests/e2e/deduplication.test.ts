import { testDrivers } from '@leerplein/db/testing'
import { seededDuplicateClusters } from '@leerplein/db/seed'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { accessibilityViolations, launchBrowser } from '../support/browser.ts'
import { startPortal, type RunningPortal } from '../support/portal.ts'
import { ELS, FATIMA, PETER, signInAs } from '../support/sign-in.ts'

const RVO = 'Rijksdienst voor Ondernemend Nederland'

describe.each(await testDrivers())('deduplication of the shared catalogue on %s', (driver) => {
	let portal: RunningPortal
	let browser: Browser
	let context: BrowserContext
	let page: Page
	const clusters = seededDuplicateClusters('small')

	beforeAll(async () => {
		;[portal, browser] = await Promise.all([startPortal(driver), launchBrowser()])
	})
	afterAll(async () => {
		await browser?.close()
		await portal?.stop()
	})
	beforeEach(async () => {
		context = await browser.newContext({ baseURL: portal.url })
		page = await context.newPage()
	})
	afterEach(() => context?.close())

	/** A course as its page shows it. */
	async function readCourse(id: string) {
		await page.goto(`/catalogus/${id}`)
		return {
			id,
			title: (await page.getByRole('heading', { level: 1 }).textContent())!,
			summary: (await page.locator('.lead').first().textContent())!,
			description: (await page.locator('.course__about > p:not(.keywords)').allTextContents()).join('\n\n'),
			provider: (await page.locator('.course__facts dd').first().textContent())!,
		}
	}

	test('a coordinator writing a course that already exists sees it suggested, with why, and joins it instead', async () => {
		await signInAs(page, FATIMA)
		// A seeded near-duplicate provided by another unit than RVO.
		let existing: Awaited<ReturnType<typeof readCourse>> | null = null
		for (const id of clusters.flat()) {
			const course = await readCourse(id)
			if (course.provider !== RVO) {
				existing = course
				break
			}
		}
		expect(existing).not.toBeNull()

		await page.goto('/beheer/cursussen/nieuw')
		// Bad input first: errors in Dutch next to their fields, nothing typed is lost.
		await page.getByLabel('Titel').fill('Ab')
		await page.getByLabel('Duur in minuten').fill('twee uur')
		await page.getByRole('button', { name: 'Opslaan' }).click()
		await expect(page.locator('#error-title').textContent()).resolves.toBe('Geef een titel van minstens 3 tekens.')
		await expect(page.locator('#error-durationMinutes').textContent()).resolves.toBe('Vul de duur in als getal, in minuten, bijvoorbeeld 240.')
		expect(await page.getByLabel('Duur in minuten').inputValue()).toBe('twee uur')
		expect(await page.getByLabel('Titel').getAttribute('aria-invalid')).toBe('true')
		expect(await accessibilityViolations(page)).toEqual([])

		await page.getByLabel('Titel').fill(`${existing!.title} (basis)`)
		await page.getByLabel('Korte samenvatting').fill(existing!.summary)
		await page.getByLabel('Beschrijving').fill(existing!.description)
		await page.getByLabel('Thema').selectOption({ index: 1 })
		await page.getByLabel('Duur in minuten').fill('240')
		await page.getByRole('button', { name: 'Opslaan' }).click()

		await page.getByRole('heading', { name: 'Deze cursus bestaat misschien al' }).waitFor()
		const card = page.locator('.duplicate-card', { hasText: existing!.title })
		await expect(card.textContent()).resolves.toContain(`Aangeboden door ${existing!.provider}`)
		await expect(card.locator('.reasons').textContent()).resolves.toMatch(/beschrijving/)
		expect(await page.getByRole('button', { name: 'Toch opslaan als nieuwe cursus' }).count()).toBe(1)
		expect(await accessibilityViolations(page)).toEqual([])

		await card.getByRole('button', { name: 'Aansluiten bij deze cursus' }).click()
		await page.waitForURL(`**/catalogus/${existing!.id}?aangesloten=1`)
		await expect(page.locator('.offered-by').textContent()).resolves.toContain(RVO)
	})

	test('the concern administrator compares a cluster, merges it (old URL 301), undoes it, and records "not a duplicate"', async () => {
		await signInAs(page, ELS)
		const [first, second] = clusters[1]! as [string, string]
		const firstCourse = await readCourse(first)
		const secondCourse = await readCourse(second)

		await page.goto('/beheer/dubbelingen')
		expect(await accessibilityViolations(page)).toEqual([])
		const group = page.locator('ol.duplicate-list > li', { hasText: firstCourse.title }).filter({ hasText: secondCourse.title })
		expect(await group.count()).toBe(1)
		// Keyboard only: to the compare link, and Enter.
		await group.getByRole('link', { name: /^Vergelijken/ }).focus()
		await page.keyboard.press('Enter')
		await page.getByRole('heading', { level: 1, name: 'Cursussen vergelijken' }).waitFor()
		expect(await accessibilityViolations(page)).toEqual([])

		// Merging needs a choice, then a confirmation.
		await page.getByRole('button', { name: 'Samenvoegen…' }).click()
		await expect(page.locator('#error-canonical').textContent()).resolves.toBe('Kies welke cursus blijft.')
		await page.locator(`#keep-${first}`).focus()
		await page.keyboard.press('Space')
		await page.getByRole('button', { name: 'Samenvoegen…' }).click()
		await page.getByRole('heading', { name: 'Samenvoegen bevestigen' }).waitFor()
		expect(await accessibilityViolations(page)).toEqual([])
		await page.getByRole('button', { name: 'Ja, samenvoegen' }).click()
		await page.waitForURL('**/beheer/dubbelingen?samengevoegd=1')

		// The merged course's old URL redirects permanently to the canonical course, for anyone.
		const moved = await fetch(`${portal.url}/catalogus/${second}`, { redirect: 'manual' })
		expect(moved.status).toBe(301)
		expect(moved.headers.get('location')).toBe(`/catalogus/${first}`)
		await page.goto(`/catalogus/${second}`)
		expect(new URL(page.url()).pathname).toBe(`/catalogus/${first}`)
		await expect(page.locator('.offered-by').textContent()).resolves.toContain(secondCourse.provider)

		// Undo restores both.
		await page.goto('/beheer/dubbelingen')
		await page.locator('.duplicate-card', { hasText: `${secondCourse.title} (` }).getByRole('button', { name: /^Ongedaan maken/ }).click()
		await page.waitForURL('**/beheer/dubbelingen?ongedaan=1')
		expect((await fetch(`${portal.url}/catalogus/${second}`, { redirect: 'manual' })).status).toBe(200)
		expect((await fetch(`${portal.url}/catalogus/${first}`, { redirect: 'manual' })).status).toBe(200)
		const again = page.locator('ol.duplicate-list > li', { hasText: firstCourse.title }).filter({ hasText: secondCourse.title })
		expect(await again.count()).toBe(1)

		// "Not a duplicate" is remembered: the group is not suggested again.
		await again.getByRole('link', { name: /^Vergelijken/ }).click()
		await page.getByRole('button', { name: 'Geen dubbeling' }).click()
		await page.waitForURL('**/beheer/dubbelingen?geen-dubbeling=1')
		expect(await page.locator('ol.duplicate-list > li', { hasText: firstCourse.title }).filter({ hasText: secondCourse.title }).count()).toBe(0)
		await page.reload()
		expect(await page.locator('ol.duplicate-list > li', { hasText: firstCourse.title }).filter({ hasText: secondCourse.title }).count()).toBe(0)
	})

	test('a coordinator cannot merge, and cannot edit another unit’s course, whatever they post', async () => {
		await signInAs(page, PETER)
		const [a, b] = clusters[2]! as [string, string]
		const merge = await page.request.post('/beheer/dubbelingen/vergelijken', {
			headers: { Origin: portal.url, 'Content-Type': 'application/x-www-form-urlencoded' },
			data: `cursus=${a}&cursus=${b}&canonicalId=${a}&intent=merge`,
			maxRedirects: 0,
		})
		expect(merge.status()).toBe(403)
		// An RVO course, edited by NVWA's coordinator: not found, and unchanged.
		const rvoCourse = (await readCourseOf(RVO))!
		const edit = await page.request.post(`/beheer/cursussen/${rvoCourse}`, {
			headers: { Origin: portal.url, 'Content-Type': 'application/x-www-form-urlencoded' },
			data: new URLSearchParams({ intent: 'save-anyway', title: 'Overgenomen door NVWA', summary: 'Dit mag niet lukken.', description: 'Een coördinator van een ander onderdeel mag dit niet wijzigen.', themeId: '00000000-0000-7000-8000-000000000000', form: 'classroom', language: 'nl', durationMinutes: '60', priceEuros: '0', status: 'published' }).toString(),
			maxRedirects: 0,
		})
		expect([400, 404]).toContain(edit.status())
		await page.goto(`/catalogus/${rvoCourse}`)
		expect(await page.getByRole('heading', { level: 1 }).textContent()).not.toBe('Overgenomen door NVWA')
	})

	/** The id of some published course of a unit, from the catalogue. */
	async function readCourseOf(unit: string): Promise<string | null> {
		await page.goto('/catalogus')
		const cards = page.locator('.course-list > li')
		for (let i = 0; i < (await cards.count()); i++) {
			if ((await cards.nth(i).textContent())?.includes(unit)) {
				const href = await cards.nth(i).locator('h3 a').getAttribute('href')
				return href!.split('/').pop()!
			}
		}
		return null
	}
})
