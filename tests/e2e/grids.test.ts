import { randomBytes } from 'node:crypto'
import { and, eq, inArray, sql } from 'drizzle-orm'
import { selectRows, type Database } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { testDrivers } from '@leerplein/db/testing'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, test } from 'vitest'
import { accessibleAt320 } from '../support/browser.ts'
import { accessibilityViolations, FATIMA, PETER, signInAs, useE2E } from '../support/e2e.ts'
import { pollUntil } from '../support/poll.ts'

// Issue 14, participant work that scales: the approvals inbox, the unit's courses and its
// sessions as grids the database filters, sorts and pages; select all that match, a preview of
// the budget effect, and a bulk decision over hundreds of requests in which one failing row is
// named and the rest is saved. PostgreSQL, so the test can plant rows and read what was saved.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

const REQUESTS = 320
const PRICE_CENTS = 12_500 // 320 × € 125 = € 40.000

describe.each(drivers)('grids and bulk decisions on %s', (driver) => {
	// A portal of its own: this file decides hundreds of RVO requests that other files do not expect decided.
	// Its job worker runs in the portal process (as on PGlite), so a bulk decision of more than 25 goes through the job (ADR 038).
	const e2e = useE2E({ driver, owner: true, own: true, env: { JOBS_IN_PROCESS: 'true', JOB_POLL_SECONDS: '0.5' } })
	const { owner } = e2e
	let f: Awaited<ReturnType<typeof plant>>

	beforeAll(async () => {
		f = await plant(owner.db)
	}, 120_000)

	const statuses = async (ids: readonly string[]) => {
		const rows = await owner.db.select({ id: schema.enrolments.id, status: schema.enrolments.status }).from(schema.enrolments).where(inArray(schema.enrolments.id, [...ids]))
		return new Map(rows.map((row) => [row.id, row.status]))
	}
	/** Elements that stick out to the right of a narrow window (outside a region that scrolls on its own): none. */
	const overflowing = (page: Page) =>
		page.evaluate(() =>
			Array.from(document.querySelectorAll('body *'))
				.filter((element) => !element.closest('.table-scroll') && element.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
				.map((element) => `${element.tagName.toLowerCase()}.${element.className}#${element.id}`),
		)
	async function expectAccessible(page: Page) {
		expect(await accessibilityViolations(page)).toEqual([])
	}
	/** Filters the inbox on the planted course, through the filter form. */
	async function filterOnCourse(page: Page, title: string) {
		await page.getByRole('combobox', { name: 'Opleiding' }).selectOption({ label: title })
		await page.getByRole('button', { name: 'Filter toepassen' }).click()
		await page.waitForURL((url) => url.searchParams.get('opleiding') !== null)
	}

	test(`a coordinator approves all ${REQUESTS} matching requests at once after seeing the budget effect; two that fail meanwhile are named, the rest is saved`, async () => {
		const fatima = await e2e.newPage()
		await signInAs(fatima, FATIMA, { returnTo: '/goedkeuringen' })
		await filterOnCourse(fatima, f.approveCourse.title)
		await fatima.getByRole('status').filter({ hasText: `${REQUESTS} aanvragen wachten op een beslissing.` }).waitFor()
		const grid = fatima.getByRole('table', { name: 'Aanvragen die op een beslissing wachten' })
		expect(await grid.locator('tbody tr').count()).toBe(50)
		// The age of each request: the planted ones have waited 10 to 19 days.
		expect(await grid.locator('tbody tr').first().textContent()).toMatch(/1\d dagen/)
		await fatima.getByText(`Pagina 1 van ${Math.ceil(REQUESTS / 50)}`).waitFor()
		await expectAccessible(fatima)

		await fatima.getByRole('checkbox', { name: `Alle ${REQUESTS} aanvragen selecteren die aan het filter voldoen` }).check()
		await fatima.getByRole('status').filter({ hasText: `Alle ${REQUESTS} aanvragen die aan het filter voldoen zijn geselecteerd.` }).waitFor()
		await fatima.getByRole('button', { name: 'Goedkeuren' }).click()

		// The preview: nothing changed yet, what it commits per budget, and the total.
		const preview = fatima.getByRole('region', { name: 'Controleer voordat u goedkeurt' })
		await preview.waitFor()
		const text = async (locator: ReturnType<Page['locator']>) => (await locator.textContent())!.replace(/\s+/g, ' ')
		expect(await text(preview.locator('p').first())).toBe(`${REQUESTS} aanvragen worden goedgekeurd; samen € 40.000,00 uit de leerbudgetten.`)
		const budgets = preview.getByRole('table', { name: 'Effect op de leerbudgetten' })
		expect(await budgets.locator('tbody tr').count()).toBe(REQUESTS)
		// The tightest budget first: the employee who had spent € 1.400 of € 1.500 goes over.
		const tightest = budgets.locator('tbody tr').first()
		expect(await tightest.getByRole('rowheader').textContent()).toBe(f.spender.name)
		expect(await text(tightest)).toContain('€ -25,00 (boven budget)')
		expect([...(await statuses(f.approveIds)).values()].every((status) => status === 'awaiting_approval')).toBe(true)
		await expectAccessible(fatima)

		// Meanwhile: one employee cancels their request, and the provider cancels one session.
		await owner.db.update(schema.enrolments).set({ status: 'cancelled' }).where(eq(schema.enrolments.id, f.cancelledMeanwhile.id))
		await owner.db.update(schema.sessions).set({ status: 'cancelled', cancelledAt: new Date(), cancellationReason: 'Trainer ziek' }).where(eq(schema.sessions.id, f.sessionCancelledMeanwhile))

		await preview.getByRole('button', { name: `Ja, ${REQUESTS} aanvragen goedkeuren` }).click()
		// Too many to decide while she waits: a job decides them, and its page shows how far it got,
		// asking again by itself every two seconds (JavaScript) until the outcome is there.
		await fatima.waitForURL(/\/goedkeuringen\/verwerking\/[0-9a-f-]{36}$/, { timeout: 120_000 })
		await fatima.getByRole('heading', { level: 1, name: 'Aanvragen goedkeuren' }).waitFor()
		await fatima.getByRole('heading', { name: `Klaar: ${REQUESTS} van ${REQUESTS} aanvragen verwerkt.` }).waitFor({ timeout: 240_000 })
		await fatima.getByRole('status').filter({ hasText: `${REQUESTS - 2} aanvragen verwerkt.` }).waitFor()
		const alert = fatima.getByRole('alert').filter({ hasText: '2 aanvragen zijn niet verwerkt; de andere zijn opgeslagen.' })
		await alert.waitFor()
		expect(await alert.getByRole('listitem').allTextContents()).toEqual(
			expect.arrayContaining([expect.stringContaining(`Niet verwerkt: ${f.cancelledMeanwhile.name} (${f.approveCourse.title})`), expect.stringContaining(`Niet verwerkt: ${f.inCancelledSession.name} (${f.approveCourse.title})`)]),
		)
		// The report per row: every request, each with its outcome.
		await fatima.getByText(`Resultaat per aanvraag (${REQUESTS})`).click()
		const report = fatima.getByRole('table', { name: 'Resultaat per aanvraag' })
		expect(await report.locator('tbody tr').count()).toBe(REQUESTS)
		expect(await report.getByRole('row').filter({ hasText: f.spender.name }).textContent()).toContain('Ingeschreven')
		await accessibleAt320(fatima)

		// What was saved: everyone else is enrolled with their budget committed; the two failures are untouched.
		const after = await statuses(f.approveIds)
		expect(after.get(f.cancelledMeanwhile.id)).toBe('cancelled')
		expect(after.get(f.inCancelledSession.id)).toBe('awaiting_approval')
		const enrolled = f.approveIds.filter((id) => after.get(id) === 'enrolled')
		expect(enrolled.length).toBe(REQUESTS - 2)
		const ledger = await owner.db
			.select({ amountCents: schema.budgetLedger.amountCents })
			.from(schema.budgetLedger)
			.where(and(inArray(schema.budgetLedger.enrolmentId, f.approveIds), eq(schema.budgetLedger.kind, 'commit')))
		expect(ledger.length).toBe(REQUESTS - 2)
		expect(ledger.reduce((sum, row) => sum + row.amountCents, 0)).toBe((REQUESTS - 2) * PRICE_CENTS)
		// The inbox now holds only the request whose session was cancelled.
		await fatima.getByRole('link', { name: 'Terug naar de aanvragen' }).click()
		// The inbox keeps a link to the batch's outcome.
		await fatima.getByText('Uw laatste verwerkingen (1)').click()
		await fatima.getByRole('link', { name: new RegExp(`^${REQUESTS} aanvragen goedkeuren, gestart op `) }).waitFor()
		await filterOnCourse(fatima, f.approveCourse.title)
		await fatima.getByRole('status').filter({ hasText: '1 aanvraag wacht op een beslissing.' }).waitFor()
	}, 300_000)

	test('declining all matching requests takes one reason, shown before the click; without a reason nothing happens; without JavaScript the progress page is refreshed by its link', async () => {
		const fatima = await e2e.newPage()
		await signInAs(fatima, FATIMA, { returnTo: '/goedkeuringen' })
		await filterOnCourse(fatima, f.declineCourse.title)
		await fatima.getByRole('status').filter({ hasText: `${f.declineIds.length} aanvragen wachten op een beslissing.` }).waitFor()
		await fatima.getByRole('checkbox', { name: `Alle ${f.declineIds.length} aanvragen selecteren die aan het filter voldoen` }).check()
		await fatima.getByRole('button', { name: 'Afwijzen' }).click()
		await fatima.getByRole('alert').filter({ hasText: 'Geef een reden op waarom u afwijst' }).first().waitFor()
		await fatima.getByRole('textbox', { name: 'Reden van afwijzing (verplicht bij afwijzen)' }).fill('Geen plaats in het opleidingsplan dit jaar')
		await fatima.getByRole('button', { name: 'Afwijzen' }).click()
		const preview = fatima.getByRole('region', { name: 'Controleer voordat u afwijst' })
		await preview.getByText(`${f.declineIds.length} aanvragen worden afgewezen met deze reden: Geen plaats in het opleidingsplan dit jaar`).waitFor()
		await expectAccessible(fatima)
		await preview.getByRole('button', { name: `Ja, ${f.declineIds.length} aanvragen afwijzen` }).click()
		await fatima.waitForURL(/\/goedkeuringen\/verwerking\/[0-9a-f-]{36}$/, { timeout: 120_000 })
		await fatima.getByText('Reden van afwijzing: Geen plaats in het opleidingsplan dit jaar').waitFor()
		// The page as it first shows (queued or running, unless the worker was quicker), at 1280 and 320 pixels.
		await accessibleAt320(fatima)
		// The same page without JavaScript (where axe cannot run): nothing asks by itself, "Vernieuwen" asks again until the outcome is there.
		const plain = await e2e.newPage({ javaScriptEnabled: false })
		await signInAs(plain, FATIMA, { returnTo: new URL(fatima.url()).pathname })
		await plain.getByText('Reden van afwijzing: Geen plaats in het opleidingsplan dit jaar').waitFor()
		const done = plain.getByRole('heading', { name: `Klaar: ${f.declineIds.length} van ${f.declineIds.length} aanvragen verwerkt.` })
		await pollUntil(
			async () => {
				if (await done.isVisible()) return true
				await plain.getByRole('link', { name: 'Vernieuwen' }).click()
				await plain.waitForLoadState()
				return false
			},
			{ timeoutMs: 120_000, intervalMs: 250, message: 'the bulk decline did not finish' },
		)
		await plain.getByRole('status').filter({ hasText: `${f.declineIds.length} aanvragen verwerkt.` }).waitFor()
		// With JavaScript the page asked by itself.
		await fatima.getByRole('heading', { name: `Klaar: ${f.declineIds.length} van ${f.declineIds.length} aanvragen verwerkt.` }).waitFor({ timeout: 60_000 })
		await accessibleAt320(fatima)
		const rows = await owner.db.select({ status: schema.enrolments.status, note: schema.enrolments.decisionNote }).from(schema.enrolments).where(inArray(schema.enrolments.id, f.declineIds))
		expect(rows.every((row) => row.status === 'declined' && row.note === 'Geen plaats in het opleidingsplan dit jaar')).toBe(true)
	}, 180_000)

	test("the grids filter, sort and page on the server, with the keyboard, at 320 pixels, and match the database's counts", async () => {
		const fatima = await e2e.newPage({ viewport: { width: 320, height: 800 } })
		await signInAs(fatima, FATIMA, { returnTo: `/uitvoeringen?q=${encodeURIComponent(f.approveCourse.title)}&van=` })
		const expectedSessions = Number((await selectRows<{ n: string }>(owner.db, sql`select count(*) as n from sessions where course_id = ${f.approveCourse.id}`))[0]!.n)
		await fatima.getByRole('status').filter({ hasText: `${expectedSessions} uitvoeringen.` }).waitFor()
		const sessions = fatima.getByRole('table', { name: 'Uitvoeringen van uw organisatieonderdeel' })
		// The page does not scroll sideways at 320 px; the table scrolls inside its own region.
		expect(await overflowing(fatima)).toEqual([])
		expect(await fatima.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
		await expectAccessible(fatima)
		// Sorting with the keyboard: a header is a button; Enter sorts, again turns it round.
		const taken = sessions.getByRole('button', { name: /^Bezet/ })
		await taken.focus()
		await fatima.keyboard.press('Enter')
		await fatima.waitForURL((url) => url.searchParams.get('sorteer') === 'taken')
		await sessions.locator('th[aria-sort="ascending"]', { hasText: 'Bezet' }).waitFor()
		await sessions.getByRole('button', { name: /^Bezet/ }).focus()
		await fatima.keyboard.press('Enter')
		await fatima.waitForURL((url) => url.searchParams.get('sorteer') === '-taken')
		await sessions.locator('th[aria-sort="descending"]', { hasText: 'Bezet' }).waitFor()
		const counts = (await sessions.locator('tbody tr td:nth-child(6)').allTextContents()).map(Number)
		expect(counts).toEqual([...counts].sort((a, b) => b - a))
		// The cancelled session, by the status filter; the filters stay in the URL.
		await fatima.getByRole('combobox', { name: 'Stand' }).selectOption('cancelled')
		await fatima.getByRole('button', { name: 'Filter toepassen' }).click()
		await fatima.waitForURL((url) => url.searchParams.get('stand') === 'cancelled' && url.searchParams.get('sorteer') === '-taken')
		await fatima.getByRole('status').filter({ hasText: '1 uitvoering.' }).waitFor()
		await expectAccessible(fatima)

		// The unit's courses: a title search and a form, against a direct count.
		const [rvo] = await owner.db.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
		const [published] = await selectRows<{ n: string }>(owner.db, sql`select count(*) as n from courses where provider_tenant_id = ${rvo!.id} and status = 'published' and form = 'classroom'`)
		await fatima.goto('/beheer/cursussen?status=published&vorm=classroom')
		await fatima.getByRole('status').filter({ hasText: new RegExp(`^${published!.n} cursussen$`) }).waitFor()
		await fatima.getByRole('searchbox', { name: 'Zoek in de titel' }).fill('(e2e grids)')
		await fatima.getByRole('searchbox', { name: 'Zoek in de titel' }).press('Enter')
		await fatima.getByRole('status').filter({ hasText: /^2 cursussen$/ }).waitFor()
		expect(await overflowing(fatima)).toEqual([])
		expect(await fatima.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
		await expectAccessible(fatima)
		// Without JavaScript the same URL gives the same page (the state is all in the query string).
		const plain = await e2e.newPage({ javaScriptEnabled: false })
		await signInAs(plain, FATIMA, { returnTo: '/beheer/cursussen?q=%28e2e+grids%29&sorteer=-title' })
		await plain.getByRole('status').filter({ hasText: /^2 cursussen$/ }).waitFor()
		expect(await plain.getByRole('table', { name: 'Cursussen van uw organisatieonderdeel' }).locator('th[aria-sort="descending"]').textContent()).toContain('Titel')
	}, 180_000)

	test("another unit's coordinator never selects or decides these requests, even with the ids forged into the form", async () => {
		const peter = await e2e.newPage()
		await signInAs(peter, PETER, { returnTo: `/goedkeuringen?opleiding=${f.approveCourse.id}` })
		await peter.getByRole('status').filter({ hasText: /^0 aanvragen wachten/ }).waitFor()
		const cookie = await e2e.sessionCookie('nvwa-coordinator')
		const post = (form: Record<string, string | string[]>) => {
			const body = new URLSearchParams()
			for (const [key, value] of Object.entries(form)) for (const one of [value].flat()) body.append(key, one)
			return fetch(new URL('/goedkeuringen', e2e.portal.url), { method: 'POST', body, headers: { cookie, origin: e2e.portal.url }, redirect: 'manual' })
		}
		const target = f.inCancelledSession.id
		const forged: Record<string, string | string[]>[] = [
			{ intent: 'preview-approve', ids: target },
			{ intent: 'approve', ids: [target, f.declineIds[0]!] },
			{ intent: 'decline', ids: target, reason: 'Overgenomen door een ander onderdeel' },
		]
		for (const form of forged) {
			const response = await post(form)
			expect(response.status, JSON.stringify(form)).toBe(404)
			expect(await response.text()).not.toContain(f.inCancelledSession.name)
		}
		// "All that match" with a filter naming RVO's course selects nothing in NVWA's inbox.
		const all = await post({ intent: 'preview-approve', alles: 'ja', filter: `opleiding=${f.approveCourse.id}` })
		expect(all.status).toBe(400)
		expect(await all.text()).toContain('Kies ten minste één aanvraag.')
		expect((await statuses([target])).get(target)).toBe('awaiting_approval')
	}, 60_000)

	// Last in the file: it adds a batch to Fatima's latest batches, which the first test counts.
	test('a batch whose job was given up on says so, names the requests it never reached and sends the coordinator back to the inbox', async () => {
		// What the dead-letter worker leaves (app/features/enrolment/bulk-decision-job.test.ts runs it against pg-boss):
		// the first request decided, the other two marked as not reached.
		const [fatimaUser] = await owner.db.select({ id: schema.users.id, tenantId: schema.users.tenantId }).from(schema.users).where(eq(schema.users.name, FATIMA))
		const reached = [f.declineIds.at(-1)!, f.declineIds.at(-2)!, f.declineIds.at(-3)!]
		const now = new Date()
		const [batch] = await owner.db
			.insert(schema.bulkJobs)
			.values({ tenantId: fatimaUser!.tenantId, requestedBy: fatimaUser!.id, kind: 'approve', status: 'failed', total: 3, requestedAt: now, startedAt: now, finishedAt: now })
			.returning({ id: schema.bulkJobs.id })
		await owner.db.insert(schema.bulkJobRows).values(
			reached.map((enrolmentId, index) => ({
				jobId: batch!.id,
				position: index + 1,
				tenantId: fatimaUser!.tenantId,
				requestedBy: fatimaUser!.id,
				enrolmentId,
				employeeName: `Persoon ${index + 1}`,
				courseTitle: f.declineCourse.title,
				result: index === 0 ? ('ok' as const) : ('failed' as const),
				outcome: index === 0 ? 'enrolled' : 'BULK_JOB_ABORTED',
				doneAt: now,
			})),
		)
		const fatima = await e2e.newPage()
		await signInAs(fatima, FATIMA, { returnTo: `/goedkeuringen/verwerking/${batch!.id}` })
		await fatima.getByRole('heading', { level: 2, name: 'Afgebroken: 1 van 3 aanvragen verwerkt.' }).waitFor()
		await fatima.getByText('2 aanvragen zijn niet aan de beurt gekomen; die staan nog in de lijst').waitFor()
		// Nothing asks again by itself, and no progress bar or refresh link: it has ended.
		expect(await fatima.getByRole('progressbar').count()).toBe(0)
		expect(await fatima.getByRole('link', { name: 'Vernieuwen' }).count()).toBe(0)
		await fatima.getByText('Resultaat per aanvraag (3)').click()
		const report = fatima.getByRole('table', { name: 'Resultaat per aanvraag' })
		expect(await report.getByRole('row').filter({ hasText: 'Persoon 2' }).textContent()).toContain(
			'Niet verwerkt: De verwerking is afgebroken voordat deze aanvraag aan de beurt was; ze staat nog in de lijst.',
		)
		await accessibleAt320(fatima)
		await fatima.getByRole('link', { name: 'Naar de aanvragen die nog wachten' }).click()
		await fatima.waitForURL((url) => url.pathname === '/goedkeuringen')
		await fatima.getByRole('heading', { level: 1 }).waitFor()
	}, 60_000)
})

/**
 * Two RVO courses (in RVO's own catalogue), a few sessions ahead, and REQUESTS + 30 RVO
 * employees without a manager (so the unit's coordinator decides), each with one request
 * awaiting approval that has waited 10 to 19 days. One employee has almost spent their budget.
 */
async function plant(db: Database) {
	const suffix = randomBytes(3).toString('hex')
	const [rvo] = await db.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
	const tenantId = rvo!.id
	const course = async (title: string) =>
		(
			await db
				.insert(schema.courses)
				.values({ providerTenantId: tenantId, title, summary: 'Voor de e2e-test.', description: 'Voor de e2e-test.', form: 'classroom', durationMinutes: 240, status: 'published', visibility: 'concern', priceCents: PRICE_CENTS })
				.returning({ id: schema.courses.id, title: schema.courses.title })
		)[0]!
	const approveCourse = await course(`Samenwerken in de keten ${suffix} (e2e grids)`)
	const declineCourse = await course(`Presenteren met impact ${suffix} (e2e grids)`)
	const day = 86_400_000
	const start = Date.now() + 45 * day
	const sessionRows = await db
		.insert(schema.sessions)
		.values([
			...Array.from({ length: 4 }, (_, i) => ({ tenantId, courseId: approveCourse.id, startsAt: new Date(start + i * day), endsAt: new Date(start + i * day + 4 * 3_600_000), capacity: 100 })),
			{ tenantId, courseId: approveCourse.id, startsAt: new Date(start + 10 * day), endsAt: new Date(start + 10 * day + 4 * 3_600_000), capacity: 10 },
			{ tenantId, courseId: declineCourse.id, startsAt: new Date(start + 12 * day), endsAt: new Date(start + 12 * day + 4 * 3_600_000), capacity: 40 },
		])
		.returning({ id: schema.sessions.id })
	const [s1, s2, s3, s4, lonely, declineSession] = sessionRows.map((row) => row.id) as [string, string, string, string, string, string]
	const people = await db
		.insert(schema.users)
		.values(Array.from({ length: REQUESTS + 30 }, (_, i) => ({ tenantId, employeeNumber: `grid-${suffix}-${i}`, name: `Bulk ${String(i).padStart(3, '0')} ${suffix}`, email: `bulk-${suffix}-${i}@test.rijksoverheid.nl`, costCentre: 'KP-100' })))
		.returning({ id: schema.users.id, name: schema.users.name })
	const approveSessions = [s1, s2, s3, s4]
	const requests = await db
		.insert(schema.enrolments)
		.values(
			people.map((person, i) => ({
				tenantId,
				userId: person.id,
				sessionId: i < REQUESTS ? (i === REQUESTS - 1 ? lonely : approveSessions[i % 4]!) : declineSession,
				status: 'awaiting_approval' as const,
				approvalStep: 'manager' as const,
				approvalReason: 'unit_always' as const,
				priceCents: PRICE_CENTS,
				requestedAt: new Date(Date.now() - (10 + (i % 10)) * day),
			})),
		)
		.returning({ id: schema.enrolments.id, userId: schema.enrolments.userId })
	const nameOf = (userId: string) => people.find((person) => person.id === userId)!.name
	const approve = requests.slice(0, REQUESTS)
	// The employee who has spent € 1.400 of their budget this year: approving € 125 leaves -€ 25.
	const spender = approve[5]!
	const year = Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(new Date(start)))
	const [earlier] = await db.insert(schema.enrolments).values({ tenantId, userId: spender.userId, sessionId: lonely, status: 'completed', priceCents: 140_000 }).returning({ id: schema.enrolments.id })
	await db.insert(schema.budgetLedger).values({ tenantId, userId: spender.userId, enrolmentId: earlier!.id, year, kind: 'commit', amountCents: 140_000 })
	// RVO's budget and rule as the seed has them decide whether the spender goes over; make them known.
	const [unit] = await db.select({ po: schema.tenants.poOverrides }).from(schema.tenants).where(and(eq(schema.tenants.id, tenantId)))
	await db
		.update(schema.tenants)
		.set({ poOverrides: { ...(unit!.po as object), yearlyBudgetCents: 150_000, budgetExceeded: 'allow' } })
		.where(eq(schema.tenants.id, tenantId))
	return {
		approveCourse,
		declineCourse,
		approveIds: approve.map((row) => row.id),
		declineIds: requests.slice(REQUESTS).map((row) => row.id),
		spender: { id: spender.id, name: nameOf(spender.userId) },
		cancelledMeanwhile: { id: approve[7]!.id, name: nameOf(approve[7]!.userId) },
		inCancelledSession: { id: approve[REQUESTS - 1]!.id, name: nameOf(approve[REQUESTS - 1]!.userId) },
		sessionCancelledMeanwhile: lonely,
	}
}
