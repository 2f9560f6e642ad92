import { readFile } from 'node:fs/promises'
import { and, eq } from 'drizzle-orm'
import { schema } from '@leerplein/db/schema'
import { FOLLOW_UP_EVALUATION } from '@leerplein/domain'
import { testDrivers } from '@leerplein/db/testing'
import type { Locator, Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { accessibilityViolations, FATIMA, SANNE, signInAs, useE2E } from '../support/e2e.ts'

// Issue 18, item 1, the follow-up in Chromium (ADR 045): RVO's coordinator sets the follow-up's
// weeks of a course by keyboard (three refused beside the field); Sanne completes it and has no
// follow-up task until the portal's clock is moved past twelve weeks; then she answers it by
// keyboard; the coordinator sees its results from the fifth response, with the response rate,
// and downloads the answers without anyone in them. Every page axe clean at 1280 and 320 px.
// PostgreSQL, so the test can plant the course and four earlier responses as the owner; a portal of
// its own, whose clock the test moves.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')
const TITLE = 'Bezwaren afhandelen (vervolg-e2e)'
const WEEK = 7 * 86_400_000

async function fitsIn320(page: Page) {
	await page.setViewportSize({ width: 320, height: 800 })
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
	expect(await accessibilityViolations(page)).toEqual([])
	await page.setViewportSize({ width: 1280, height: 800 })
}

async function download(page: Page, link: Locator): Promise<Buffer> {
	const [file] = await Promise.all([page.waitForEvent('download'), link.click()])
	return readFile((await file.path())!)
}

describe.each(drivers)('a course follow-up, on %s', (driver) => {
	const e2e = useE2E({ driver, owner: true, clock: true })
	const { owner } = e2e

	test('the coordinator sets the weeks; Sanne answers the follow-up once its day has come; results from the fifth', async () => {
		const [rvo] = await owner.db.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
		const [sanne] = await owner.db.select({ id: schema.users.id }).from(schema.users).where(and(eq(schema.users.tenantId, rvo!.id), eq(schema.users.name, SANNE)))
		const [course] = await owner.db
			.insert(schema.courses)
			.values({ providerTenantId: rvo!.id, title: TITLE, summary: 'Samenvatting', description: 'Beschrijving', form: 'classroom', durationMinutes: 180, status: 'published', visibility: 'concern' })
			.returning({ id: schema.courses.id })
		const startsAt = new Date(Date.now() + e2e.clock.offsetMs - 3 * 86_400_000)
		const [session] = await owner.db
			.insert(schema.sessions)
			.values({ tenantId: rvo!.id, courseId: course!.id, startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3_600_000), capacity: 12 })
			.returning({ id: schema.sessions.id })
		const [enrolment] = await owner.db.insert(schema.enrolments).values({ tenantId: rvo!.id, sessionId: session!.id, userId: sanne!.id, status: 'enrolled', queueNumber: 1 }).returning({ id: schema.enrolments.id })

		// The coordinator sets ten weeks by keyboard; three are refused beside the field.
		const coordinator = await e2e.newPage({ viewport: { width: 1280, height: 800 } })
		await signInAs(coordinator, FATIMA)
		await coordinator.goto(`/beheer/cursussen/${course!.id}/evaluatie`)
		await coordinator.getByRole('heading', { level: 2, name: 'Vervolg: hebt u het geleerde toegepast?' }).waitFor()
		const weeks = coordinator.getByLabel('Weken na afloop')
		expect(await weeks.inputValue()).toBe('12')
		await coordinator.getByText('Respons: nog niemand uitgenodigd.').first().waitFor()
		await weeks.focus()
		await coordinator.keyboard.press('Control+A')
		await coordinator.keyboard.type('3')
		await coordinator.keyboard.press('Enter')
		await coordinator.getByText('Ten minste 4 weken: eerder is er nog weinig toe te passen.').first().waitFor()
		expect(await coordinator.getByLabel('Weken na afloop').getAttribute('aria-invalid')).toBe('true')
		expect(await accessibilityViolations(coordinator)).toEqual([])
		await coordinator.getByLabel('Weken na afloop').fill('10')
		// The manager's questionnaire, by keyboard: Tab to the checkbox, Space.
		await coordinator.getByLabel('Weken na afloop').press('Tab')
		await coordinator.keyboard.press('Space')
		expect(await coordinator.getByRole('checkbox', { name: /Ook de leidinggevende van de deelnemer/ }).isChecked()).toBe(true)
		await coordinator.getByRole('button', { name: 'Weken opslaan' }).focus()
		await coordinator.keyboard.press('Enter')
		await coordinator.getByText('Opgeslagen: de vervolgvragen gaan 10 weken na afloop uit.').waitFor()
		expect(await coordinator.getByLabel('Weken na afloop').inputValue()).toBe('10')
		expect(await coordinator.getByRole('checkbox', { name: /Ook de leidinggevende van de deelnemer/ }).isChecked()).toBe(true)
		await coordinator.getByRole('heading', { level: 2, name: 'Leidinggevenden: zien zij het geleerde toegepast?' }).waitFor()
		expect(await accessibilityViolations(coordinator)).toEqual([])
		await fitsIn320(coordinator)

		// Sanne completes (a correction as the owner: the trigger invites her whatever path completed her), with four earlier follow-up answers.
		await owner.db.update(schema.enrolments).set({ status: 'completed' }).where(eq(schema.enrolments.id, enrolment!.id))
		const month = `${new Date(Date.now() + e2e.clock.offsetMs + 10 * WEEK).toISOString().slice(0, 7)}-01`
		await owner.db.insert(schema.evaluationResponses).values(
			[5, 4, 2, 1].map((rating) => ({ providerTenantId: rvo!.id, courseId: course!.id, sessionId: session!.id, answeredMonth: month, formVersion: FOLLOW_UP_EVALUATION.version, answers: { applied: rating } })),
		)
		const page = await e2e.newPage({ viewport: { width: 1280, height: 800 } })
		await signInAs(page, SANNE)
		await page.goto('/mijn-leren')
		await page.getByRole('heading', { level: 1, name: 'Mijn leren' }).waitFor()
		await page.getByRole('link', { name: `Evaluatie invullen: ${TITLE}` }).waitFor()
		expect(await page.getByRole('link', { name: `Vervolgvragen beantwoorden: ${TITLE}` }).count()).toBe(0)

		// Ten weeks and a day on: the follow-up is on "Mijn leren".
		await e2e.clock.advance(10 * WEEK + 86_400_000)
		const later = await e2e.newPage({ viewport: { width: 1280, height: 800 } })
		await signInAs(later, SANNE)
		await later.goto('/mijn-leren')
		await later.getByRole('link', { name: `Vervolgvragen beantwoorden: ${TITLE}` }).click()
		await later.getByRole('heading', { level: 1, name: `Vervolgvragen: ${TITLE}` }).waitFor()
		expect(await accessibilityViolations(later)).toEqual([])
		await fitsIn320(later)
		const applied = later.getByRole('group', { name: 'Ik heb het geleerde in mijn werk toegepast.' })
		await applied.getByRole('radio', { name: 'Helemaal mee oneens' }).focus()
		for (let step = 0; step < 3; step++) await later.keyboard.press('ArrowRight')
		expect(await applied.getByRole('radio', { name: 'Mee eens', exact: true }).isChecked()).toBe(true)
		await later.getByLabel('Wat hield u tegen bij het toepassen?').fill('Te weinig tijd in de eerste weken')
		await later.getByRole('button', { name: 'Antwoorden versturen' }).focus()
		await later.keyboard.press('Enter')
		await later.getByText('Dank u wel: uw antwoorden zijn anoniem opgeslagen.').waitFor()
		expect(await accessibilityViolations(later)).toEqual([])

		// The coordinator: the follow-up's results from the fifth, the rate of both questionnaires.
		const coordinatorLater = await e2e.newPage({ viewport: { width: 1280, height: 800 } })
		await signInAs(coordinatorLater, FATIMA)
		await coordinatorLater.goto(`/beheer/cursussen/${course!.id}/evaluatie`)
		await coordinatorLater.getByText('5 deelnemers hebben de vervolgvragen beantwoord.').waitFor()
		await coordinatorLater.getByText('Respons: 1 van 1 uitgenodigde deelnemers (100%).').waitFor()
		// The evaluation, unanswered, and Sanne's manager's questionnaire (asked from that day on), unanswered too.
		await coordinatorLater.getByText('Respons: 0 van 1 uitgenodigde deelnemers (0%).').first().waitFor()
		expect(await coordinatorLater.getByText('Respons: 0 van 1 uitgenodigde deelnemers (0%).').count()).toBe(2)
		await coordinatorLater.getByText('0 leidinggevenden hebben de vragen beantwoord.').waitFor()
		// (5 + 4 + 2 + 1 + 4) / 5 = 3.2
		await coordinatorLater.getByRole('row', { name: /Ik heb het geleerde in mijn werk toegepast\./ }).getByRole('cell', { name: '3,2', exact: true }).waitFor()
		await coordinatorLater.getByText('Te weinig tijd in de eerste weken').waitFor()
		expect(await coordinatorLater.getByText(SANNE, { exact: false }).count()).toBe(0)
		expect(await accessibilityViolations(coordinatorLater)).toEqual([])
		await fitsIn320(coordinatorLater)
		const csv = (await download(coordinatorLater, coordinatorLater.getByRole('link', { name: 'Antwoorden op de vervolgvragen als CSV' }))).toString('utf8').replace(/^\uFEFF/, '')
		const rows = csv.trim().split('\r\n').map((line) => line.split(';'))
		expect(rows[0]).toEqual([
			'Ik heb het geleerde in mijn werk toegepast.',
			'Ik pas het geleerde regelmatig toe.',
			'Mijn werk is er merkbaar beter door geworden.',
			'Mijn leidinggevende en collega’s hielpen mij het geleerde toe te passen.',
			'Geef een voorbeeld van hoe u het geleerde hebt toegepast.',
			'Wat hield u tegen bij het toepassen?',
		])
		expect(rows.slice(1).map((row) => row[0])).toEqual(['1', '2', '4', '4', '5'])
		expect(csv).not.toContain(SANNE)
		expect(csv).not.toContain(month)
		expect(csv).not.toContain(sanne!.id)
		expect(csv).not.toContain(enrolment!.id)
	})
})
