import { and, eq } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { recomputePassports } from '@leerplein/db/passport'
import { schema } from '@leerplein/db/schema'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import { testDrivers } from '@leerplein/db/testing'
import { amsterdamDate } from '@leerplein/domain'
import type { Locator, Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { accessibilityViolations, ELS, FATIMA, SANNE, signInAs, useE2E } from '../support/e2e.ts'
import { openAdministrationTask } from '../support/navigation.ts'

// Issue 15, "Done when", in Chromium: an employee with a red dot follows the suggested course →
// attendance is registered → the dot turns green on their passport and in their manager's matrix,
// without any job run by hand. On the way: the manager's team matrix (filter, keyboard, 320 px,
// axe, the XLSX read back), the coordinator's unit matrix, and the concern's overview of counts.
// PostgreSQL (the owner plants the requirement and the course) and a clock the test moves.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

const DAY_MS = 86_400_000
const MARK = 'Mark Jansen' // RVO's manager persona: Sanne's manager

describe.each(drivers)('the passport matrix on %s', (driver) => {
	const e2e = useE2E({ driver, owner: true, clock: true })

	/** A competency RVO requires of everyone, and a free RVO course of one meeting in three days that grants it. */
	async function plant() {
		const { db } = e2e.owner
		const suffix = randomBytes(3).toString('hex')
		const [rvo] = await db.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
		const [theme] = await db.select({ id: schema.themes.id }).from(schema.themes).limit(1)
		const competencyName = `Veilig werken ${suffix}`
		const [competency] = await db.insert(schema.competencies).values({ name: competencyName, validityMonths: 24, warningDays: 60 }).returning({ id: schema.competencies.id })
		await db.insert(schema.competencyRequirements).values({ tenantId: rvo!.id, competencyId: competency!.id, introducedOn: '2020-01-01' })
		const courseTitle = `Veilig werken in de praktijk ${suffix}`
		const [course] = await db
			.insert(schema.courses)
			.values({ providerTenantId: rvo!.id, themeId: theme!.id, title: courseTitle, summary: 'Een ochtend.', description: 'Veilig werken, in één ochtend.', form: 'classroom', durationMinutes: 180, status: 'published', visibility: 'concern', priceCents: 0 })
			.returning({ id: schema.courses.id })
		await db.insert(schema.courseCompetencies).values({ courseId: course!.id, competencyId: competency!.id })
		// Three days from the portal's today (an earlier test may have moved its clock).
		const startsAt = new Date(Math.floor((Date.now() + e2e.clock.offsetMs + 3 * DAY_MS) / DAY_MS) * DAY_MS + 8 * 3_600_000)
		const endsAt = new Date(startsAt.getTime() + 3 * 3_600_000)
		const [session] = await db.insert(schema.sessions).values({ tenantId: rvo!.id, courseId: course!.id, startsAt, endsAt, capacity: 12 }).returning({ id: schema.sessions.id })
		await db.insert(schema.sessionMeetings).values({ tenantId: rvo!.id, sessionId: session!.id, startsAt, endsAt, online: true })
		const sanneEmail = DEMO_PERSONAS.find((persona) => persona.key === 'rvo-employee')!.email
		const [sanne] = await db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, sanneEmail))
		// The requirement is new: recompute Sanne's dots as a requirement change would (the test plants it as the owner).
		await recomputePassports(db, { tenantId: rvo!.id, userIds: [sanne!.id], today: amsterdamDate(new Date(Date.now() + e2e.clock.offsetMs)), trigger: 'requirement' })
		return { rvoId: rvo!.id, competencyId: competency!.id, competencyName, courseId: course!.id, courseTitle, sessionId: session!.id, startsAt, sanneId: sanne!.id }
	}

	async function expectAccessible(page: Page) {
		expect(await accessibilityViolations(page)).toEqual([])
	}
	async function download(page: Page, link: Locator): Promise<Buffer> {
		const [file] = await Promise.all([page.waitForEvent('download'), link.click()])
		return readFile((await file.path())!)
	}
	/** The matrix's row of one person, and its cell under one competency's column. */
	const matrixCell = async (page: Page, person: string, competency: string) => {
		const table = page.getByRole('table', { name: 'Paspoorten per medewerker' })
		const headers = await table.getByRole('columnheader').allTextContents()
		const column = headers.findIndex((header) => header.trim() === competency)
		expect(column).toBeGreaterThan(2)
		return table.getByRole('row').filter({ hasText: person }).getByRole('cell').nth(column)
	}

	test('red → the suggested course → attendance registered → green on the passport and in the manager’s matrix, with no job run by hand', async () => {
		const f = await plant()

		// The manager's team matrix: Sanne red for the new competency; filtered to it by keyboard; it fits 320 px.
		const manager = await e2e.newPage()
		await signInAs(manager, MARK)
		await manager.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Paspoorten' }).click()
		await manager.getByRole('heading', { level: 1, name: 'Kwaliteitspaspoorten' }).waitFor()
		await manager.getByText('De bekwaamheden van de medewerkers van wie u leidinggevende bent').waitFor()
		expect(await (await matrixCell(manager, SANNE, f.competencyName)).textContent()).toBe('✕Ontbreekt of verlopen')
		await expectAccessible(manager)
		await manager.getByLabel('Bekwaamheid', { exact: true }).selectOption({ label: f.competencyName })
		await manager.getByLabel('Stand', { exact: true }).selectOption({ label: 'Ontbreekt of verlopen' })
		await manager.getByRole('button', { name: 'Filter toepassen' }).focus()
		await manager.keyboard.press('Enter')
		await manager.waitForURL(/stand=red/)
		await manager.getByRole('row').filter({ hasText: SANNE }).waitFor()
		expect(await manager.getByRole('columnheader').allTextContents()).toEqual(expect.arrayContaining([f.competencyName]))
		await manager.setViewportSize({ width: 320, height: 800 })
		expect(await manager.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
		await expectAccessible(manager)
		await manager.setViewportSize({ width: 1280, height: 800 })

		// Sanne follows the suggestion on her passport and enrols (a free course of her own unit: no approval).
		const sanne = await e2e.newPage()
		await signInAs(sanne, SANNE, { returnTo: '/mijn-paspoort' })
		const todo = sanne.getByRole('region', { name: `Wat kunt u doen voor ${f.competencyName}?` })
		await todo.getByRole('link', { name: `Bekijken en inschrijven: ${f.courseTitle}` }).click()
		await sanne.getByRole('heading', { level: 1, name: f.courseTitle }).waitFor()
		await sanne.getByRole('radio').first().check()
		await sanne.getByRole('button', { name: 'Inschrijven', exact: true }).click()
		await sanne.getByRole('status').filter({ hasText: 'U bent ingeschreven.' }).waitFor()

		// The morning has passed: the coordinator registers her present on the session page.
		await e2e.clock.advance(f.startsAt.getTime() + 4 * 3_600_000 - (Date.now() + e2e.clock.offsetMs))
		const coordinator = await e2e.newPage()
		await signInAs(coordinator, FATIMA, { returnTo: `/uitvoeringen/${f.sessionId}` })
		await coordinator.getByRole('group', { name: new RegExp(`^${SANNE}`) }).getByText('Aanwezig', { exact: true }).click()
		await coordinator.getByRole('button', { name: 'Aanwezigheid opslaan' }).click()
		await coordinator.getByRole('status').filter({ hasText: 'Aanwezigheid van 1 deelnemer opgeslagen.' }).waitFor()

		// Green on her passport, at once, the history naming the new evidence.
		await signInAs(sanne, SANNE, { returnTo: '/mijn-paspoort' })
		const item = sanne.getByRole('listitem').filter({ has: sanne.getByRole('heading', { name: f.competencyName }) })
		expect(await item.locator('.passport-dot').textContent()).toBe('✓Geldig')
		await sanne
			.getByRole('region', { name: 'Geschiedenis' })
			.getByRole('row', { name: new RegExp(`${f.competencyName} Ontbreekt of verlopen → Geldig Nieuw of gewijzigd bewijs`) })
			.waitFor()
		const [status] = await e2e.owner.db
			.select({ status: schema.passportStatus.status })
			.from(schema.passportStatus)
			.where(and(eq(schema.passportStatus.userId, f.sanneId), eq(schema.passportStatus.competencyId, f.competencyId)))
		expect(status).toEqual({ status: 'green' })

		// And green in her manager's matrix, valid two years; the XLSX says so in words.
		await signInAs(manager, MARK, { returnTo: `/paspoorten?bekwaamheid=${f.competencyId}` })
		expect(await (await matrixCell(manager, SANNE, f.competencyName)).textContent()).toMatch(/^✓Geldig, tot \w+ \d{1,2} \w+ \d{4}$/)
		const xlsx = await download(manager, manager.getByRole('link', { name: 'Excel (XLSX)' }))
		const workbook = new ExcelJS.Workbook()
		await workbook.xlsx.load(xlsx as unknown as ArrayBuffer)
		const rows = workbook.worksheets[0]!.getSheetValues().slice(1).map((values) => (values as unknown[]).slice(1).map((cell) => String(cell ?? '')))
		expect(rows[0]).toEqual(['Medewerker', 'Functie', f.competencyName])
		expect(rows.find((cells) => cells[0] === SANNE)![2]).toMatch(/^Geldig \(\w+ \d{1,2} \w+ \d{4}\)$/)
		const csv = (await download(manager, manager.getByRole('link', { name: 'CSV' }))).toString('utf8')
		expect(csv.startsWith(`\uFEFFMedewerker;Functie;${f.competencyName}`)).toBe(true)
	})

	test('a red dot on a person’s page suggests the course to their manager, and lets a coordinator add them to its next session', async () => {
		const f = await plant()
		const todoName = `Wat ${SANNE} kan doen voor ${f.competencyName}`
		const addLink = new RegExp(`^${SANNE} aanmelden voor de uitvoering van `)

		// Her manager sees what she can do, but runs no sessions: no link to add her.
		const manager = await e2e.newPage()
		await signInAs(manager, MARK, { returnTo: `/paspoorten/medewerker/${f.sanneId}` })
		const managerTodo = manager.getByRole('region', { name: todoName })
		await managerTodo.getByRole('link', { name: `Bekijken: ${f.courseTitle}` }).waitFor()
		expect(await managerTodo.getByRole('link', { name: addLink }).count()).toBe(0)

		// The coordinator of the course's unit adds her to its next session from her passport page.
		const coordinator = await e2e.newPage()
		await signInAs(coordinator, FATIMA, { returnTo: `/paspoorten/medewerker/${f.sanneId}` })
		await expectAccessible(coordinator)
		await coordinator.getByRole('region', { name: todoName }).getByRole('link', { name: addLink }).click()
		await coordinator.getByRole('heading', { level: 1, name: 'Deelnemer toevoegen' }).waitFor()
		await coordinator.getByRole('button', { name: `Toevoegen: ${SANNE}` }).click()
		await coordinator.getByText(`${SANNE} is ingeschreven en krijgt een bevestiging per e-mail.`).waitFor()
		const enrolments = await e2e.owner.db
			.select({ status: schema.enrolments.status })
			.from(schema.enrolments)
			.where(and(eq(schema.enrolments.sessionId, f.sessionId), eq(schema.enrolments.userId, f.sanneId)))
		expect(enrolments).toEqual([{ status: 'enrolled' }])
	})

	test('the coordinator’s unit matrix counts per competency and filters from a count; the concern sees counts, not people', async () => {
		const coordinator = await e2e.newPage()
		await signInAs(coordinator, FATIMA, { returnTo: '/paspoorten' })
		await coordinator.getByText('De bekwaamheden van alle medewerkers van uw organisatieonderdeel').waitFor()
		const counts = coordinator.getByRole('table', { name: 'Aantal medewerkers per stand, per bekwaamheid' })
		// The seed's evidence makes every colour occur in RVO.
		const redLink = counts.getByRole('link', { name: /^\d+ medewerkers met Ontbreekt of verlopen voor / }).first()
		const label = (await redLink.getAttribute('aria-label'))!
		const [, count = '', competency = ''] = /^(\d+) medewerkers met Ontbreekt of verlopen voor (.+) tonen$/.exec(label)!
		await redLink.click()
		await coordinator.waitForURL(/stand=red/)
		await coordinator.getByRole('status').filter({ hasText: new RegExp(`^${count} medewerker`) }).waitFor()
		expect(await coordinator.getByRole('columnheader').allTextContents()).toContain(competency)
		await expectAccessible(coordinator)

		const admin = await e2e.newPage()
		await signInAs(admin, ELS)
		await openAdministrationTask(admin, 'Paspoorten concern')
		await admin.getByRole('heading', { level: 1, name: 'Kwaliteitspaspoorten in het concern' }).waitFor()
		const units = admin.getByRole('region', { name: 'Stand per organisatieonderdeel en bekwaamheid' })
		expect(await units.getByRole('row').count()).toBe(10)
		expect(await admin.locator('main').textContent()).not.toContain(SANNE)
		await admin.getByLabel('Organisatieonderdeel', { exact: true }).selectOption({ label: 'Rijksdienst voor Ondernemend Nederland' })
		await admin.getByRole('button', { name: 'Filter toepassen' }).click()
		await admin.waitForURL(/eenheid=/)
		await admin.getByRole('region', { name: 'Stand per bekwaamheid' }).getByRole('row', { name: new RegExp(`^${competency.replace(/[()]/g, '\\$&')} `) }).waitFor()
		await expectAccessible(admin)
		await admin.setViewportSize({ width: 320, height: 800 })
		expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
	})

	test('the coordinator imports history from a CSV: checked row by row, nothing stored until imported, then stored once', async () => {
		const sanne = DEMO_PERSONAS.find((persona) => persona.key === 'rvo-employee')!
		const lotte = DEMO_PERSONAS.find((persona) => persona.key === 'nvwa-employee')!
		const coordinator = await e2e.newPage()
		await signInAs(coordinator, FATIMA, { returnTo: '/paspoorten' })
		await coordinator.getByRole('link', { name: 'Bewijs importeren' }).click()
		await coordinator.getByRole('heading', { level: 1, name: 'Bewijs importeren' }).waitFor()
		// Nothing chosen or pasted: said beside the field.
		await coordinator.getByRole('button', { name: 'Controleren' }).click()
		await coordinator.getByText('Kies een CSV-bestand of plak de regels: er staat nog niets in.').first().waitFor()
		expect(await coordinator.getByLabel('Of plak de regels hier').getAttribute('aria-invalid')).toBe('true')
		await expectAccessible(coordinator)

		const csv = ['medewerker;bekwaamheid;datum', `${sanne.employeeNumber};Omgaan met agressie;1-3-2024`, `${lotte.employeeNumber};Omgaan met agressie;1-3-2024`, `${sanne.employeeNumber};Omgaan met agressie;31-2-2024`].join('\n')
		await coordinator.getByLabel('Of plak de regels hier').fill(csv)
		await coordinator.getByRole('button', { name: 'Controleren' }).click()
		await coordinator.getByRole('status').filter({ hasText: 'Gecontroleerd: 1 regels kunnen worden geïmporteerd, 2 worden overgeslagen.' }).waitFor()
		const results = coordinator.getByRole('region', { name: 'Uitkomst per regel' })
		await results.getByRole('row', { name: /^3 .* Geen medewerker van uw organisatieonderdeel$/ }).waitFor()
		await results.getByRole('row', { name: /^4 .* Geen geldige datum$/ }).waitFor()
		await results.getByRole('row', { name: new RegExp(`^2 ${SANNE} Omgaan met agressie .* Wordt geïmporteerd$`) }).waitFor()
		expect(await coordinator.locator('main').textContent()).not.toContain('Lotte van Dijk')
		await expectAccessible(coordinator)
		await coordinator.setViewportSize({ width: 320, height: 800 })
		expect(await coordinator.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
		await coordinator.setViewportSize({ width: 1280, height: 800 })

		await coordinator.getByRole('button', { name: '1 regel importeren' }).click()
		await coordinator.getByRole('status').filter({ hasText: '1 bewijs geïmporteerd; de paspoorten zijn bijgewerkt.' }).waitFor()
		const [sanneUser] = await e2e.owner.db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, sanne.email))
		const imported = await e2e.owner.db.select().from(schema.passportEvidence).where(and(eq(schema.passportEvidence.userId, sanneUser!.id), eq(schema.passportEvidence.sourceKind, 'import'), eq(schema.passportEvidence.sourceRef, 'csv:2024-03-01')))
		expect(imported).toHaveLength(1)
	})
})
