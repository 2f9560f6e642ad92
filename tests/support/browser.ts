import { existsSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import { chromium, type Browser, type Page } from 'playwright-core'
import { expect } from 'vitest'

/** Debian's Chromium, never a downloaded browser build. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** `args`: more command-line switches, e.g. host-name mapping and a trusted test certificate (https-sites.ts). */
export async function launchBrowser({ args = [] }: { args?: string[] } = {}): Promise<Browser> {
	if (!existsSync(CHROMIUM_PATH)) {
		throw new Error(`No Chromium at ${CHROMIUM_PATH}. Install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.`)
	}
	return chromium.launch({
		executablePath: CHROMIUM_PATH,
		// This machine has no network beyond loopback; keep Chromium from trying.
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...args],
	})
}

/** The WCAG 2.1 A and AA rules; a page passes only with zero violations. */
export async function accessibilityViolations(page: Page) {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
	return results.violations.map((violation) => ({
		id: violation.id,
		impact: violation.impact,
		help: violation.help,
		targets: violation.nodes.map((node) => node.target.join(' ')),
	}))
}

/** Axe finds nothing at 1280 px and at 320 px, where nothing scrolls sideways; the page is left at 1280 px. */
export async function accessibleAt320(page: Page) {
	expect(await accessibilityViolations(page)).toEqual([])
	await page.setViewportSize({ width: 320, height: 800 })
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
	expect(await accessibilityViolations(page)).toEqual([])
	await page.setViewportSize({ width: 1280, height: 800 })
}
