import { randomUUID } from 'node:crypto'
import { and, eq, ne } from 'drizzle-orm'
import { schema } from '@leerplein/db/schema'
import { testDrivers } from '@leerplein/db/testing'
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { accessibilityViolations, FATIMA, SANNE, signInAs, useE2E } from '../support/e2e.ts'

// Issue 21, item 1, in Chromium (ADR 047): Fatima, coordinator of RVO, imports a deck for one of
// RVO's courses — a file with a bad row is refused whole, with the row named — and the deck turns
// active at five questions. Sanne completes the course and practises at /oefenen without
// JavaScript: one tap per question, right or wrong with the explanation at once, her retention per
// course. Every state passes axe at 1280 and 320 px without sideways scrolling. PostgreSQL, so the
// test can plant the course as the owner.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')
// The portal may be shared between runs: a title of this run's own, so Sanne's cards of an earlier run do not count.
const TITLE = `Bezwaarschriften behandelen (oefen-e2e ${randomUUID().slice(0, 8)})`
const HEADER = 'soort;vraag;optie1;optie2;optie3;juist;uitleg'
const TITLE_PATTERN = TITLE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

async function fitsIn320(page: Page) {
	await page.setViewportSize({ width: 320, height: 800 })
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
	expect(await accessibilityViolations(page)).toEqual([])
	await page.setViewportSize({ width: 1280, height: 800 })
}

describe.each(drivers)('practice questions, on %s', (driver) => {
	const e2e = useE2E({ driver, owner: true })
	const { owner } = e2e

	test('Fatima imports a deck, a bad file saving nothing; Sanne practises it without JavaScript', async () => {
		const [rvo] = await owner.db.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
		const [sanne] = await owner.db.select({ id: schema.users.id }).from(schema.users).where(and(eq(schema.users.tenantId, rvo!.id), eq(schema.users.name, SANNE)))
		const [course] = await owner.db
			.insert(schema.courses)
			.values({ providerTenantId: rvo!.id, title: TITLE, summary: 'Samenvatting', description: 'Beschrijving', form: 'elearning', durationMinutes: 60, status: 'published', visibility: 'concern' })
			.returning({ id: schema.courses.id })

		const admin = await e2e.newPage({ viewport: { width: 1280, height: 800 } })
		admin.setDefaultTimeout(20_000)
		await signInAs(admin, FATIMA)
		await admin.goto(`/beheer/cursussen/${course!.id}/vragen`)
		await admin.getByRole('heading', { level: 1, name: `Oefenvragen: ${TITLE}` }).waitFor()
		await admin.getByText(/Deze vragenset is niet actief: er zijn 0 vragen/).waitFor()
		expect(await accessibilityViolations(admin)).toEqual([])
		await fitsIn320(admin)

		const file = (rows: string[]) => ({ name: 'vragen.csv', mimeType: 'text/csv', buffer: Buffer.from([HEADER, ...rows].join('\n')) })
		const good = [1, 2, 3, 4].map((n) => `meerkeuze;Hoeveel weken is de termijn ${n}?;Vier;Zes;Acht;2;Zes weken, artikel 6:7 Awb.`)
		await admin.getByLabel('CSV-bestand', { exact: true }).setInputFiles(file([...good, 'meerkeuze;Zonder juist antwoord;Ja;Nee;;;Uitleg']))
		await admin.getByRole('button', { name: 'Vragen importeren' }).click()
		await admin.getByRole('heading', { name: 'Fouten in het bestand' }).waitFor()
		await admin.getByRole('cell', { name: 'Kies welk antwoord juist is (precies één, en niet een leeg antwoord).' }).waitFor()
		expect(await accessibilityViolations(admin)).toEqual([])
		await fitsIn320(admin)
		expect(await owner.db.select().from(schema.practiceQuestions).where(eq(schema.practiceQuestions.courseId, course!.id))).toEqual([])

		await admin.getByLabel('CSV-bestand', { exact: true }).setInputFiles(file([...good, 'juist/onjuist;Een bezwaar mag per e-mail.;;;;juist;Ja, als het bestuursorgaan die weg heeft geopend.']))
		await admin.getByRole('button', { name: 'Vragen importeren' }).click()
		await admin.getByText('5 vragen geïmporteerd.').waitFor()
		await admin.getByText('Deze vragenset is actief: wie de opleiding afrondt, krijgt de vragen.').waitFor()
		expect(await accessibilityViolations(admin)).toEqual([])
		await fitsIn320(admin)

		// Sanne completes the course (as a Moodle score would): her cards are made, due at once.
		const startsAt = new Date(Date.now() - 2 * 86_400_000)
		const [session] = await owner.db
			.insert(schema.sessions)
			.values({ tenantId: rvo!.id, courseId: course!.id, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), capacity: 12 })
			.returning({ id: schema.sessions.id })
		const [enrolment] = await owner.db.insert(schema.enrolments).values({ tenantId: rvo!.id, sessionId: session!.id, userId: sanne!.id, status: 'enrolled', queueNumber: 1 }).returning({ id: schema.enrolments.id })
		await owner.db.update(schema.enrolments).set({ status: 'completed' }).where(eq(schema.enrolments.id, enrolment!.id))
		// A portal shared with other tests may hold Sanne's cards of other courses, due earlier: they go, so this course's are the session's.
		await owner.db.delete(schema.practiceCards).where(and(eq(schema.practiceCards.userId, sanne!.id), ne(schema.practiceCards.courseId, course!.id)))

		// Without JavaScript every answer is a plain form post: Sanne answers the first question so.
		const plain = await e2e.newPage({ viewport: { width: 360, height: 800 }, javaScriptEnabled: false })
		plain.setDefaultTimeout(20_000)
		await signInAs(plain, SANNE)
		await plain.goto('/oefenen')
		await plain.getByText(/Er staan \d+ vragen voor u klaar\./).waitFor()
		await plain.getByRole('group', { name: new RegExp(`– ${TITLE_PATTERN}$`) }).first().getByRole('button', { name: 'Zes' }).click()
		await plain.getByRole('heading', { level: 2, name: 'Goed!' }).waitFor()
		await plain.getByText('Zes weken, artikel 6:7 Awb.').waitFor()
		await plain.getByText(/^Deze vraag komt terug op /).waitFor()
		await plain.getByText(/U weet naar schatting \d+% nog\./).waitFor()

		// The same page with JavaScript, checked by axe (which needs it) at 1280 and 320.
		const page = await e2e.newPage({ viewport: { width: 1280, height: 800 } })
		page.setDefaultTimeout(20_000)
		await signInAs(page, SANNE)
		await page.goto('/oefenen')
		await page.getByRole('heading', { level: 1, name: 'Oefenen' }).waitFor()
		await page.getByText(/Er staan \d+ vragen voor u klaar\./).waitFor()
		expect(await page.getByRole('group', { name: new RegExp(`– ${TITLE_PATTERN}$`) }).count()).toBe(4)
		expect(await accessibilityViolations(page)).toEqual([])
		await fitsIn320(page)

		const next = page.getByRole('group', { name: new RegExp(`– ${TITLE_PATTERN}$`) }).first()
		await next.getByRole('button', { name: 'Acht' }).click()
		await page.getByRole('heading', { level: 2, name: 'Niet goed.' }).waitFor()
		await page.getByText('Het juiste antwoord: Zes').waitFor()
		await page.getByText('Zes weken, artikel 6:7 Awb.').waitFor()
		expect(await accessibilityViolations(page)).toEqual([])
		await fitsIn320(page)
		expect(await owner.db.select().from(schema.practiceReviews).where(eq(schema.practiceReviews.courseId, course!.id))).toHaveLength(2)

		// Opting out of the course hides its questions; back in brings them back.
		await page.getByRole('button', { name: `Niet meer oefenen: ${TITLE}` }).click()
		await page.getByText('Uw keuze voor deze opleiding is opgeslagen.').waitFor()
		await page.getByText('U oefent deze opleiding niet.').waitFor()
		expect(await page.getByRole('group', { name: new RegExp(TITLE_PATTERN) }).count()).toBe(0)
		expect(await accessibilityViolations(page)).toEqual([])
		await page.getByRole('button', { name: `Weer oefenen: ${TITLE}` }).click()
		await page.getByRole('group', { name: new RegExp(`– ${TITLE_PATTERN}$`) }).first().waitFor()
	}, 180_000)
})
