import { describe, expect, test } from 'vitest'
import { SANNE, useE2E } from '../support/e2e.ts'

// Issue 19: the text-field rules made every radio button a page-wide circle above its label, with
// a focus ring as wide. A radio button or checkbox is its own small size, on the line of its label.
describe('radio buttons and checkboxes', () => {
	const e2e = useE2E({ driver: 'pglite' })

	test('the enrolment form’s session choice: each radio is small, beside its label’s first line, with a ring no wider than itself', async () => {
		const page = await e2e.signIn(SANNE)
		// The first course on the catalogue's first page that Sanne may enrol in (it has sessions to choose from).
		await page.goto('/catalogus')
		const courses = await page.locator('.course-list h3 a').evaluateAll((links) => links.map((link) => link.getAttribute('href')!))
		const radios = page.getByRole('radio')
		for (const course of courses) {
			await page.goto(course)
			if ((await radios.count()) > 0) break
		}
		expect(await radios.count()).toBeGreaterThan(0)
		for (const radio of await radios.all()) {
			const box = (await radio.boundingBox())!
			const label = (await radio.locator('xpath=ancestor::label[1]').boundingBox())!
			expect(box.width).toBeLessThanOrEqual(24)
			expect(box.height).toBeLessThanOrEqual(24)
			// Beside the label's text, not above it: the radio starts at the label's left edge and its top line.
			expect(box.x - label.x).toBeLessThan(8)
			expect(box.y - label.y).toBeLessThan(24)
			expect(label.width).toBeGreaterThan(box.width * 4)
		}
		await radios.first().focus()
		await page.keyboard.press('ArrowDown')
		const ring = await page.evaluate(() => {
			const focused = document.activeElement as HTMLElement
			const style = getComputedStyle(focused)
			return { type: focused.getAttribute('type'), width: focused.getBoundingClientRect().width, outline: style.outlineStyle }
		})
		expect(ring).toMatchObject({ type: 'radio', outline: 'solid' })
		expect(ring.width).toBeLessThanOrEqual(24)
	})
})
