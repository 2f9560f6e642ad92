import { testDrivers } from '@leerplein/db/testing'
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { accessibilityViolations, FATIMA, SANNE, useE2E } from '../support/e2e.ts'

// The complete course form (issue 14): a coordinator writes a course with every field; it is a
// draft ("Concept") that employees do not find until the coordinator publishes it, after a
// confirmation step; then an employee finds it, also by a word only in its learning goals, and
// reads its goals, audience and contact. A portal of its own: it adds a published course.

const TITLE = 'Kwartiermaken voor een nieuw ketenteam (e2e)'
const GOAL_WORD = 'startdocument'

describe.each(await testDrivers())('the course form on %s', (driver) => {
	const e2e = useE2E({ driver, own: true })

	async function fitsAt320(page: Page) {
		await page.setViewportSize({ width: 320, height: 800 })
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
		expect(await accessibilityViolations(page)).toEqual([])
		await page.setViewportSize({ width: 1280, height: 800 })
	}

	test('a coordinator writes a course with every field: a bad contact address is refused beside its field with the rest kept; the course is a draft until published after confirming; then an employee finds it and reads its goals, audience and contact', async () => {
		const fatima = await e2e.signIn(FATIMA, { returnTo: '/beheer/cursussen/nieuw' })
		await fatima.getByRole('heading', { level: 1, name: 'Nieuwe cursus' }).waitFor()
		await fatima.getByLabel('Titel', { exact: true }).fill(TITLE)
		await fatima.getByLabel('Korte samenvatting').fill('Een nieuw ketenteam in drie maanden op de rails.')
		await fatima.getByLabel('Beschrijving').fill('U zet samen met ketenpartners een nieuw team neer: van opdracht en mandaat tot de eerste werkafspraken.')
		await fatima.getByLabel('Thema').selectOption({ index: 1 })
		await fatima.getByLabel('Duur in minuten').fill('240')
		await fatima.getByLabel('Leerdoelen').fill(`U schrijft een ${GOAL_WORD} voor een nieuw team.\nU maakt werkafspraken met ketenpartners.`)
		await fatima.getByLabel('Doelgroep').fill('Kwartiermakers en programmamanagers.')
		await fatima.getByLabel('Voorkennis (niet verplicht)').fill('Ervaring met projectmatig werken.')
		await fatima.getByLabel('Trefwoorden (niet verplicht)').fill('kwartiermaken, ketensamenwerking')
		// Keyboard: the visibility is a radio group; the whole concern is chosen by default.
		const concern = fatima.getByLabel('Het hele concern')
		expect(await concern.isChecked()).toBe(true)
		await concern.focus()
		await fatima.keyboard.press('Space')
		expect(await concern.isChecked()).toBe(true)
		await fatima.getByLabel('Naam', { exact: true }).fill('Fatima el Amrani')
		await fatima.getByLabel('E-mailadres', { exact: true }).fill('fatima@')
		await fatima.getByRole('button', { name: 'Opslaan' }).click()

		// Refused beside the field, every other value kept.
		await expect(fatima.locator('#course-contactEmail-error').textContent()).resolves.toBe('Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.')
		expect(await fatima.getByLabel('E-mailadres', { exact: true }).getAttribute('aria-invalid')).toBe('true')
		expect(await fatima.getByLabel('E-mailadres', { exact: true }).inputValue()).toBe('fatima@')
		expect(await fatima.getByLabel('Doelgroep').inputValue()).toBe('Kwartiermakers en programmamanagers.')
		expect(await fatima.getByLabel('Titel', { exact: true }).inputValue()).toBe(TITLE)
		expect(await accessibilityViolations(fatima)).toEqual([])
		await fitsAt320(fatima)

		await fatima.getByLabel('E-mailadres', { exact: true }).fill('f.elamrani@rvo.demo.rijksoverheid.nl')
		await fatima.getByRole('button', { name: 'Opslaan' }).click()
		// Likely duplicates first ask for confirmation; a new offering is saved anyway.
		await fatima.waitForURL(/\/beheer\/cursussen\/[0-9a-f-]{36}\?opgeslagen=1$/).catch(async () => {
			await fatima.getByRole('button', { name: 'Toch opslaan als nieuwe cursus' }).click()
			await fatima.waitForURL(/\/beheer\/cursussen\/[0-9a-f-]{36}\?opgeslagen=1$/)
		})
		const courseId = /\/beheer\/cursussen\/([0-9a-f-]{36})/.exec(fatima.url())![1]!
		await fatima.getByRole('status').filter({ hasText: 'De cursus is opgeslagen.' }).waitFor()
		await expect(fatima.getByRole('heading', { level: 1 }).locator('.badge').textContent()).resolves.toBe('Concept')

		// In the unit's grid: "Concept".
		await fatima.goto(`/beheer/cursussen?q=${encodeURIComponent('Kwartiermaken')}`)
		const row = fatima.getByRole('row').filter({ hasText: TITLE })
		await expect(row.locator('.badge').textContent()).resolves.toBe('Concept')

		// An employee of the same unit neither finds nor opens the draft.
		const sanne = await e2e.signIn(SANNE)
		await sanne.goto('/catalogus?q=kwartiermaken')
		expect(await sanne.locator('.course-list h3', { hasText: TITLE }).count()).toBe(0)
		expect((await sanne.goto(`/catalogus/${courseId}`))?.status()).toBe(404)

		// Its provider previews it, marked as a draft.
		await fatima.goto(`/catalogus/${courseId}`)
		await expect(fatima.getByRole('heading', { level: 1 }).locator('.badge').textContent()).resolves.toBe('Concept')
		// And on the course's own sub-pages: the competencies it grants, its online parts.
		for (const path of [`/beheer/cursussen/${courseId}/bekwaamheden`, `/catalogus/${courseId}/online-onderdelen`]) {
			await fatima.goto(path)
			await expect(fatima.getByRole('heading', { level: 1 }).locator('.badge').textContent()).resolves.toBe('Concept')
			expect(await accessibilityViolations(fatima)).toEqual([])
		}

		// Publishing, by keyboard, after a confirmation step.
		await fatima.goto(`/beheer/cursussen/${courseId}`)
		await fatima.getByRole('link', { name: 'Publiceren' }).focus()
		await fatima.keyboard.press('Enter')
		await fatima.waitForURL(/\?publiceren=1/)
		const confirm = fatima.getByRole('region', { name: `“${TITLE}” publiceren?` })
		await confirm.waitFor()
		expect(await accessibilityViolations(fatima)).toEqual([])
		await fitsAt320(fatima)
		await confirm.getByRole('button', { name: 'Ja, publiceren' }).focus()
		await fatima.keyboard.press('Enter')
		await fatima.getByRole('status').filter({ hasText: 'De cursus is gepubliceerd.' }).waitFor()
		expect(await fatima.getByRole('heading', { level: 1 }).locator('.badge').count()).toBe(0)

		// A typo of a word only in its learning goals gets its correction: the goals' words are in the word list.
		await sanne.goto(`/catalogus?q=${GOAL_WORD.replace('c', 'k')}`)
		expect(await sanne.locator('.did-you-mean a').textContent()).toBe(GOAL_WORD)

		// The employee finds it now, also by a word only in its learning goals, and reads what it is for.
		await sanne.goto(`/catalogus?q=${GOAL_WORD}`)
		const found = sanne.locator('.course-list h3 a', { hasText: TITLE })
		await found.waitFor()
		await found.click()
		await sanne.getByRole('heading', { level: 1, name: TITLE }).waitFor()
		await sanne.getByRole('heading', { name: 'Wat u na afloop kunt' }).waitFor()
		await sanne.getByText(`U schrijft een ${GOAL_WORD} voor een nieuw team.`).waitFor()
		await sanne.getByText('Kwartiermakers en programmamanagers.').waitFor()
		await sanne.getByText('Ervaring met projectmatig werken.').waitFor()
		expect(await sanne.getByRole('link', { name: 'f.elamrani@rvo.demo.rijksoverheid.nl' }).getAttribute('href')).toBe('mailto:f.elamrani@rvo.demo.rijksoverheid.nl')
		expect(await sanne.locator('h1 .badge').count()).toBe(0)
		expect(await accessibilityViolations(sanne)).toEqual([])
		await fitsAt320(sanne)
	})

	test('the server refuses a post without "open to", or with a bad contact address, with a 400 and the message beside that field', async () => {
		const fatima = await e2e.signIn(FATIMA, { returnTo: '/beheer/cursussen/nieuw' })
		const themeId = await fatima.getByLabel('Thema').locator('option').nth(1).getAttribute('value')
		const origin = new URL(fatima.url()).origin
		const answer = await fatima.request.post('/beheer/cursussen/nieuw', {
			headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
			data: new URLSearchParams({ intent: 'save', title: 'Zonder zichtbaarheid', summary: 'Een cursus zonder zichtbaarheid.', description: 'Deze cursus zegt niet voor wie hij open staat.', themeId: themeId!, form: 'classroom', language: 'nl', durationMinutes: '60', priceEuros: '0' }).toString(),
			maxRedirects: 0,
		})
		expect(answer.status()).toBe(400)
		expect(await answer.text()).toContain('Kies voor wie de cursus open staat.')

		// Without JavaScript the server answers: the message beside the field, the other values kept.
		const plain = await e2e.newPage({ javaScriptEnabled: false })
		await plain.context().addCookies(await fatima.context().cookies())
		await plain.goto('/beheer/cursussen/nieuw')
		await plain.getByLabel('Titel', { exact: true }).fill('Zonder geldig adres')
		await plain.getByLabel('Doelgroep').fill('Iedereen die het adres wil weten.')
		await plain.getByLabel('Naam', { exact: true }).fill('Fatima el Amrani')
		await plain.getByLabel('E-mailadres', { exact: true }).fill('fatima@')
		await plain.getByRole('button', { name: 'Opslaan' }).click()
		await expect(plain.locator('#course-contactEmail-error').textContent()).resolves.toBe('Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.')
		expect(await plain.getByLabel('E-mailadres', { exact: true }).inputValue()).toBe('fatima@')
		expect(await plain.getByLabel('Doelgroep').inputValue()).toBe('Iedereen die het adres wil weten.')
		expect(await plain.getByLabel('Titel', { exact: true }).inputValue()).toBe('Zonder geldig adres')
		expect(await plain.getByRole('alert').filter({ hasText: 'E-mailadres' }).count()).toBe(1)
	})
})
