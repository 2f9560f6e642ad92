import { and, eq, inArray, sql } from 'drizzle-orm'
import { randomBytes } from 'node:crypto'
import { selectRows, type Database } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { testDrivers } from '@leerplein/db/testing'
import { amsterdamInstant, amsterdamWallClock } from '@leerplein/domain'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, test } from 'vitest'
import { accessibilityViolations, FATIMA, signInAs, useE2E } from '../support/e2e.ts'

// Issue 14 item 6, "select all that match" on a session's participant list, in Chromium at 320 px:
// a session with 103 participants (more than the list's page of 100) and 2 on the waitlist.
// Without JavaScript an RVO coordinator selects all 105 with the form's own checkbox and previews a
// cancellation that names all 105 (nothing changes), then searches the waitlist's two and mails
// exactly them. With JavaScript the same coordinator searches ten people, selects all that match
// (the rows show ticked), previews and cancels exactly those ten. PostgreSQL: the test plants and
// reads rows.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

const DAY_MS = 86_400_000
const dayAhead = (days: number) => amsterdamWallClock(new Date(Date.now() + days * DAY_MS)).date
const ENROLLED = 103

/** An RVO course with one session 53 days ahead: 103 new RVO employees enrolled (full), 2 waiting. Written as the owner. */
async function plant(owner: Database) {
	const suffix = randomBytes(3).toString('hex')
	const [rvo] = await owner.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
	const [theme] = await owner.select({ id: schema.themes.id }).from(schema.themes).limit(1)
	const tenantId = rvo!.id
	const [course] = await owner
		.insert(schema.courses)
		.values({ providerTenantId: tenantId, themeId: theme!.id, title: `Alles kiezen ${suffix}`, summary: 'Een ochtend.', description: 'Een opleiding met veel deelnemers.', form: 'classroom', durationMinutes: 60, status: 'published', visibility: 'concern', priceCents: 0 })
		.returning({ id: schema.courses.id })
	const startsAt = amsterdamInstant(dayAhead(53), '07:00')
	const [session] = await owner
		.insert(schema.sessions)
		.values({ tenantId, courseId: course!.id, startsAt, endsAt: new Date(startsAt.getTime() + 50 * 60_000), capacity: ENROLLED })
		.returning({ id: schema.sessions.id })
	const names = [...Array.from({ length: ENROLLED }, (_, index) => `Lid ${suffix} ${String(index).padStart(3, '0')}`), `Wachtende ${suffix} A`, `Wachtende ${suffix} B`]
	const users = await owner
		.insert(schema.users)
		.values(names.map((name, index) => ({ tenantId, employeeNumber: `sel-${suffix}-${index}`, name, email: `sel-${suffix}-${index}@rvo.test` })))
		.returning({ id: schema.users.id, name: schema.users.name })
	let queue = 920_000_000
	const enrolments = await owner
		.insert(schema.enrolments)
		.values(users.map((user, index) => ({ tenantId, sessionId: session!.id, userId: user.id, status: index < ENROLLED ? ('enrolled' as const) : ('waitlisted' as const), queueNumber: ++queue })))
		.returning({ id: schema.enrolments.id, userId: schema.enrolments.userId })
	const nameOf = new Map(users.map((user) => [user.id, user.name]))
	return { suffix, sessionId: session!.id, people: enrolments.map((row) => ({ enrolmentId: row.id, name: nameOf.get(row.userId)! })) }
}

describe.each(drivers)('selecting all participants that match on %s', (driver) => {
	const e2e = useE2E({ driver, owner: true })
	let f: Awaited<ReturnType<typeof plant>>

	beforeAll(async () => {
		f = await plant(e2e.owner.db)
	})

	const expectNarrow = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
	/** axe runs as a script in the page, so only where scripts run; the same states are checked with JavaScript below. */
	async function expectAccessible(page: Page) {
		expect(await accessibilityViolations(page)).toEqual([])
		await expectNarrow(page)
	}
	const statuses = async () =>
		new Map(
			(
				await e2e.owner.db
					.select({ id: schema.enrolments.id, status: schema.enrolments.status })
					.from(schema.enrolments)
					.where(and(eq(schema.enrolments.sessionId, f.sessionId), inArray(schema.enrolments.id, f.people.map((p) => p.enrolmentId))))
			).map((row) => [row.id, row.status]),
		)

	test('without JavaScript: all 105 beyond the page are previewed by name and nothing changes; the two waiting, found by a search, are mailed', async () => {
		const context = await e2e.newContext({ javaScriptEnabled: false })
		context.setDefaultTimeout(30_000)
		const page = await context.newPage()
		await page.setViewportSize({ width: 320, height: 800 })
		await signInAs(page, FATIMA, { returnTo: `/uitvoeringen/${f.sessionId}` })
		await page.getByRole('heading', { name: 'Met de gekozen mensen' }).waitFor()
		// The list shows its first 100; the form's own checkbox selects everyone.
		expect(await page.getByRole('table', { name: 'Deelnemers' }).getByRole('checkbox').count()).toBe(100)
		await expectNarrow(page)
		await page.getByRole('checkbox', { name: 'Kies alle 105 mensen op de lijst en de wachtlijst' }).check()
		await page.getByLabel('Reden van annuleren').fill('De zaal is niet beschikbaar.')
		await page.getByRole('button', { name: 'Bekijk de annulering' }).click()
		const preview = page.getByRole('region', { name: 'Wat annuleren doet' })
		await preview.getByText('105 inschrijvingen worden geannuleerd met de reden: De zaal is niet beschikbaar.').waitFor()
		const named = (await preview.getByRole('listitem').allTextContents()).map((text) => text.split(' (')[0])
		expect(named.sort()).toEqual(f.people.map((p) => p.name).sort())
		await expectNarrow(page)
		expect([...(await statuses()).values()].filter((status) => status === 'cancelled')).toEqual([])
		await preview.getByRole('link', { name: 'Terug, niets doen' }).click()

		// A search finds the two waiting; "all that match" mails exactly them.
		await page.getByRole('searchbox', { name: 'Zoek op naam of onderdeel' }).fill(`Wachtende ${f.suffix}`)
		await page.getByRole('button', { name: 'Zoeken' }).click()
		await page.getByText(`2 van de 105 mensen op de lijsten passen bij “Wachtende ${f.suffix}”.`).waitFor()
		await expectNarrow(page)
		await page.getByRole('checkbox', { name: 'Kies alle 2 mensen die bij de zoekopdracht passen' }).check()
		await page.getByLabel('Onderwerp').fill('Wachtlijst')
		await page.getByLabel('Bericht', { exact: true }).fill('U staat op de wachtlijst; we laten het u weten.')
		await page.getByRole('button', { name: 'Mail versturen' }).click()
		await page.getByRole('status').filter({ hasText: 'Mail aan 2 mensen staat klaar om te versturen.' }).waitFor()
		await expectNarrow(page)
		const waiting = f.people.slice(ENROLLED).map((p) => p.enrolmentId)
		const jobs = await selectRows<{ enrolment: string }>(
			e2e.owner.db,
			sql`select data->>'enrolmentId' as enrolment from pgboss.job where name = 'mail' and data->>'kind' = 'participant_message' and data->>'enrolmentId' in (${sql.join(
				f.people.map((p) => sql`${p.enrolmentId}`),
				sql`, `,
			)})`,
		)
		expect(jobs.map((job) => job.enrolment).sort()).toEqual([...waiting].sort())
	}, 180_000)

	test('with JavaScript: ten found by a search are all selected, previewed by name and cancelled; nobody else', async () => {
		const page = await e2e.newPage()
		await page.setViewportSize({ width: 320, height: 800 })
		await signInAs(page, FATIMA, { returnTo: `/uitvoeringen/${f.sessionId}` })
		await page.getByRole('searchbox', { name: 'Zoek op naam of onderdeel' }).fill(`Lid ${f.suffix} 00`)
		await page.getByRole('searchbox', { name: 'Zoek op naam of onderdeel' }).press('Enter')
		await page.getByText(`10 van de 105 mensen op de lijsten passen bij “Lid ${f.suffix} 00”.`).waitFor()
		await expectAccessible(page)
		await page.getByRole('checkbox', { name: 'Kies alle 10 mensen die bij de zoekopdracht passen' }).check()
		await page.getByRole('status').filter({ hasText: 'Alle 10 mensen gekozen, ook wie niet op deze pagina staat.' }).waitFor()
		const rows = page.getByRole('table', { name: 'Deelnemers' }).getByRole('checkbox')
		expect(await rows.count()).toBe(10)
		for (const box of await rows.all()) {
			expect(await box.isChecked()).toBe(true)
			expect(await box.isDisabled()).toBe(true)
		}
		await expectAccessible(page)
		await page.getByLabel('Reden van annuleren').fill('Te weinig trainers.')
		await page.getByRole('button', { name: 'Bekijk de annulering' }).click()
		const preview = page.getByRole('region', { name: 'Wat annuleren doet' })
		await preview.getByText('10 inschrijvingen worden geannuleerd met de reden: Te weinig trainers.').waitFor()
		const ten = f.people.slice(0, 10)
		expect((await preview.getByRole('listitem').allTextContents()).map((text) => text.split(' (')[0]).sort()).toEqual(ten.map((p) => p.name).sort())
		await expectAccessible(page)
		await preview.getByRole('button', { name: 'Ja, 10 inschrijvingen annuleren' }).click()
		await page.getByRole('status').filter({ hasText: '10 inschrijvingen geannuleerd' }).waitFor()
		await expectAccessible(page)
		const after = await statuses()
		const cancelled = new Set(ten.map((p) => p.enrolmentId))
		expect(f.people.filter((p) => after.get(p.enrolmentId) === 'cancelled').map((p) => p.enrolmentId).sort()).toEqual([...cancelled].sort())
		expect(f.people.filter((p) => !cancelled.has(p.enrolmentId)).every((p) => after.get(p.enrolmentId) !== 'cancelled')).toBe(true)
	}, 180_000)
})
