import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { accessibleAt320, ELS, FATIMA, SANNE, signInAs, useE2E } from '../support/e2e.ts'

// Issue 19, item 4: the main bar holds what everyone does daily; each role's administration tasks
// are on one page (/beheer), by subject, and a task's pages lead back to it by a breadcrumb.
describe('the administration page and its breadcrumbs', () => {
	const e2e = useE2E({ driver: 'pglite' })
	const mainBar = (page: Page) => page.getByRole('navigation', { name: 'Hoofdnavigatie' })

	test('a coordinator finds her unit’s tasks by subject, by keyboard, and the breadcrumb leads back from a deep page', async () => {
		const page = await e2e.newPage({ viewport: { width: 1280, height: 800 } })
		await signInAs(page, FATIMA)
		expect(await mainBar(page).getByRole('link').allTextContents()).not.toContain('Cursusbeheer')
		await mainBar(page).getByRole('link', { name: 'Beheer' }).focus()
		await page.keyboard.press('Enter')
		await page.getByRole('heading', { level: 1, name: 'Beheer' }).waitFor()
		expect(await page.getByRole('main').getByRole('heading', { level: 2 }).allTextContents()).toEqual(['Aanbod', 'Kwaliteitspaspoort', 'Rapportages en logboek', 'Regels en zoeken', 'Bewijs uit andere systemen (xAPI)'])
		const offering = page.getByRole('region', { name: 'Aanbod' })
		expect(await offering.getByRole('link').allTextContents()).toEqual(['Cursusbeheer', 'Evaluaties', 'Interventies', 'Zalen', 'Trainers'])
		// Concern tasks are not hers: no link that would end in a 403.
		expect(await page.getByRole('main').getByRole('link', { name: 'Dubbelingen' }).count()).toBe(0)
		await accessibleAt320(page)

		await offering.getByRole('link', { name: 'Cursusbeheer' }).click()
		await page.getByRole('heading', { level: 1, name: /Cursussen/ }).waitFor()
		const trail = page.getByRole('navigation', { name: 'Kruimelpad' })
		expect(await trail.getByRole('listitem').allTextContents()).toEqual(['Beheer', 'Cursusbeheer'])
		expect(await trail.locator('[aria-current="page"]').textContent()).toBe('Cursusbeheer')
		expect(await mainBar(page).getByRole('link', { name: 'Beheer' }).getAttribute('aria-current')).toBe('page')

		// A deeper page of the task: the task itself is a link back.
		await page.getByRole('link', { name: /^Bewerken: / }).first().click()
		await page.waitForURL(/\/beheer\/cursussen\/[^/]+$/)
		await trail.getByRole('link', { name: 'Cursusbeheer' }).click()
		await page.waitForURL(/\/beheer\/cursussen$/)
		await trail.getByRole('link', { name: 'Beheer', exact: true }).click()
		await page.getByRole('heading', { level: 1, name: 'Beheer' }).waitFor()
	})

	test('the concern administrator gets the concern’s tasks; an employee has no “Beheer” and an empty page', async () => {
		const els = await e2e.newPage()
		await signInAs(els, ELS)
		await mainBar(els).getByRole('link', { name: 'Beheer' }).click()
		await els.getByRole('heading', { level: 1, name: 'Beheer' }).waitFor()
		const offering = els.getByRole('region', { name: 'Aanbod' })
		expect(await offering.getByRole('link').allTextContents()).toEqual(expect.arrayContaining(['Leeromgevingen', 'Dubbelingen']))
		expect(await els.getByRole('region', { name: 'Rapportages en logboek' }).getByRole('link').allTextContents()).toEqual(expect.arrayContaining(['Rapportage concern', 'Logboek']))

		const sanne = await e2e.newPage()
		await signInAs(sanne, SANNE)
		expect(await mainBar(sanne).getByRole('link', { name: 'Beheer' }).count()).toBe(0)
		await sanne.goto('/beheer')
		await sanne.getByText('U heeft geen beheertaken in Leerplein.').waitFor()
		expect(await sanne.getByRole('navigation', { name: 'Kruimelpad' }).count()).toBe(0)
	})
})
