import { readFile } from 'node:fs/promises'
import { and, asc, count, eq, isNotNull } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { schema } from '@leerplein/db/schema'
import { testDrivers } from '@leerplein/db/testing'
import { describeEffect, differenceInDifferences } from '@leerplein/domain'
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { accessibilityViolations, accessibleAt320, FATIMA, PETER, signInAs, useE2E } from '../support/e2e.ts'
import { openAdministrationTask } from '../support/navigation.ts'

// Issue 18, item 3, in Chromium (ADR 040, ADR 044): RVO's coordinator records an intervention
// from the menu (a backwards period and no team refused beside their fields), imports its measure
// (a bad file: each faulty line named, nothing saved; then a good one), and sees before and after,
// the difference in differences and its sentence exactly as the domain computes them on the same
// values, the chart and its numbers; every state axe clean at 1280 and 320 px. NVWA's coordinator
// neither finds nor opens it. PostgreSQL, so the test can read RVO's teams as the owner.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')
const NAME = 'Training zaakcontrole (interventie-e2e)'
const MEASURE = 'Fouten later in het proces gevonden'

// ADR 040's first worked example: three trained teams (−4, −3, −5), three comparison teams (−1, 0, −2).
const BEFORE_AFTER: number[][] = [
	[10, 12, 6, 8],
	[8, 8, 5, 5],
	[12, 10, 5, 7],
	[9, 11, 10, 8],
	[6, 6, 6, 6],
	[10, 10, 8, 8],
]
const MONTHS = ['2026-01', '2026-02', '2026-05', '2026-06']

async function download(page: Page, name: string): Promise<string> {
	const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()])
	return (await readFile((await file.path())!)).toString('utf8').replace(/^\uFEFF/, '')
}

describe.each(drivers)('the effect of an intervention, on %s', (driver) => {
	const e2e = useE2E({ driver, owner: true })
	const { owner } = e2e

	test('Fatima records an intervention, imports its measure and sees the domain’s figures; NVWA’s coordinator never sees it', async () => {
		// Six of RVO's teams: a manager with active people of the unit.
		const [rvo] = await owner.db.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
		const manager = alias(schema.users, 'manager')
		const teams = await owner.db
			.selectDistinct({ id: manager.id, employeeNumber: manager.employeeNumber })
			.from(schema.users)
			.innerJoin(manager, eq(manager.id, schema.users.managerId))
			.where(and(eq(schema.users.tenantId, rvo!.id), eq(schema.users.active, true), isNotNull(schema.users.managerId)))
			.orderBy(asc(manager.employeeNumber))
			.limit(6)
		expect(teams).toHaveLength(6)
		const csv = ['team,maand,waarde', ...teams.flatMap((team, t) => MONTHS.map((month, m) => `${team.employeeNumber},${month},${BEFORE_AFTER[t]![m]}`))].join('\n')

		const page = await e2e.newPage({ viewport: { width: 1280, height: 800 } })
		await signInAs(page, FATIMA)
		await openAdministrationTask(page, 'Interventies')
		await page.getByRole('heading', { level: 1, name: 'Interventies' }).waitFor()
		// The demo's worked intervention is there already.
		await page.getByRole('link', { name: 'Training zaakcontrole voor vier teams' }).waitFor()
		await accessibleAt320(page)

		// The form, by keyboard where it matters: a backwards period and no team are refused beside their fields.
		await page.getByRole('link', { name: 'Interventie vastleggen' }).click()
		await page.getByRole('heading', { level: 1, name: 'Interventie vastleggen' }).waitFor()
		await page.getByLabel('Naam', { exact: true }).fill(NAME)
		await page.getByLabel('Eerste maand van de interventie').fill('2026-03')
		await page.getByLabel('Laatste maand van de interventie').fill('2026-02')
		await page.getByLabel('Maanden vóór').fill('2')
		await page.getByLabel('Maanden na').fill('2')
		await page.getByLabel('Wat wordt gemeten').fill(MEASURE)
		await page.getByLabel('Wat is beter?').selectOption('lower')
		await page.getByRole('button', { name: 'Opslaan' }).focus()
		await page.keyboard.press('Enter')
		await page.getByText('Kies ten minste één team dat de opleiding volgde.').first().waitFor()
		await page.getByText('De laatste maand ligt vóór de eerste.').first().waitFor()
		expect(await page.getByLabel('Laatste maand van de interventie').getAttribute('aria-invalid')).toBe('true')
		expect(await page.getByLabel('Naam', { exact: true }).inputValue()).toBe(NAME)
		await accessibleAt320(page)
		await page.getByLabel('Laatste maand van de interventie').fill('2026-04')
		for (const team of teams.slice(0, 3)) {
			const box = page.getByRole('checkbox', { name: new RegExp(`\\(${team.employeeNumber},`) })
			await box.focus()
			await page.keyboard.press('Space')
			expect(await box.isChecked()).toBe(true)
		}
		await page.getByRole('button', { name: 'Opslaan' }).focus()
		await page.keyboard.press('Enter')
		await page.getByRole('heading', { level: 1, name: NAME }).waitFor()
		await page.getByText('De interventie is opgeslagen.').waitFor()
		await page.getByText('Er zijn nog geen metingen.', { exact: false }).waitFor()
		const interventionId = new URL(page.url()).pathname.split('/').pop()!
		await accessibleAt320(page)

		// A bad file: every faulty line with its number and reason, and nothing saved.
		const bad = `${csv}\nONBEKEND,2026-01,3\n${teams[0]!.employeeNumber},2026-01,4\n${teams[1]!.employeeNumber},januari,5`
		await page.getByLabel('CSV-bestand').setInputFiles({ name: 'meting.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) })
		await page.getByRole('button', { name: 'Importeren' }).click()
		await page.getByRole('heading', { name: 'Het bestand is niet geïmporteerd' }).waitFor()
		const errorTable = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Reden' }) })
		expect(await errorTable.getByRole('rowheader').allTextContents()).toEqual(['26', '27', '28'])
		expect(await errorTable.getByRole('row').nth(1).getByRole('cell').allTextContents()).toEqual(['ONBEKEND,2026-01,3', 'Geen leidinggevende van een team in uw eenheid met dit personeelsnummer.'])
		await page.getByText('Dit team heeft in deze maand al een waarde in het bestand.').waitFor()
		const [stored] = await owner.db.select({ n: count() }).from(schema.interventionMeasureValues).where(eq(schema.interventionMeasureValues.interventionId, interventionId))
		expect(stored!.n).toBe(0)
		expect(await accessibilityViolations(page)).toEqual([])

		// The good file.
		await page.getByLabel('CSV-bestand').setInputFiles({ name: 'meting.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
		await page.getByRole('button', { name: 'Importeren' }).click()
		await page.getByText('24 metingen geïmporteerd.').waitFor()

		// The figures are the domain's on the same values.
		const expected = differenceInDifferences({
			values: teams.flatMap((team, t) => MONTHS.map((month, m) => ({ teamId: team.id, month, value: BEFORE_AFTER[t]![m]! }))),
			trainedTeamIds: teams.slice(0, 3).map((team) => team.id),
			intervention: { firstMonth: '2026-03', lastMonth: '2026-04' },
			better: 'lower',
		})
		if (!expected.ok) throw new Error(expected.code)
		expect(expected.value.verdict.status).toBe('effect')
		await page.getByText(describeEffect(expected.value, 'nl', { decimals: 1 })).waitFor()
		const decimal = (value: number) => value.toLocaleString('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
		const { estimate } = expected.value
		await page.getByText(`Verschil in verschillen: −${decimal(-estimate!.difference)}; 95%-betrouwbaarheidsinterval ${decimal(estimate!.interval.lower)} tot ${decimal(estimate!.interval.upper)}.`).waitFor()
		const groupRow = (name: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) }).first()
		expect(await groupRow('Getrainde teams').getByRole('cell').allTextContents()).toEqual(['3', decimal(expected.value.trained.meanBefore!), decimal(expected.value.trained.meanAfter!), `−${decimal(-expected.value.trained.change!)}`])
		expect(await groupRow('Vergelijkingsteams').getByRole('cell').allTextContents()).toEqual(['3', decimal(expected.value.comparison.meanBefore!), decimal(expected.value.comparison.meanAfter!), `−${decimal(-expected.value.comparison.change!)}`])

		// The chart is one image with its title, the numbers follow as a table (January: trained (10 + 8 + 12) / 3, comparison (9 + 6 + 10) / 3).
		const chart = page.getByRole('img', { name: `${MEASURE} per maand: getrainde teams en vergelijkingsteams` })
		await chart.waitFor()
		expect(await chart.locator('circle').count()).toBe(4)
		expect(await chart.locator('rect[width="9"]').count()).toBe(4)
		const january = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'januari 2026' }) })
		expect(await january.getByRole('cell').allTextContents()).toEqual(['vóór', '10,0 (3 teams)', '8,3 (3 teams)'])
		const march = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'maart 2026' }) })
		expect(await march.getByRole('cell').allTextContents()).toEqual(['tijdens', '—', '—'])
		await accessibleAt320(page)

		// The values as CSV: the file the import reads back, one row per team and month.
		const exported = await download(page, 'Metingen downloaden (CSV)')
		const lines = exported.trim().split('\r\n')
		expect(lines[0]).toBe('team;maand;waarde;leidinggevende;groep')
		expect(lines).toHaveLength(25)
		expect(lines[1]).toMatch(new RegExp(`^${teams[0]!.employeeNumber};2026-01;10;[^;]+;Getrainde teams$`))

		// Listed, with its counts.
		await page.goto('/beheer/interventies')
		const listed = page.getByRole('row').filter({ has: page.getByRole('link', { name: NAME }) })
		expect(await listed.getByRole('cell').allTextContents()).toEqual([NAME, 'maart 2026 tot en met april 2026', MEASURE, '3', '24 (CSV-bestand)'])

		// NVWA's coordinator: not in their list, not found by its address, nor its form or values.
		const peter = await e2e.newPage({ viewport: { width: 1280, height: 800 } })
		await signInAs(peter, PETER)
		await peter.goto('/beheer/interventies')
		await peter.getByRole('heading', { level: 1, name: 'Interventies' }).waitFor()
		expect(await peter.getByText(NAME).count()).toBe(0)
		for (const path of [`/beheer/interventies/${interventionId}`, `/beheer/interventies/${interventionId}/wijzigen`, `/beheer/interventies/${interventionId}/metingen`]) {
			const response = await peter.request.get(path)
			expect(response.status(), path).toBe(404)
			expect(await response.text()).not.toContain(MEASURE)
		}
	})
})
