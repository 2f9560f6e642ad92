import { and, eq, sql } from 'drizzle-orm'
import { selectRows } from '@leerplein/db'
import { recomputePassports } from '@leerplein/db/passport'
import { schema } from '@leerplein/db/schema'
import { testDrivers } from '@leerplein/db/testing'
import { amsterdamDate } from '@leerplein/domain'
import { describe, expect, test } from 'vitest'
import { accessibilityViolations, ELS, FATIMA, SANNE, signInAs, useE2E } from '../support/e2e.ts'
import { openAdministrationTask } from '../support/navigation.ts'

// The quality passport's first pages (ADR 031): the concern administrator keeps the competencies,
// the employee reads their passport and what to do about a red dot. PostgreSQL, so the test can
// plant a requirement and a course link as the owner.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

describe.each(drivers)('the quality passport, on %s', (driver) => {
	const e2e = useE2E({ driver, owner: true })
	const { portal, owner } = e2e
	const NAME = 'Eerste hulp (e2e)'

	test('the concern administrator adds a competency: a validity of -1 is refused beside the field, nothing typed is lost, nothing stored', async () => {
		const page = await e2e.newPage()
		await signInAs(page, ELS)
		await openAdministrationTask(page, 'Bekwaamheden')
		await page.getByRole('heading', { level: 1, name: 'Bekwaamheden' }).waitFor()

		await page.getByLabel('Naam').fill(NAME)
		await page.getByLabel('Geldigheid in maanden').fill('-1')
		await page.getByRole('button', { name: 'Bekwaamheid toevoegen' }).click()
		await page.getByText('Vul een geheel aantal maanden in, van 1 tot en met 600.', { exact: true }).waitFor()
		expect(await page.getByLabel('Naam').inputValue()).toBe(NAME)
		expect(await page.getByLabel('Geldigheid in maanden').getAttribute('aria-invalid')).toBe('true')
		expect(await owner.db.select().from(schema.competencies).where(eq(schema.competencies.name, NAME))).toEqual([])
		expect(await accessibilityViolations(page)).toEqual([])

		await page.getByLabel('Geldigheid in maanden').fill('24')
		await page.getByRole('button', { name: 'Bekwaamheid toevoegen' }).click()
		await page.getByText('De bekwaamheid is opgeslagen.').waitFor()
		expect(await page.getByRole('row', { name: new RegExp(`^${NAME.replace(/[()]/g, '\\$&')} 24 maanden 60 dagen`) }).count()).toBe(1)

		// Changing it keeps its row; the audit trail has both acts.
		await page.getByRole('link', { name: `Wijzigen: ${NAME}` }).click()
		// Typing before the edit form has replaced the add form would be lost with the add form.
		await page.getByRole('heading', { level: 2, name: `${NAME} wijzigen` }).waitFor()
		await page.getByLabel('Waarschuwen vanaf (dagen voor het verlopen)').fill('90')
		await page.getByRole('button', { name: 'Opslaan' }).click()
		// The notice of the first save may still show: wait for the changed row itself.
		await page.getByRole('row', { name: new RegExp(`^${NAME.replace(/[()]/g, '\\$&')} 24 maanden 90 dagen`) }).waitFor()
		const [stored] = await owner.db.select().from(schema.competencies).where(eq(schema.competencies.name, NAME))
		expect(stored).toMatchObject({ validityMonths: 24, warningDays: 90, renewalBasis: 'expiry' })
		const trail = await owner.db.select({ action: schema.auditLog.action }).from(schema.auditLog).where(eq(schema.auditLog.objectId, stored!.id))
		expect(trail.map((row) => row.action).sort()).toEqual(['competency.create', 'competency.update'])
	})

	test('a coordinator neither sees the competencies page nor can post to it', async () => {
		const page = await e2e.newPage()
		await signInAs(page, FATIMA)
		expect((await page.goto('/beheer/bekwaamheden'))?.status()).toBe(403)
		const cookies = await page.context().cookies()
		const posted = await fetch(`${portal.url}/beheer/bekwaamheden`, {
			method: 'POST',
			headers: { Origin: portal.url, Cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') },
			body: new URLSearchParams({ intent: 'save', name: 'Ingeslopen', validityMonths: '12', warningDays: '60', renewalBasis: 'expiry' }),
			redirect: 'manual',
		})
		expect(posted.status).toBe(403)
		expect(await owner.db.select().from(schema.competencies).where(eq(schema.competencies.name, 'Ingeslopen'))).toEqual([])
	})

	test('the employee sees a red dot in words and shape, the course that grants it with its next session, and reaches it by keyboard, at 320 px', async () => {
		// Plant, as the owner: everyone needs the competency, and a published concern-wide course with a session ahead grants it.
		const [competency] = await owner.db
			.insert(schema.competencies)
			.values({ name: 'Integriteit (e2e)', validityMonths: 36, warningDays: 60 })
			.returning({ id: schema.competencies.id })
		await owner.db.insert(schema.competencyRequirements).values({ tenantId: null, competencyId: competency!.id, introducedOn: '2020-01-01', graceDays: 0 })
		const [course] = await selectRows<{ id: string; title: string }>(
			owner.db,
			sql`select c.id, c.title from courses c join sessions s on s.course_id = c.id
				where c.status = 'published' and c.visibility = 'concern' and s.status = 'planned' and s.starts_at > now() + interval '2 days'
				order by s.starts_at limit 1`,
		)
		await owner.db.insert(schema.courseCompetencies).values({ courseId: course!.id, competencyId: competency!.id })
		const [rvo] = await owner.db.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
		const [sanne] = await owner.db.select({ id: schema.users.id }).from(schema.users).where(and(eq(schema.users.tenantId, rvo!.id), eq(schema.users.name, SANNE)))
		await recomputePassports(owner.db, { tenantId: rvo!.id, userIds: [sanne!.id], today: amsterdamDate(new Date()), trigger: 'requirement' })

		const page = await e2e.newPage()
		await signInAs(page, SANNE)
		await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Mijn paspoort' }).click()
		await page.getByRole('heading', { level: 1, name: 'Mijn kwaliteitspaspoort' }).waitFor()
		const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Integriteit (e2e)' }) })
		// Colour is not the only signal: the words and a shape of its own.
		await item.getByText('Ontbreekt of verlopen').waitFor()
		expect(await item.locator('.passport-dot__shape').textContent()).toBe('✕')
		await item.getByText('U hebt deze bekwaamheid nodig voor uw werk, maar er is geen bewijs.').waitFor()
		const todo = page.getByRole('region', { name: 'Wat kunt u doen voor Integriteit (e2e)?' })
		await todo.getByText(/Eerstvolgende uitvoering: /).first().waitFor()
		await page.getByRole('region', { name: 'Geschiedenis' }).getByRole('row', { name: /Integriteit \(e2e\) Eerste stand: Ontbreekt of verlopen/ }).waitFor()
		expect(await accessibilityViolations(page)).toEqual([])

		await page.setViewportSize({ width: 320, height: 800 })
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
		expect(await accessibilityViolations(page)).toEqual([])

		// By keyboard: focus the suggested course's link and follow it.
		const link = todo.getByRole('link', { name: `Bekijken en inschrijven: ${course!.title}` })
		await link.focus()
		await page.keyboard.press('Enter')
		await page.waitForURL(`**/catalogus/${course!.id}`)
		await page.getByRole('heading', { level: 1, name: course!.title }).waitFor()
	})
})
