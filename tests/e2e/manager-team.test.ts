import { and, eq, inArray } from 'drizzle-orm'
import { schema } from '@leerplein/db/schema'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import { testDrivers } from '@leerplein/db/testing'
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { accessibleAt320, signInAs, useE2E } from '../support/e2e.ts'

// Issue 18, item 5, in Chromium: RVO's manager persona opens "Mijn team" from the menu with the
// keyboard, finds one of their people by name and reads the same four numbers the database holds
// for them, opens that person's list, and the page passes axe at 1280 px and at 320 px without
// scrolling sideways. The demo data's own learning is read, nothing planted: the run's shared portal.
// PostgreSQL (the owner reads the database directly).
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

const MARK = 'Mark Jansen' // RVO's manager persona

describe.each(drivers)('a manager’s team page on %s', (driver) => {
	const e2e = useE2E({ driver, owner: true })

	/** The team of Mark, and each person's four counts, counted directly as the owner with the page's definitions. */
	async function directCounts(now: Date) {
		const { db } = e2e.owner
		const [mark] = await db.select({ id: schema.users.id, tenantId: schema.users.tenantId }).from(schema.users).where(eq(schema.users.email, DEMO_PERSONAS.find((p) => p.key === 'rvo-manager')!.email))
		const team = await db
			.select({ id: schema.users.id, name: schema.users.name })
			.from(schema.users)
			.where(and(eq(schema.users.managerId, mark!.id), eq(schema.users.tenantId, mark!.tenantId), eq(schema.users.active, true)))
		const rows = await db
			.select({ userId: schema.enrolments.userId, status: schema.enrolments.status, updatedAt: schema.enrolments.updatedAt, startsAt: schema.sessions.startsAt, endsAt: schema.sessions.endsAt })
			.from(schema.enrolments)
			.innerJoin(schema.sessions, eq(schema.sessions.id, schema.enrolments.sessionId))
			.where(and(eq(schema.enrolments.tenantId, mark!.tenantId), inArray(schema.enrolments.userId, team.map((person) => person.id))))
		const yearAgo = new Date(now)
		yearAgo.setMonth(yearAgo.getMonth() - 12)
		const counts = new Map(team.map((person) => [person.id, { name: person.name, upcoming: 0, waiting: 0, completed: 0, cancelled: 0 }]))
		for (const row of rows) {
			const c = counts.get(row.userId)!
			const ahead = row.startsAt > now
			if (row.status === 'enrolled' && ahead) c.upcoming++
			else if (['awaiting_approval', 'approved', 'waitlisted'].includes(row.status) && ahead) c.waiting++
			else if (['attended', 'completed'].includes(row.status) && row.endsAt > yearAgo && row.endsAt <= now) c.completed++
			else if (row.status === 'cancelled' && row.updatedAt > yearAgo && row.updatedAt <= now) c.cancelled++
		}
		return [...counts.values()]
	}

	/** Tabs on until the focus is on `name` in the main navigation. */
	async function tabTo(page: Page, name: string) {
		const seen: string[] = []
		for (let step = 0; step < 40; step++) {
			await page.keyboard.press('Tab')
			const focused = await page.evaluate(() => ({ nav: document.activeElement?.closest('nav')?.getAttribute('aria-label') ?? null, text: document.activeElement?.textContent?.trim() ?? '' }))
			if (focused.nav === 'Hoofdnavigatie' && focused.text === name) return
			seen.push(focused.text)
		}
		throw new Error(`no "${name}" in the navigation within 40 tabs: ${seen.join(' | ')}`)
	}

	test('the manager opens their team from the menu by keyboard, reads one person’s numbers as the database holds them, and the page is accessible at 1280 and 320 px', async () => {
		const page = await e2e.newPage({ viewport: { width: 1280, height: 800 } })
		await signInAs(page, MARK)
		// From the first stop on the page, the skip link, on through the header and the menu.
		await page.getByRole('link', { name: 'Naar de hoofdinhoud' }).focus()
		await tabTo(page, 'Mijn team')
		await page.keyboard.press('Enter')
		await page.getByRole('heading', { level: 1, name: 'Mijn team' }).waitFor()
		expect(new URL(page.url()).pathname).toBe('/mijn-team')
		await page.getByRole('heading', { level: 2, name: /^Budget van het team in \d{4}$/ }).waitFor()
		await page.getByRole('link', { name: 'Bekijk de paspoorten van uw team' }).waitFor()

		// The person of the team with the most learning, so the numbers say something.
		const team = await directCounts(new Date())
		expect(team.length).toBeGreaterThan(0)
		const person = [...team].sort((a, b) => b.upcoming + b.waiting + b.completed + b.cancelled - (a.upcoming + a.waiting + a.completed + a.cancelled))[0]!
		expect(person.upcoming + person.waiting + person.completed + person.cancelled).toBeGreaterThan(0)
		await expect.poll(() => page.getByRole('table', { name: 'Leren per medewerker' }).getByRole('row').count()).toBe(Math.min(team.length, 50) + 1)
		await accessibleAt320(page)

		// Found by name with the keyboard: the row's numbers are the database's.
		await page.getByLabel('Zoek op naam').fill(person.name)
		await page.getByLabel('Zoek op naam').press('Enter')
		await page.waitForURL(/[?&]q=/)
		const row = page.getByRole('table', { name: 'Leren per medewerker' }).getByRole('row').filter({ has: page.getByRole('link', { name: `Leren van ${person.name} tonen` }) })
		expect(await row.getByRole('cell').allTextContents()).toEqual([person.name, String(person.upcoming), String(person.waiting), String(person.completed), String(person.cancelled)])

		// The person's list: one row per counted enrolment, its kind and status in words.
		await row.getByRole('link', { name: `Leren van ${person.name} tonen` }).click()
		await page.getByRole('heading', { level: 2, name: `Leren van ${person.name}` }).waitFor()
		const list = page.getByRole('table', { name: `Opleidingen van ${person.name}` })
		const kinds = await list.locator('tbody tr td:nth-child(3)').allTextContents()
		expect({
			upcoming: kinds.filter((kind) => kind === 'Komt eraan').length,
			waiting: kinds.filter((kind) => kind === 'Wacht').length,
			completed: kinds.filter((kind) => kind === 'Afgerond').length,
			cancelled: kinds.filter((kind) => kind === 'Geannuleerd').length,
		}).toEqual({ upcoming: person.upcoming, waiting: person.waiting, completed: person.completed, cancelled: person.cancelled })
		const statuses = new Set(await list.locator('tbody tr td:nth-child(4)').allTextContents())
		for (const status of statuses) expect(['Ingeschreven', 'Wacht op goedkeuring', 'Goedgekeurd', 'Op de wachtlijst', 'Aanwezig geweest', 'Afgerond', 'Geannuleerd']).toContain(status)
		await accessibleAt320(page)
	})

	test('an employee without a team has no "Mijn team" in the menu, and the page refuses them', async () => {
		const page = await e2e.newPage()
		await signInAs(page, 'Sanne de Vries')
		expect(await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Mijn team' }).count()).toBe(0)
		const response = await page.request.get('/mijn-team', { maxRedirects: 0 })
		expect(response.status()).toBe(403)
	})
})
