import { readFile } from 'node:fs/promises'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, test } from 'vitest'
import { accessibilityViolations } from '../support/browser.ts'
import { accessibleAt320, SANNE, useE2E } from '../support/e2e.ts'

// Issue 22, item 1 (ADR 053): a person downloads everything Leerplein holds about them from the
// account page, as a ZIP with the data as JSON and a readable page in their language.
describe('a person’s own data', () => {
	const e2e = useE2E({ driver: 'pglite' })

	test('Sanne downloads her data from her account page: JSON with her enrolments, and a readable page that passes axe', async () => {
		const page = await e2e.signIn(SANNE, { returnTo: '/account' })
		await page.getByRole('heading', { level: 2, name: 'Uw gegevens' }).waitFor()
		await accessibleAt320(page)
		const link = page.getByRole('link', { name: 'Download mijn gegevens (ZIP)' })
		await link.focus()
		const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')])
		expect(download.suggestedFilename()).toMatch(/^mijn-gegevens-\d{4}-\d{2}-\d{2}\.zip$/)
		const files = unzipSync(new Uint8Array(await readFile((await download.path())!)))
		expect(Object.keys(files).sort()).toEqual(['mijn-gegevens.html', 'mijn-gegevens.json'])

		const data = JSON.parse(strFromU8(files['mijn-gegevens.json']!)) as Record<string, Record<string, unknown>[]>
		expect(data.users!.map((user) => user.name)).toEqual([SANNE])
		const sanneId = data.users![0]!.id
		expect(data.enrolments!.length).toBeGreaterThan(0)
		expect(data.enrolments!.every((enrolment) => enrolment.user_id === sanneId)).toBe(true)
		expect(data.auth_sessions!.length).toBeGreaterThan(0)

		// The readable page: her name, a section per table, and no accessibility violations.
		const html = strFromU8(files['mijn-gegevens.html']!)
		const reader = await e2e.newPage()
		await reader.setContent(html)
		await reader.getByRole('heading', { level: 1, name: 'Uw gegevens in Leerplein' }).waitFor()
		expect(await reader.getByRole('main').textContent()).toContain(SANNE)
		expect(await reader.getByRole('heading', { level: 2, name: /^enrolments \(\d+ regels?\)$/ }).count()).toBe(1)
		expect(await accessibilityViolations(reader)).toEqual([])
	})

	test('signed out, the download asks for a sign-in first', async () => {
		const page = await e2e.newPage()
		const response = await page.request.get('/account/mijn-gegevens', { maxRedirects: 0 })
		expect(response.status()).toBe(302)
		expect(response.headers().location).toMatch(/^\/inloggen/)
	})
})
