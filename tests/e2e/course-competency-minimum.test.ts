import { and, eq, sql } from 'drizzle-orm'
import { selectRows } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { testDrivers } from '@leerplein/db/testing'
import { describe, expect, test } from 'vitest'
import { accessibilityViolations, FATIMA, signInAs, useE2E } from '../support/e2e.ts'

// The minimum LTI score beside a competency a course grants (ADR 031, addendum on LTI scores):
// the providing unit's coordinator sets it on the course's competencies page; a wrong one is
// refused beside its field and stores nothing. PostgreSQL, so the test can plant a competency as the owner.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

describe.each(drivers)('a course’s minimum score for a competency, on %s', (driver) => {
	const e2e = useE2E({ driver, owner: true })
	const { owner } = e2e
	const NAME = 'Monsterneming (e2e)'

	test('the coordinator sets 80 % beside a granted competency; "abc" is refused beside the field and nothing is stored; at 320 px, without axe violations', async () => {
		const [competency] = await owner.db.insert(schema.competencies).values({ name: NAME, validityMonths: 24, warningDays: 60 }).returning({ id: schema.competencies.id })
		const [course] = await selectRows<{ id: string; title: string }>(
			owner.db,
			sql`select c.id, c.title from courses c join tenants t on t.id = c.provider_tenant_id where t.slug = 'rvo' order by c.title limit 1`,
		)
		const stored = () =>
			owner.db
				.select({ minScorePercent: schema.courseCompetencies.minScorePercent })
				.from(schema.courseCompetencies)
				.where(and(eq(schema.courseCompetencies.courseId, course!.id), eq(schema.courseCompetencies.competencyId, competency!.id)))
		const page = await e2e.newPage()
		await signInAs(page, FATIMA, { returnTo: `/beheer/cursussen/${course!.id}/bekwaamheden` })
		await page.getByRole('heading', { level: 1, name: `Bekwaamheden die ${course!.title} geeft` }).waitFor()

		const minimum = page.getByLabel(`Minimale score voor ${NAME} (%)`)
		await page.getByLabel(NAME, { exact: true }).check()
		await minimum.fill('abc')
		await page.getByRole('button', { name: 'Bekwaamheden opslaan' }).click()
		await page.getByText('Vul een geheel percentage in, van 1 tot en met 100, of laat het veld leeg.').first().waitFor()
		expect(await minimum.getAttribute('aria-invalid')).toBe('true')
		expect(await minimum.inputValue()).toBe('abc')
		expect(await stored()).toEqual([])
		expect(await accessibilityViolations(page)).toEqual([])

		await minimum.fill('80')
		await page.getByRole('button', { name: 'Bekwaamheden opslaan' }).click()
		await page.getByText('De bekwaamheden van deze opleiding zijn opgeslagen.').waitFor()
		expect(await stored()).toEqual([{ minScorePercent: 80 }])
		expect(await page.getByLabel(`Minimale score voor ${NAME} (%)`).inputValue()).toBe('80')
		expect(await page.getByLabel(NAME, { exact: true }).isChecked()).toBe(true)
		const trail = await owner.db.select({ after: schema.auditLog.after }).from(schema.auditLog).where(and(eq(schema.auditLog.action, 'course.competencies.update'), eq(schema.auditLog.objectId, course!.id)))
		expect(trail.at(-1)?.after).toEqual(expect.arrayContaining([{ competencyId: competency!.id, minScorePercent: 80, grantsLevel: null }]))

		await page.setViewportSize({ width: 320, height: 800 })
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
		expect(await accessibilityViolations(page)).toEqual([])
	})
})
