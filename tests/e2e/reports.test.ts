import { readFile } from 'node:fs/promises'
import { and, eq, inArray, sql } from 'drizzle-orm'
import { selectRows } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { testDrivers } from '@leerplein/db/testing'
import ExcelJS from 'exceljs'
import { strFromU8, unzipSync } from 'fflate'
import type { Locator, Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { accessibilityViolations, accessibleAt320, ELS, FATIMA, PETER, signInAs, useE2E } from '../support/e2e.ts'
import { openAdministrationTask } from '../support/navigation.ts'

// Issue 18, item 4, in Chromium (ADR 043): RVO's coordinator opens the unit's report from the
// menu; its figures equal a direct count in the database, the course filter narrows it to a
// course planted with known statuses, a month that is not one is refused beside its field, and
// each table's CSV, XLSX and ODS hold exactly the cells the page shows. NVWA's coordinator cannot
// reach RVO's course through the filter or the export. Axe clean at 1280 and 320 px.
// PostgreSQL, so the test can plant sessions in the past as the owner.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')
const TITLE = 'Rapporteren zonder kleur (rapportage-e2e)'
const PERIOD = 'van=2024-03&tot=2024-05'

async function download(page: Page, link: Locator): Promise<Buffer> {
	const [file] = await Promise.all([page.waitForEvent('download'), link.click()])
	return readFile((await file.path())!)
}

/** The cells of a table on the page, header first, as text. */
async function pageCells(table: Locator): Promise<string[][]> {
	return table.locator('tr').evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll('th, td'), (cell) => (cell.textContent ?? '').trim())))
}

/** RFC 4180 with semicolons and a byte-order mark, as the portal writes it. */
function csvCells(text: string): string[][] {
	const rows: string[][] = []
	let row: string[] = []
	let cell = ''
	let quoted = false
	const body = text.replace(/^\uFEFF/, '')
	for (let k = 0; k < body.length; k++) {
		const char = body[k]!
		if (quoted) {
			if (char === '"' && body[k + 1] === '"') {
				cell += '"'
				k++
			} else if (char === '"') quoted = false
			else cell += char
		} else if (char === '"') quoted = true
		else if (char === ';') {
			row.push(cell)
			cell = ''
		} else if (char === '\r' && body[k + 1] === '\n') {
			row.push(cell)
			rows.push(row)
			row = []
			cell = ''
			k++
		} else cell += char
	}
	if (cell !== '' || row.length > 0) {
		row.push(cell)
		rows.push(row)
	}
	return rows
}

async function xlsxCells(file: Buffer): Promise<string[][]> {
	const workbook = new ExcelJS.Workbook()
	await workbook.xlsx.load(file as unknown as ArrayBuffer)
	const rows: string[][] = []
	workbook.worksheets[0]!.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1).map((value) => String(value ?? ''))))
	return rows
}

/** An OpenDocument spreadsheet read back by hand: the zip's parts, then the first sheet's rows of text cells. */
function odsCells(file: Buffer): { mimetypeFirst: boolean; mimetype: string; rows: string[][] } {
	const parts = unzipSync(new Uint8Array(file))
	const content = strFromU8(parts['content.xml']!)
	const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')
	const rows = [...content.matchAll(/<table:table-row>(.*?)<\/table:table-row>/g)].map((row) => [...row[1]!.matchAll(/<text:p>(.*?)<\/text:p>/g)].map((cell) => unescape(cell[1]!)))
	return { mimetypeFirst: Object.keys(parts)[0] === 'mimetype', mimetype: strFromU8(parts.mimetype!), rows }
}

describe.each(drivers)('reports, on %s', (driver) => {
	const e2e = useE2E({ driver, owner: true })
	const { owner } = e2e

	async function plant() {
		const [rvo] = await owner.db.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
		const people = await owner.db.select({ id: schema.users.id }).from(schema.users).where(and(eq(schema.users.tenantId, rvo!.id), eq(schema.users.active, true))).limit(6)
		const [course] = await owner.db
			.insert(schema.courses)
			.values({ providerTenantId: rvo!.id, title: TITLE, summary: 'Samenvatting', description: 'Beschrijving', form: 'classroom', durationMinutes: 180, status: 'published', visibility: 'concern' })
			.returning({ id: schema.courses.id })
		const startsAt = new Date('2024-03-12T09:00:00Z')
		const [session] = await owner.db
			.insert(schema.sessions)
			.values({ tenantId: rvo!.id, courseId: course!.id, startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3_600_000), capacity: 12 })
			.returning({ id: schema.sessions.id })
		const statuses = ['completed', 'attended', 'no_show', 'cancelled', 'waitlisted'] as const
		await owner.db.insert(schema.enrolments).values(
			statuses.map((status, k) => ({
				tenantId: rvo!.id,
				sessionId: session!.id,
				userId: people[k]!.id,
				status,
				queueNumber: k + 1,
				// Cancelled two days before the start: late under any unit's free period of more than two days.
				updatedAt: status === 'cancelled' ? new Date('2024-03-10T09:00:00Z') : startsAt,
			})),
		)
		return { rvo: rvo!.id, courseId: course!.id }
	}

	/** What the database holds for RVO's sessions starting March–May 2024 (Amsterdam), counted directly as the owner. */
	async function directCount(rvo: string) {
		const [row] = await selectRows<{ participants: number; completed: number; no_shows: number; waiting: number }>(
			owner.db,
			sql`select count(*) filter (where e.status in ('enrolled', 'attended', 'no_show', 'completed'))::int as participants,
					count(*) filter (where e.status in ('attended', 'completed'))::int as completed,
					count(*) filter (where e.status = 'no_show')::int as no_shows,
					count(*) filter (where e.status = 'waitlisted')::int as waiting
				from enrolments e join sessions s on s.id = e.session_id
				where s.tenant_id = ${rvo} and s.status = 'planned'
					and s.starts_at >= timestamp '2024-03-01' at time zone 'Europe/Amsterdam' and s.starts_at < timestamp '2024-06-01' at time zone 'Europe/Amsterdam'`,
		)
		return row!
	}

	test('RVO’s coordinator: figures as the database counts them, filters, a refused month, and three files with the page’s cells', async () => {
		const { rvo, courseId } = await plant()
		const page = await e2e.newPage({ viewport: { width: 1280, height: 800 } })
		await signInAs(page, FATIMA)
		await openAdministrationTask(page, 'Rapportages')
		await page.getByRole('heading', { level: 1, name: 'Rapportage' }).waitFor()
		expect(await page.getByRole('img', { name: /Deelname per maand/ }).count()).toBe(1)
		await accessibleAt320(page)

		// The period by the form, with the keyboard: the totals equal a direct count.
		await page.goto(`/beheer/rapportages?${PERIOD}`)
		const months = page.locator('table[data-report-table="maanden"]')
		const monthCells = await pageCells(months)
		const direct = await directCount(rvo)
		const total = monthCells.at(-1)!
		expect(total.slice(0, 4)).toEqual(['Totaal', String(direct.participants), String(direct.completed), String(direct.no_shows)])
		expect(total[6]).toBe(String(direct.waiting))
		expect(monthCells.slice(1, -1).map((row) => row[0])).toEqual(['2024-03', '2024-04', '2024-05'])
		await accessibleAt320(page)

		// One course by the filter form: exactly the planted statuses.
		await page.getByLabel('Opleiding', { exact: true }).selectOption({ label: TITLE })
		await page.getByRole('button', { name: 'Toon' }).press('Enter')
		await page.waitForURL((url) => url.searchParams.get('opleiding') === courseId)
		const courses = page.locator('table[data-report-table="opleidingen"]')
		const courseCells = await pageCells(courses)
		expect(courseCells.slice(1)).toEqual([[TITLE, '3', '2', '1', '1', '1', '1', '66,7', '33,3', '0', '', '']])

		// Each table's three files hold the page's cells.
		for (const table of ['opleidingen', 'maanden', 'budget'] as const) {
			const cells = await pageCells(page.locator(`table[data-report-table="${table}"]`))
			const label = { opleidingen: 'Per opleiding', maanden: 'Deelname per maand', budget: 'Budget' }[table]
			expect(csvCells((await download(page, page.getByRole('link', { name: `${label} als CSV` }))).toString('utf8'))).toEqual(cells)
			expect(await xlsxCells(await download(page, page.getByRole('link', { name: `${label} als XLSX` })))).toEqual(cells)
			const ods = odsCells(await download(page, page.getByRole('link', { name: `${label} als ODS` })))
			expect(ods).toEqual({ mimetypeFirst: true, mimetype: 'application/vnd.oasis.opendocument.spreadsheet', rows: cells })
		}

		// A month that is not one: 400, the error beside the field, the rest of the form kept.
		const refused = await page.goto(`/beheer/rapportages?van=2024-13&tot=2024-05&opleiding=${courseId}`)
		expect(refused!.status()).toBe(400)
		const from = page.getByLabel('Van maand', { exact: true })
		expect(await from.getAttribute('aria-invalid')).toBe('true')
		expect(await page.locator(`#${(await from.getAttribute('aria-describedby'))!.split(' ').at(-1)}`).textContent()).toBe('Vul een maand in als jjjj-mm, bijvoorbeeld 2026-01.')
		expect(await accessibilityViolations(page)).toEqual([])
	})

	test('NVWA’s coordinator reaches none of RVO’s report; the concern administrator has no unit report', async () => {
		const [rvo] = await owner.db.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
		const [course] = await owner.db.select({ id: schema.courses.id }).from(schema.courses).where(and(eq(schema.courses.title, TITLE), inArray(schema.courses.providerTenantId, [rvo!.id])))
		const page = await e2e.newPage({ viewport: { width: 1280, height: 800 } })
		await signInAs(page, PETER)
		const asked = await page.goto(`/beheer/rapportages?${PERIOD}&opleiding=${course!.id}`)
		expect(asked!.status()).toBe(400)
		await page.getByText('Kies een opleiding uit de lijst.').waitFor()
		expect(await page.getByText(TITLE).count()).toBe(0)
		const unfiltered = await page.goto(`/beheer/rapportages?${PERIOD}`)
		expect(unfiltered!.status()).toBe(200)
		expect(await page.getByText(TITLE).count()).toBe(0)
		const file = await page.request.get(`/beheer/rapportages/export?${PERIOD}&opleiding=${course!.id}&tabel=opleidingen&formaat=csv`)
		expect(file.status()).toBe(400)
		expect(await file.text()).not.toContain(TITLE)

		const admin = await e2e.newPage({ viewport: { width: 1280, height: 800 } })
		await signInAs(admin, ELS)
		expect((await admin.goto('/beheer/rapportages'))!.status()).toBe(403)
		await admin.goto('/beheer')
		expect(await admin.getByRole('main').getByRole('link', { name: 'Rapportages', exact: true }).count()).toBe(0)
	})

	test('the concern administrator: every unit side by side, RVO’s row as the database counts it, no course named, three files with the page’s cells', async () => {
		const [rvo] = await owner.db.select({ id: schema.tenants.id, name: schema.tenants.name }).from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
		const page = await e2e.newPage({ viewport: { width: 1280, height: 800 } })
		await signInAs(page, ELS)
		await openAdministrationTask(page, 'Rapportage concern')
		await page.getByRole('heading', { level: 1, name: 'Rapportage van het concern' }).waitFor()
		expect(await page.getByRole('img', { name: /Per organisatieonderdeel/ }).count()).toBe(1)
		await accessibleAt320(page)

		await page.getByLabel('Van maand', { exact: true }).fill('2024-03')
		await page.getByLabel('Tot en met maand', { exact: true }).fill('2024-05')
		await page.getByRole('button', { name: 'Toon' }).press('Enter')
		await page.waitForURL((url) => url.searchParams.get('van') === '2024-03')
		const cells = await pageCells(page.locator('table[data-report-table="onderdelen"]'))
		expect(cells.length).toBe(1 + 9 + 1)
		const direct = await directCount(rvo!.id)
		const row = cells.find((cell) => cell[0] === rvo!.name)!
		expect(row.slice(1, 4)).toEqual([String(direct.participants), String(direct.completed), String(direct.no_shows)])
		expect(row[6]).toBe(String(direct.waiting))
		expect(await page.getByText(TITLE).count()).toBe(0)
		await accessibleAt320(page)

		expect(csvCells((await download(page, page.getByRole('link', { name: 'Per organisatieonderdeel als CSV' }))).toString('utf8'))).toEqual(cells)
		expect(await xlsxCells(await download(page, page.getByRole('link', { name: 'Per organisatieonderdeel als XLSX' })))).toEqual(cells)
		expect(odsCells(await download(page, page.getByRole('link', { name: 'Per organisatieonderdeel als ODS' }))).rows).toEqual(cells)

		const refused = await page.goto('/beheer/rapportages/concern?van=2024-05&tot=2024-03')
		expect(refused!.status()).toBe(400)
		expect(await page.getByLabel('Tot en met maand', { exact: true }).getAttribute('aria-invalid')).toBe('true')
	})
})
