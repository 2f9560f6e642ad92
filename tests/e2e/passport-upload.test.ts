import { and, eq } from 'drizzle-orm'
import { recomputePassports } from '@leerplein/db/passport'
import { schema } from '@leerplein/db/schema'
import { testDrivers } from '@leerplein/db/testing'
import { addDays, amsterdamDate } from '@leerplein/domain'
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { accessibilityViolations, SANNE, signInAs, useE2E } from '../support/e2e.ts'

// A certificate sent in by the employee turns her dot green once her manager approves it (issue
// 15, item 3; ADR 031, uploads). PostgreSQL, so the test can plant a requirement as the owner.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')
const MARK = 'Mark Jansen' // manager, RVO; Sanne's manager in the demo data

async function fitsIn320(page: Page) {
	await page.setViewportSize({ width: 320, height: 800 })
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
	expect(await accessibilityViolations(page)).toEqual([])
	await page.setViewportSize({ width: 1280, height: 800 })
}

describe.each(drivers)('a certificate upload, on %s', (driver) => {
	const e2e = useE2E({ driver, owner: true })
	const { owner } = e2e
	const NAME = 'Heftruckcertificaat (e2e)'

	test('Sanne sends in a PDF (a text file named .pdf is refused beside the field, nothing stored); Mark approves it and her dot is green', async () => {
		// Plant, as the owner: everyone needs the competency, and Sanne's dot is red.
		const [competency] = await owner.db.insert(schema.competencies).values({ name: NAME, validityMonths: 24, warningDays: 60 }).returning({ id: schema.competencies.id })
		await owner.db.insert(schema.competencyRequirements).values({ tenantId: null, competencyId: competency!.id, introducedOn: '2020-01-01', graceDays: 0 })
		const [rvo] = await owner.db.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
		const [sanne] = await owner.db.select({ id: schema.users.id }).from(schema.users).where(and(eq(schema.users.tenantId, rvo!.id), eq(schema.users.name, SANNE)))
		const today = amsterdamDate(new Date())
		await recomputePassports(owner.db, { tenantId: rvo!.id, userIds: [sanne!.id], today, trigger: 'requirement' })
		// Hers for this competency only: other test files share the database and send in certificates of their own.
		const uploadsOfSanne = () =>
			owner.db
				.select({ id: schema.passportUploads.id, status: schema.passportUploads.status })
				.from(schema.passportUploads)
				.where(and(eq(schema.passportUploads.userId, sanne!.id), eq(schema.passportUploads.competencyId, competency!.id)))

		const page = await e2e.newPage()
		page.setDefaultTimeout(15_000)
		await signInAs(page, SANNE)
		await page.goto('/mijn-paspoort')
		const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: NAME }) })
		await item.getByText('Ontbreekt of verlopen').waitFor()
		await page.getByRole('link', { name: 'Certificaat toevoegen' }).click()
		await page.getByRole('heading', { level: 1, name: 'Certificaat toevoegen' }).waitFor()
		expect(await accessibilityViolations(page)).toEqual([])
		await fitsIn320(page)

		const obtainedOn = addDays(today, -10)
		await page.getByLabel('Bekwaamheid').selectOption({ label: NAME })
		await page.getByLabel('Behaald op').fill(obtainedOn)
		await page.getByLabel('Certificaat', { exact: true }).setInputFiles({ name: 'heftruck.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Dit is gewone tekst, geen PDF.\n') })
		await page.getByRole('button', { name: 'Certificaat insturen' }).click()
		const field = page.locator('.field').filter({ has: page.getByLabel('Certificaat', { exact: true }) })
		await field.getByText('Dit bestand is geen PDF, PNG of JPEG. Stuur het certificaat als PDF, PNG of JPEG in.').waitFor()
		expect(await page.getByLabel('Certificaat', { exact: true }).getAttribute('aria-invalid')).toBe('true')
		expect(await uploadsOfSanne()).toEqual([])
		expect(await accessibilityViolations(page)).toEqual([])

		await page.getByLabel('Certificaat', { exact: true }).setInputFiles({ name: 'heftruck.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') })
		// The refused form kept her choices.
		expect(await page.getByLabel('Behaald op').inputValue()).toBe(obtainedOn)
		await page.getByRole('button', { name: 'Certificaat insturen' }).click()
		await page.getByText('Uw certificaat is ingestuurd. Het telt mee zodra het is goedgekeurd.').waitFor()
		const mine = page.getByRole('region', { name: 'Mijn ingestuurde certificaten' })
		await mine.getByRole('row', { name: new RegExp(`${NAME.replace(/[()]/g, '\\$&')} .* Wacht op beoordeling`) }).waitFor()
		expect(await uploadsOfSanne()).toEqual([expect.objectContaining({ status: 'pending' })])
		await item.getByText('Ontbreekt of verlopen').waitFor()
		expect(await accessibilityViolations(page)).toEqual([])
		await fitsIn320(page)

		// Mark, her manager, approves on his page, reached from the passports.
		const markPage = await e2e.newPage()
		markPage.setDefaultTimeout(15_000)
		await signInAs(markPage, MARK)
		await markPage.goto('/paspoorten')
		await markPage.getByRole('link', { name: 'Ingestuurde certificaten beoordelen' }).click()
		await markPage.getByRole('heading', { level: 1, name: 'Certificaten beoordelen' }).waitFor()
		await markPage.getByRole('heading', { level: 2, name: `${SANNE} — ${NAME}` }).waitFor()
		expect(await accessibilityViolations(markPage)).toEqual([])
		await fitsIn320(markPage)
		// A rejection without a reason is refused beside the reason.
		await markPage.getByRole('button', { name: `Certificaat van ${SANNE} voor ${NAME} afwijzen` }).click()
		await markPage.getByText('Vul in waarom u het certificaat afwijst.').first().waitFor()
		expect((await uploadsOfSanne())[0]!.status).toBe('pending')
		await markPage.getByRole('button', { name: `Certificaat van ${SANNE} voor ${NAME} goedkeuren` }).click()
		await markPage.getByText('Het certificaat is goedgekeurd; het paspoort is bijgewerkt.').waitFor()
		expect(await uploadsOfSanne()).toEqual([expect.objectContaining({ status: 'approved' })])

		// Her passport: green, and the certificate approved.
		await page.reload()
		await item.locator('.passport-dot--green').getByText('Geldig').waitFor()
		expect(await item.locator('.passport-dot__shape').textContent()).toBe('✓')
		await mine.getByRole('row', { name: new RegExp(`${NAME.replace(/[()]/g, '\\$&')} .* Goedgekeurd`) }).waitFor()
		const trail = await owner.db.select({ action: schema.auditLog.action }).from(schema.auditLog).where(eq(schema.auditLog.objectId, (await uploadsOfSanne())[0]!.id))
		expect(trail.map((row) => row.action).sort()).toEqual(['passport_upload.approve', 'passport_upload.create'])
		// Two people, two pages, six accessibility scans.
	}, 120_000)
})
