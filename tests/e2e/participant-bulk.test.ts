import { and, eq, inArray, ne, sql } from 'drizzle-orm'
import { randomBytes } from 'node:crypto'
import { selectRows, type Database } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { testDrivers } from '@leerplein/db/testing'
import { amsterdamInstant, amsterdamWallClock } from '@leerplein/domain'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, test } from 'vitest'
import { accessibilityViolations, FATIMA, signInAs, useE2E } from '../support/e2e.ts'

// Issue 14 item 6, bulk actions on a session's participants, in Chromium: an RVO coordinator
// ticks two of three participants by keyboard at 320 px, is refused without a reason (beside the
// field, nothing changes), previews who is cancelled, cancels them with one reason and reads the
// outcome per person; then mails the third, one queued mail naming the session, and moves them
// to a later session after a preview that says they get a seat there. PostgreSQL: the
// test plants and reads rows.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

const DAY_MS = 86_400_000
const dayAhead = (days: number) => amsterdamWallClock(new Date(Date.now() + days * DAY_MS)).date

/** An RVO course with a session 52 days ahead with three colleagues enrolled, and one a week later to move to. Written as the owner. */
async function plant(owner: Database) {
	const suffix = randomBytes(3).toString('hex')
	const [rvo] = await owner.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
	const [theme] = await owner.select({ id: schema.themes.id }).from(schema.themes).limit(1)
	const tenantId = rvo!.id
	const [course] = await owner
		.insert(schema.courses)
		.values({ providerTenantId: tenantId, themeId: theme!.id, title: `Samen afzeggen ${suffix}`, summary: 'Een ochtend.', description: 'Een opleiding met veel deelnemers.', form: 'classroom', durationMinutes: 60, status: 'published', visibility: 'concern', priceCents: 0 })
		.returning({ id: schema.courses.id, title: schema.courses.title })
	const [location] = await owner.insert(schema.locations).values({ tenantId, name: `RVO Bulklocatie ${suffix}`, address: 'Prinses Beatrixlaan 2', city: 'Den Haag' }).returning({ id: schema.locations.id })
	const startsAt = amsterdamInstant(dayAhead(52), '07:00')
	const [session] = await owner
		.insert(schema.sessions)
		.values({ tenantId, courseId: course!.id, startsAt, endsAt: new Date(startsAt.getTime() + 50 * 60_000), locationId: location!.id, capacity: 10 })
		.returning({ id: schema.sessions.id })
	const laterStart = amsterdamInstant(dayAhead(59), '07:00')
	const [later] = await owner
		.insert(schema.sessions)
		.values({ tenantId, courseId: course!.id, startsAt: laterStart, endsAt: new Date(laterStart.getTime() + 50 * 60_000), locationId: location!.id, capacity: 10 })
		.returning({ id: schema.sessions.id })
	const [fatima] = await owner.select({ id: schema.users.id }).from(schema.users).where(and(eq(schema.users.tenantId, tenantId), eq(schema.users.name, FATIMA)))
	const colleagues = await owner
		.select({ id: schema.users.id, name: schema.users.name })
		.from(schema.users)
		.where(and(eq(schema.users.tenantId, tenantId), eq(schema.users.active, true), ne(schema.users.id, fatima!.id)))
		.orderBy(schema.users.name)
		.limit(3)
	let queue = 910_000_000
	const people = []
	for (const colleague of colleagues) {
		const [row] = await owner.insert(schema.enrolments).values({ tenantId, sessionId: session!.id, userId: colleague.id, status: 'enrolled', queueNumber: ++queue }).returning({ id: schema.enrolments.id })
		people.push({ ...colleague, enrolmentId: row!.id })
	}
	return { course: course!, sessionId: session!.id, laterId: later!.id, people }
}

describe.each(drivers)('bulk actions on a session’s participants on %s', (driver) => {
	const e2e = useE2E({ driver, owner: true })
	let f: Awaited<ReturnType<typeof plant>>

	beforeAll(async () => {
		f = await plant(e2e.owner.db)
	})

	async function expectAccessible(page: Page) {
		expect(await accessibilityViolations(page)).toEqual([])
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
	}
	const statuses = async () =>
		new Map(
			(await e2e.owner.db.select({ id: schema.enrolments.id, status: schema.enrolments.status }).from(schema.enrolments).where(inArray(schema.enrolments.id, f.people.map((p) => p.enrolmentId)))).map((row) => [
				row.id,
				row.status,
			]),
		)

	test('a coordinator ticks two participants by keyboard at 320 px, previews, cancels them with one reason and reads the outcome per person; then mails and moves the third', async () => {
		const [first, second, third] = f.people as [(typeof f.people)[number], (typeof f.people)[number], (typeof f.people)[number]]
		const page = await e2e.newPage()
		await page.setViewportSize({ width: 320, height: 800 })
		await signInAs(page, FATIMA, { returnTo: `/uitvoeringen/${f.sessionId}` })
		await page.getByRole('heading', { name: 'Met de gekozen mensen' }).waitFor()
		await expectAccessible(page)

		// Two ticked by keyboard: each checkbox is named after its person.
		for (const person of [first, second]) {
			await page.getByRole('checkbox', { name: `Kies ${person.name}` }).focus()
			await page.keyboard.press('Space')
		}
		await page.getByRole('status').filter({ hasText: '2 mensen gekozen.' }).waitFor()

		// Without a reason: refused beside the field, nothing changes, the ticks stay.
		await page.getByRole('button', { name: 'Bekijk de annulering' }).click()
		await page.getByText('Geef een reden op waarom u deze inschrijving annuleert').first().waitFor()
		expect(await page.getByLabel('Reden van annuleren').getAttribute('aria-invalid')).toBe('true')
		expect([...(await statuses()).values()]).toEqual(['enrolled', 'enrolled', 'enrolled'])

		// With one reason, by keyboard: the preview says how many and who; nothing changed yet.
		await page.getByLabel('Reden van annuleren').fill('De zaal is niet beschikbaar.')
		await page.getByRole('button', { name: 'Bekijk de annulering' }).focus()
		await page.keyboard.press('Enter')
		const preview = page.getByRole('region', { name: 'Wat annuleren doet' })
		await preview.getByText('2 inschrijvingen worden geannuleerd met de reden: De zaal is niet beschikbaar.').waitFor()
		const named = await preview.getByRole('listitem').allTextContents()
		expect(named.map((text) => text.split(' (')[0]).sort()).toEqual([first.name, second.name].sort())
		await expectAccessible(page)
		expect([...(await statuses()).values()]).toEqual(['enrolled', 'enrolled', 'enrolled'])

		await preview.getByRole('button', { name: 'Ja, 2 inschrijvingen annuleren' }).focus()
		await page.keyboard.press('Enter')
		await page.getByRole('status').filter({ hasText: '2 inschrijvingen geannuleerd' }).waitFor()
		await page.getByText('Uitkomst per persoon (2)').click()
		const results = page.getByRole('table', { name: 'Uitkomst per persoon' })
		for (const person of [first, second]) expect(await results.getByRole('row', { name: person.name }).textContent()).toContain('Gelukt')
		await expectAccessible(page)
		const after = await statuses()
		expect([after.get(first.enrolmentId), after.get(second.enrolmentId), after.get(third.enrolmentId)]).toEqual(['cancelled', 'cancelled', 'enrolled'])

		// The third is mailed: a subject and a message, one queued mail, its text in the job.
		await page.getByRole('checkbox', { name: `Kies ${third.name}` }).check()
		await page.getByLabel('Onderwerp').fill('Nieuwe zaal')
		await page.getByLabel('Bericht', { exact: true }).fill('We zoeken een nieuwe zaal en laten het u weten.')
		await page.getByRole('button', { name: 'Mail versturen' }).click()
		await page.getByRole('status').filter({ hasText: 'Mail aan 1 persoon staat klaar om te versturen.' }).waitFor()
		await expectAccessible(page)
		const jobs = await selectRows<{ subject: string; enrolment: string }>(
			e2e.owner.db,
			sql`select data->>'subject' as subject, data->>'enrolmentId' as enrolment from pgboss.job where name = 'mail' and data->>'kind' = 'participant_message' and data->>'enrolmentId' in (${sql.join(f.people.map((p) => sql`${p.enrolmentId}`), sql`, `)})`,
		)
		expect(jobs).toEqual([{ subject: 'Nieuwe zaal', enrolment: third.enrolmentId }])

		// The third is moved a week later: the preview says they get a seat there.
		await page.getByRole('checkbox', { name: `Kies ${third.name}` }).check()
		await page.getByLabel('Doeluitvoering').selectOption(f.laterId)
		await page.getByRole('button', { name: 'Bekijk de verplaatsing' }).click()
		const move = page.getByRole('region', { name: 'Wat verplaatsen doet' })
		await move.getByText('Vrije plaatsen daar: 10. Een plaats krijgen: 1; op de wachtlijst komen (op volgorde van aanmelding): 0.').waitFor()
		// Per person, by the move's own rule, before the click.
		await move.getByRole('listitem').filter({ hasText: third.name }).filter({ hasText: 'krijgt een plaats' }).waitFor()
		await expectAccessible(page)
		await move.getByRole('button', { name: 'Ja, 1 persoon verplaatsen' }).click()
		await page.getByRole('status').filter({ hasText: '1 persoon verplaatst' }).waitFor()
		const [moved] = await e2e.owner.db.select({ sessionId: schema.enrolments.sessionId, status: schema.enrolments.status }).from(schema.enrolments).where(eq(schema.enrolments.id, third.enrolmentId))
		expect(moved).toEqual({ sessionId: f.laterId, status: 'enrolled' })
	}, 120_000)
})
