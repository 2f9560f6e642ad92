import { readFile } from 'node:fs/promises'
import { eq } from 'drizzle-orm'
import { schema } from '@leerplein/db/schema'
import { testDrivers } from '@leerplein/db/testing'
import ExcelJS from 'exceljs'
import type { Locator, Page } from 'playwright-core'
import { beforeAll, describe, expect, test } from 'vitest'
import { accessibilityViolations, accessibleAt320, ELS, FATIMA, PETER, SANNE, signInAs, useE2E } from '../support/e2e.ts'
import { openAdministrationTask } from '../support/navigation.ts'

// Issue 22, item 2, in Chromium (ADR 049): RVO's coordinator opens the audit trail from the menu,
// narrows it with the no-JS filter form, reads an admin change as before and after, pages with the
// keyset links and downloads the rows as CSV and XLSX; a day that is none is refused beside its
// field. NVWA's rows never appear for RVO; the concern administrator reads both units; an employee
// gets 403. Axe clean at 1280 and 320 px. PostgreSQL, so the test can plant rows as the owner.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')
const RVO_OBJECT = 'logboek-e2e-rvo'
const NVWA_OBJECT = 'logboek-e2e-nvwa'
const NVWA_MARKER = 'Geheime regel van de NVWA (logboek-e2e)'

async function download(page: Page, link: Locator): Promise<Buffer> {
	const [file] = await Promise.all([page.waitForEvent('download'), link.click()])
	return readFile((await file.path())!)
}

describe.each(drivers)('the audit trail, on %s', (driver) => {
	const e2e = useE2E({ driver, owner: true })
	const { owner } = e2e

	beforeAll(async () => {
		const units = await owner.db.select({ id: schema.tenants.id, slug: schema.tenants.slug }).from(schema.tenants)
		const idOf = (slug: string) => units.find((unit) => unit.slug === slug)!.id
		const [fatima] = await owner.db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.name, FATIMA))
		const [peter] = await owner.db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.name, PETER))
		await owner.db.insert(schema.auditLog).values([
			{
				tenantId: idOf('rvo'),
				actorUserId: fatima!.id,
				action: 'tenant.rules.update',
				objectType: 'tenant',
				objectId: RVO_OBJECT,
				result: 'success',
				before: { freeCancellationDays: 14, approval: 'manager' },
				after: { freeCancellationDays: 7, approval: 'manager' },
			},
			{ tenantId: idOf('nvwa'), actorUserId: peter!.id, action: 'tenant.rules.update', objectType: 'tenant', objectId: NVWA_OBJECT, result: 'success', before: { note: 'oud' }, after: { note: NVWA_MARKER } },
			// Sixty rows of one kind, so the trail has a second page.
			...Array.from({ length: 60 }, (_, k) => ({
				at: new Date(Date.UTC(2025, 0, 1, 9, k)),
				tenantId: idOf('rvo'),
				actorUserId: fatima!.id,
				action: 'session.edit',
				objectType: 'logboek_e2e_paging',
				objectId: `paging-${String(k).padStart(2, '0')}`,
				result: 'success' as const,
			})),
		])
	})

	test('RVO’s coordinator: from the menu, filtered by the form, a change read before and after, both files', async () => {
		const page = await e2e.newPage({ viewport: { width: 1280, height: 800 } })
		await signInAs(page, FATIMA)
		await openAdministrationTask(page, 'Logboek')
		await page.getByRole('heading', { level: 1, name: 'Logboek' }).waitFor()
		// Her own sign-in is the newest row.
		await page.getByRole('heading', { level: 3, name: /^Ingelogd/ }).first().waitFor()
		expect(await page.getByText(NVWA_MARKER).count()).toBe(0)
		await accessibleAt320(page)

		// The object by the form, with the keyboard.
		await page.getByLabel('Object-id', { exact: true }).fill(RVO_OBJECT)
		await page.getByLabel('Object-id', { exact: true }).press('Enter')
		await page.waitForURL((url) => url.searchParams.get('object') === RVO_OBJECT)
		const rows = page.locator('.audit-row')
		// The address changes as the new rows arrive; the list follows a moment later.
		await expect.poll(() => rows.count()).toBe(1)
		await rows.getByRole('heading', { name: 'Regels van het onderdeel gewijzigd (Gelukt)' }).waitFor()
		expect(await rows.getByText(FATIMA).count()).toBe(1)
		// Only the changed field, before and after.
		await rows.locator('summary', { hasText: 'Wat veranderde (1)' }).click()
		const changes = rows.getByRole('table')
		const cells = await changes.locator('tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('th, td'), (cell) => (cell.textContent ?? '').trim())))
		expect(cells).toEqual([
			['Veld', 'Voor', 'Na'],
			['freeCancellationDays', '14', '7'],
		])
		await accessibleAt320(page)

		// The same row in both files.
		const csv = (await download(page, page.getByRole('link', { name: 'Deze regels als CSV' }))).toString('utf8')
		const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n')
		expect(lines[0]).toBe('Tijdstip;Onderdeel;Wie;E-mail;Actie;Actiecode;Soort object;Object-id;Resultaat;Aantal;Wijzigingen')
		expect(lines.slice(1).join('\n')).toContain(`Regels van het onderdeel gewijzigd;tenant.rules.update;tenant;${RVO_OBJECT};Gelukt;1;freeCancellationDays: 14 → 7`)
		const workbook = new ExcelJS.Workbook()
		await workbook.xlsx.load((await download(page, page.getByRole('link', { name: 'Deze regels als XLSX' }))) as unknown as ArrayBuffer)
		const sheet = workbook.worksheets[0]!
		expect(sheet.rowCount).toBe(2)
		expect(sheet.getRow(2).getCell(8).value).toBe(RVO_OBJECT)
		expect(sheet.getRow(2).getCell(11).value).toBe('freeCancellationDays: 14 → 7')

		// A day that is none: 400, the error beside the field, the rest of the form kept.
		const refused = await page.goto(`/beheer/logboek?van=2025-02-30&object=${RVO_OBJECT}`)
		expect(refused!.status()).toBe(400)
		const from = page.getByLabel('Van dag', { exact: true })
		expect(await from.getAttribute('aria-invalid')).toBe('true')
		expect(await page.locator(`#${(await from.getAttribute('aria-describedby'))!.split(' ').at(-1)}`).textContent()).toBe('Vul een dag in als jjjj-mm-dd, bijvoorbeeld 2026-12-01.')
		expect(await page.getByLabel('Object-id', { exact: true }).inputValue()).toBe(RVO_OBJECT)
		expect(await accessibilityViolations(page)).toEqual([])
	})

	test('paging: fifty rows, then the older ten, then back to the newest; nothing twice, nothing left out', async () => {
		const page = await e2e.newPage({ viewport: { width: 1280, height: 800 } })
		await signInAs(page, FATIMA)
		await page.goto('/beheer/logboek?objecttype=logboek_e2e_paging')
		const ids = () => page.locator('.audit-row code.audit-row__id').allTextContents()
		const first = await ids()
		expect(first).toHaveLength(50)
		await page.getByRole('link', { name: 'Oudere regels' }).click()
		await page.waitForURL((url) => url.searchParams.has('na'))
		await expect.poll(async () => (await ids()).length).toBe(10)
		const second = await ids()
		expect(await page.getByRole('link', { name: 'Oudere regels' }).count()).toBe(0)
		expect([...first, ...second].map((id) => id.trim())).toEqual(Array.from({ length: 60 }, (_, k) => `paging-${String(59 - k).padStart(2, '0')}`))
		await page.getByRole('link', { name: 'Nieuwste regels' }).click()
		await page.waitForURL((url) => !url.searchParams.has('na') && url.searchParams.get('objecttype') === 'logboek_e2e_paging')
		await expect.poll(ids).toEqual(first)
		await accessibleAt320(page)
	})

	test('NVWA’s rows stay NVWA’s: RVO never sees them, whatever the URL; the concern administrator sees both units; an employee gets 403', async () => {
		const units = await owner.db.select({ id: schema.tenants.id, slug: schema.tenants.slug }).from(schema.tenants)
		const nvwa = units.find((unit) => unit.slug === 'nvwa')!.id
		const fatima = await e2e.newPage({ viewport: { width: 1280, height: 800 } })
		await signInAs(fatima, FATIMA)
		for (const path of [`/beheer/logboek?onderdeel=${nvwa}`, `/beheer/logboek?object=${NVWA_OBJECT}`, `/beheer/logboek/export?formaat=csv&onderdeel=${nvwa}`]) {
			const response = await fatima.request.get(path)
			expect(response.status(), path).toBe(200)
			expect(await response.text(), path).not.toContain(NVWA_MARKER)
		}

		const peter = await e2e.newPage({ viewport: { width: 1280, height: 800 } })
		await signInAs(peter, PETER)
		await peter.goto(`/beheer/logboek?object=${NVWA_OBJECT}`)
		await peter.locator('summary', { hasText: 'Wat veranderde (1)' }).click()
		await peter.getByText(NVWA_MARKER).waitFor()

		const els = await e2e.newPage({ viewport: { width: 1280, height: 800 } })
		await signInAs(els, ELS)
		await openAdministrationTask(els, 'Logboek')
		await els.getByRole('heading', { level: 1, name: 'Logboek' }).waitFor()
		await els.getByLabel('Soort object', { exact: true }).fill('tenant')
		await els.getByLabel('Organisatieonderdeel', { exact: true }).selectOption({ value: nvwa })
		await els.getByRole('button', { name: 'Toon' }).press('Enter')
		await els.waitForURL((url) => url.searchParams.get('onderdeel') === nvwa)
		await expect.poll(() => els.locator('.audit-row').getByText(RVO_OBJECT).count()).toBe(0)
		expect(await els.locator('.audit-row').getByText(NVWA_OBJECT).count()).toBe(1)
		await els.goto('/beheer/logboek?objecttype=tenant')
		expect(await els.locator('.audit-row').getByText(RVO_OBJECT).count()).toBe(1)
		expect(await els.locator('.audit-row').getByText(NVWA_OBJECT).count()).toBe(1)
		await accessibleAt320(els)

		const sanne = await e2e.newPage({ viewport: { width: 1280, height: 800 } })
		await signInAs(sanne, SANNE)
		expect((await sanne.goto('/beheer/logboek'))!.status()).toBe(403)
		expect(await sanne.getByRole('link', { name: 'Logboek' }).count()).toBe(0)
	})
})
