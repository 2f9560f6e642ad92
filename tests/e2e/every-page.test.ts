import type { Browser, BrowserContext } from 'playwright-core'
import { testDrivers } from '@leerplein/db/testing'
import { afterAll, beforeAll, describe, test } from 'vitest'
import { BAD_INPUT_TARGETS, type BadInputFixtures } from '../isolation/bad-input.ts'
import { plantFixtures } from '../isolation/bad-input-fixtures.ts'
import { accessibilityViolations, launchBrowser, overflowingElements } from '../support/browser.ts'
import { startPortal, type RunningPortal } from '../support/portal.ts'

// Every page of the built route manifest (issue 19, item 3), as a person it admits meets it:
// at 320 and 1,280 px nothing scrolls sideways (a wide table scrolls in its own region), and axe
// finds no WCAG 2.2 A/AA violation — in Dutch at both widths, and in English at 320 px, where
// longer English words break a layout first. (English at 1,280 px is the Dutch page's structure
// with other words; its axe run cost a quarter of CI's longest file. Its overflow is still checked.) The pages and whom to ask as come
// from the bad-input targets (tests/isolation/bad-input.ts), so a new page is checked here the day
// it lands. Resource routes (files, JSON, protocol endpoints) have no page and are left out.

type RouteModule = { module: { default?: unknown } }
const manifest = (await import(new URL('../../app/build/server/index.js', import.meta.url).href)) as { routes: Record<string, RouteModule> }

/**
 * Pages that never render here for a person: each hands the browser straight on to another site
 * (an identity provider or a learning tool) or back to a page checked in its own right.
 */
const HANDED_ON: Record<string, string> = {
	'routes/inloggen_.sso.$unit': "redirects to the unit's identity provider",
	'routes/inloggen_.sso.callback': 'answers only a sign-in that the identity provider returns',
	'routes/lti.authorize': "posts the launch to the tool's own site",
	'routes/lti.inhoud-kiezen.$courseId.$toolId': "opens the tool's own content picker",
	'routes/lti.starten.$resourceLinkId': "starts a launch at the tool's own site",
}

const pageIds = Object.keys(manifest.routes)
	.filter((id) => id !== 'root' && manifest.routes[id]!.module.default && !(id in HANDED_ON))
	.sort()

const WIDTHS = [320, 1280] as const
const LANGUAGES = ['nl', 'en'] as const

// The fixtures are planted as the database's owner: PostgreSQL, as for bad input.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

describe.each(drivers)('every page at 320 and 1,280 px, in Dutch and English, on %s', (driver) => {
	let portal: RunningPortal
	let fixtures: BadInputFixtures
	let browser: Browser

	beforeAll(async () => {
		;[portal, browser] = await Promise.all([startPortal(driver), launchBrowser()])
		fixtures = await plantFixtures(portal.databaseUrl!)
	})
	afterAll(async () => {
		await browser?.close()
		await portal?.stop()
	})

	/** A form sent as the context's browser would, its cookies kept in the context. */
	async function post(context: BrowserContext, path: string, form: Record<string, string>) {
		const response = await context.request.post(`${portal.url}${path}`, { form, headers: { Origin: portal.url }, maxRedirects: 0 })
		if (response.status() !== 302) throw new Error(`${path} answered ${response.status()} to a form, not 302`)
	}

	// Each page in a browser context of its own: its own session and language. Axe runs on a
	// large page (the passport matrix: a page of people by every competency) took over 60 s beside another
	// browser test on two cores.
	test.for(pageIds)('%s', { timeout: 180_000 }, async (routeId, { expect }) => {
		const target = BAD_INPUT_TARGETS[routeId]!
		const context = await browser.newContext({ baseURL: portal.url })
		if (target.as) await post(context, '/inloggen', { intent: 'persona', persona: target.as })
		const page = await context.newPage()
		try {
			const findings: string[] = []
			for (const lng of LANGUAGES) {
				await post(context, '/taal', { intent: 'switch', lng, redirectTo: '/' })
				const url = withoutNul(target.path(fixtures))
				await page.setViewportSize({ width: 1280, height: 800 })
				const response = await page.goto(url)
				expect(new URL(page.url()).origin, `${url} stays on the portal`).toBe(portal.url)
				expect(response?.status() ?? 0, `${url} answers`).toBeLessThan(500)
				expect(await page.evaluate(() => document.documentElement.lang)).toBe(lng)
				for (const width of WIDTHS) {
					await page.setViewportSize({ width, height: 800 })
					const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth)
					if (pageWidth > width) findings.push(`${lng} at ${width} px: the page is ${pageWidth} px wide (${await overflowingElements(page, width)})`)
					if (lng === 'en' && width !== 320) continue
					for (const violation of await accessibilityViolations(page)) {
						findings.push(`${lng} at ${width} px: ${violation.id} (${violation.help}) at ${violation.targets.slice(0, 3).join(', ')}`)
					}
				}
			}
			expect(findings).toEqual([])
		} finally {
			await context.close()
		}
	})
})

/** A bad-input target's path without the NUL byte it aims at a query (`?periode=%00`): the page as people open it. */
function withoutNul(path: string): string {
	const url = new URL(path, 'http://portal')
	for (const [name, value] of [...url.searchParams]) if (value.includes('\0')) url.searchParams.delete(name)
	return `${url.pathname}${url.search}`
}
