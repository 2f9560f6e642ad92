import { testDrivers } from '@leerplein/db/testing'
import { contrastRatio, displayRatio } from '@leerplein/domain'
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { accessibilityViolations, accessibleAt320, ELS, FATIMA, PETER, SANNE, useE2E } from '../support/e2e.ts'
import { openAdministrationTask } from '../support/navigation.ts'

// A unit's own look (issue 19, item 2; ADR 052): RVO's coordinator sets its logo and accent, a
// colour with too little contrast is refused beside its field, and each unit's people see their
// own unit's look — RVO's its new one, NVWA's its seeded one, the concern administrator (of the
// Kerndepartement, which has none) the concern's. A portal of its own: it changes RVO's look,
// which every other file's pages of RVO would show.
const drivers = await testDrivers()
const RVO = 'Rijksdienst voor Ondernemend Nederland'
const NVWA = 'Nederlandse Voedsel- en Warenautoriteit'
const LOTTE = 'Lotte van Dijk' // employee, NVWA
const TASK = 'Huisstijl van uw onderdeel'

/** A logo a careless designer's tool might export, with everything a cleaner must take out. */
const HOSTILE_SVG = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 160 56" onload="alert('onload')">
	<script>alert('script')</script>
	<a xlink:href="javascript:alert('link')"><rect width="10" height="56" fill="#2b5f1e"/></a>
	<use href="https://evil.example/sprite.svg#logo"/>
	<foreignObject width="10" height="10"><img xmlns="http://www.w3.org/1999/xhtml" src="x" onerror="alert('html')"/></foreignObject>
	<text x="20" y="37" font-family="Arial" font-size="26" font-weight="700" fill="#2b5f1e">RVO e2e</text>
</svg>`

/** "rgb(r, g, b)" of a `#rrggbb` colour, as getComputedStyle reports it. */
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16)).join(', ')})`
const navBackground = (page: Page) => page.getByRole('navigation', { name: /Hoofdnavigatie|Main navigation/ }).evaluate((nav) => getComputedStyle(nav).backgroundColor)
const headerLogo = (page: Page) => page.getByRole('banner').locator('img.logo__image')

describe.each(drivers)("a unit's own logo and accent colour, on %s", (driver) => {
	const e2e = useE2E({ driver, own: true })

	// A long walk through five people's pages: more than the suite's 60 s on a loaded CI machine.
	// The colours are polled: a page's per-unit style sheet may still be loading when it is read.
	test("RVO's coordinator sets its logo and colour, a colour with too little contrast is refused beside the field, and each unit's people see their own look", async () => {
		const fatima = await e2e.signIn(FATIMA)
		fatima.setDefaultTimeout(15_000)
		// RVO starts with its seeded violet.
		await expect.poll(() => navBackground(fatima)).toBe(rgb('#42145f'))
		await openAdministrationTask(fatima, TASK)
		await fatima.getByRole('heading', { level: 1, name: `Huisstijl van ${RVO}` }).waitFor()
		await fatima.getByRole('navigation', { name: 'Kruimelpad' }).getByText(TASK).waitFor()
		await accessibleAt320(fatima)

		// A new logo and a green that passes, by keyboard: type the colour, Tab on, send with Enter from the colour field.
		const colour = fatima.getByLabel('Accentkleur')
		await colour.focus()
		await fatima.keyboard.press('ControlOrMeta+a')
		await fatima.keyboard.type('#2B5F1E')
		await fatima.getByLabel('Nieuw logo (niet verplicht)').setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(HOSTILE_SVG) })
		// The preview follows the colour typed, with its ratio.
		await fatima.getByRole('group', { name: 'Voorbeeld' }).getByText(`Contrast met witte tekst en als tekst op wit: ${dutch(contrastRatio('#2b5f1e', '#ffffff'))}:1`).waitFor()
		await colour.focus()
		await fatima.keyboard.press('Enter')
		await fatima.getByText('De huisstijl is opgeslagen.').waitFor()
		await expect.poll(() => navBackground(fatima)).toBe(rgb('#2b5f1e'))
		expect(await headerLogo(fatima).getAttribute('alt')).toBe(RVO)

		// The logo as served: cleaned, its own type, a policy that lets it do nothing, and a validator.
		const src = (await headerLogo(fatima).getAttribute('src'))!
		const served = await fatima.request.get(src)
		expect(served.status()).toBe(200)
		expect(served.headers()['content-type']).toBe('image/svg+xml')
		expect(served.headers()['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'")
		expect(served.headers()['x-content-type-options']).toBe('nosniff')
		const body = await served.text()
		expect(body).toContain('RVO e2e')
		expect(body).not.toMatch(/script|alert|onload|onerror|javascript|evil|foreignObject|<use|<a[\s>]/i)
		const etag = served.headers()['etag']!
		expect(etag).toMatch(/^".+"$/)
		expect((await fatima.request.get(src, { headers: { 'If-None-Match': etag } })).status()).toBe(304)

		// Too light a colour is refused beside its field, with the ratio found; nothing saved is lost.
		const tooLight = '#8a8a8a'
		await colour.fill(tooLight)
		await fatima.getByRole('group', { name: 'Voorbeeld' }).getByText('te weinig, minstens 4,5:1 nodig', { exact: false }).waitFor()
		await fatima.getByRole('button', { name: 'Huisstijl opslaan' }).click()
		const colourField = fatima.locator('.field').filter({ has: colour })
		const ratio = dutch(contrastRatio(tooLight, '#ffffff'))
		await colourField.getByText(`Deze kleur heeft te weinig contrast: ${ratio}:1 met witte tekst, en als tekst op wit. Minstens 4,5:1 is nodig. Kies een donkerder kleur.`).waitFor()
		expect(await colour.getAttribute('aria-invalid')).toBe('true')
		expect(await accessibilityViolations(fatima)).toEqual([])
		// A file that is not what its name says is refused beside its own field; the colour and logo saved stay.
		await colour.fill('#000000')
		await fatima.getByLabel('Nieuw logo (niet verplicht)').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') })
		await fatima.getByRole('button', { name: 'Huisstijl opslaan' }).click()
		await fatima.locator('.field').filter({ has: fatima.getByLabel('Nieuw logo (niet verplicht)') }).getByText('Dit bestand is geen SVG of PNG. Kies een logo als SVG of PNG.').waitFor()
		await fatima.goto('/catalogus')
		await expect.poll(() => navBackground(fatima)).toBe(rgb('#2b5f1e'))
		expect(await headerLogo(fatima).getAttribute('src')).toBe(src)

		// In English, the refusal is in English.
		await fatima.goto(`/onderdelen/rvo/huisstijl`)
		await fatima.getByRole('button', { name: 'English' }).click()
		await fatima.getByRole('heading', { level: 1, name: `Branding of ${RVO}` }).waitFor()
		await fatima.getByLabel('Accent colour').fill(tooLight)
		await fatima.getByRole('button', { name: 'Save the branding' }).click()
		await fatima.locator('.field').filter({ has: fatima.getByLabel('Accent colour') }).getByText(`This colour has too little contrast: ${english(contrastRatio(tooLight, '#ffffff'))}:1 with white text, and as text on white.`, { exact: false }).waitFor()
		await fatima.getByRole('button', { name: 'Nederlands' }).click()

		// Sanne, of RVO, sees RVO's new look.
		const sanne = await e2e.signIn(SANNE)
		await expect.poll(() => navBackground(sanne)).toBe(rgb('#2b5f1e'))
		expect(await headerLogo(sanne).getAttribute('alt')).toBe(RVO)
		expect(await headerLogo(sanne).evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true)

		// Lotte, of NVWA, sees NVWA's seeded look; the logo she is sent is NVWA's.
		const lotte = await e2e.signIn(LOTTE)
		await expect.poll(() => navBackground(lotte)).toBe(rgb('#a90061'))
		expect(await headerLogo(lotte).getAttribute('alt')).toBe(NVWA)
		const nvwaLogo = await lotte.request.get((await headerLogo(lotte).getAttribute('src'))!)
		expect(await nvwaLogo.text()).toContain('>NVWA<')

		// Els, of the Kerndepartement, which has no look of its own, sees the concern's; so does a visitor.
		const els = await e2e.signIn(ELS)
		await expect.poll(() => navBackground(els)).toBe(rgb('#154273'))
		expect(await headerLogo(els).count()).toBe(0)
		const visitor = await e2e.newPage()
		await visitor.goto('/catalogus')
		await expect.poll(() => navBackground(visitor)).toBe(rgb('#154273'))
		expect(await headerLogo(visitor).count()).toBe(0)

		// NVWA's coordinator may not open or change RVO's branding, whatever she tries.
		const peter = await e2e.signIn(PETER)
		expect((await peter.goto('/onderdelen/rvo/huisstijl'))?.status()).toBe(403)
		const forged = await peter.request.post('/onderdelen/rvo/huisstijl', { form: { intent: 'reset' }, headers: { Origin: new URL(peter.url()).origin }, maxRedirects: 0 })
		expect(forged.status()).toBe(403)
		expect(await navBackground(sanne.context().pages()[0]!)).toBe(rgb('#2b5f1e'))

		// Back to the concern look; the audit trail holds both changes with their before and after.
		await fatima.goto('/onderdelen/rvo/huisstijl')
		await fatima.getByRole('button', { name: 'Terug naar de huisstijl van het concern' }).click()
		await fatima.getByText('Uw onderdeel heeft weer de huisstijl van het concern.').waitFor()
		await expect.poll(() => navBackground(fatima)).toBe(rgb('#154273'))
		expect(await headerLogo(fatima).count()).toBe(0)
		await fatima.goto('/beheer/logboek?actie=tenant.branding')
		const trail = fatima.getByRole('main')
		await trail.getByText('Huisstijl van het onderdeel teruggezet naar die van het concern').first().waitFor()
		await trail.getByText('Huisstijl van het onderdeel gewijzigd').first().waitFor()
		await sanne.reload()
		await expect.poll(() => navBackground(sanne)).toBe(rgb('#154273'))
	}, 120_000)
})

/** A ratio as the Dutch page prints it: two decimals, rounded down, with a comma. */
function dutch(ratio: number): string {
	return displayRatio(ratio).toFixed(2).replace('.', ',')
}

function english(ratio: number): string {
	return displayRatio(ratio).toFixed(2)
}
