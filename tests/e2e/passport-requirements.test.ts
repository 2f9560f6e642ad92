import { and, eq } from 'drizzle-orm'
import { schema } from '@leerplein/db/schema'
import { testDrivers } from '@leerplein/db/testing'
import { describe, expect, test } from 'vitest'
import { accessibilityViolations, ELS, FATIMA, SANNE, signInAs, useE2E } from '../support/e2e.ts'
import { openAdministrationTask } from '../support/navigation.ts'

// The requirement screens (ADR 031, requirement screens): RVO's coordinator adds a requirement for
// one of RVO's job profiles and the person with that profile and no evidence is red when the page
// returns, no job run; a grace period of -1 is refused beside the field; deactivating asks first.
// The concern's requirement reaches every unit through the queue, within seconds. PostgreSQL, so
// the test can plant a job profile and read the dots as the owner; the job worker runs in-process.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

describe.each(drivers)('passport requirements, on %s', (driver) => {
	const e2e = useE2E({ driver, owner: true, env: { JOBS_IN_PROCESS: 'true', JOB_POLL_SECONDS: '0.5' } })
	const { owner } = e2e
	const COMPETENCY = 'Veilig werken (e2e)'
	const PROFILE = 'Adviseur (e2e)'

	const sanne = async () => {
		const [rvo] = await owner.db.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
		const [person] = await owner.db.select({ id: schema.users.id }).from(schema.users).where(and(eq(schema.users.tenantId, rvo!.id), eq(schema.users.name, SANNE)))
		return { rvo: rvo!.id, id: person!.id }
	}
	const dotOf = async (userId: string, competencyId: string) =>
		(await owner.db.select({ status: schema.passportStatus.status }).from(schema.passportStatus).where(and(eq(schema.passportStatus.userId, userId), eq(schema.passportStatus.competencyId, competencyId))))[0]?.status ?? null

	test('Fatima adds a requirement for one RVO job profile: -1 days of grace is refused beside the field, then Sanne is red at once; deactivating asks first', async () => {
		// Plant, as the owner: a competency nobody holds, and a job profile of RVO that Sanne has.
		const { rvo, id: sanneId } = await sanne()
		const [competency] = await owner.db.insert(schema.competencies).values({ name: COMPETENCY, validityMonths: 24, warningDays: 60 }).returning({ id: schema.competencies.id })
		const [profile] = await owner.db.insert(schema.jobProfiles).values({ tenantId: rvo, name: PROFILE }).returning({ id: schema.jobProfiles.id })
		await owner.db.update(schema.users).set({ jobProfileId: profile!.id }).where(eq(schema.users.id, sanneId))
		const stored = () => owner.db.select().from(schema.competencyRequirements).where(eq(schema.competencyRequirements.competencyId, competency!.id))

		const page = await e2e.newPage()
		await signInAs(page, FATIMA)
		await openAdministrationTask(page, 'Paspoorteisen')
		await page.getByRole('heading', { level: 1, name: 'Eisen voor het kwaliteitspaspoort' }).waitFor()
		// The concern's requirements are there, read-only.
		await page.getByRole('cell', { name: 'Concern' }).first().waitFor()

		await page.getByLabel('Bekwaamheid').selectOption({ label: COMPETENCY })
		await page.getByLabel('Geldt voor').selectOption({ label: PROFILE })
		await page.getByLabel('Ingangsdatum').fill('2020-01-01')
		await page.getByLabel('Overgangstermijn in dagen').fill('-1')
		await page.getByRole('button', { name: 'Eis toevoegen' }).click()
		await page.getByText('Vul een geheel aantal dagen in, van 0 tot en met 730.', { exact: true }).first().waitFor()
		expect(await page.getByLabel('Overgangstermijn in dagen').getAttribute('aria-invalid')).toBe('true')
		expect(await stored()).toEqual([])
		expect(await accessibilityViolations(page)).toEqual([])

		await page.getByLabel('Overgangstermijn in dagen').fill('0')
		await page.getByRole('button', { name: 'Eis toevoegen' }).click()
		await page.getByText(/De eis is toegevoegd\. De stippen van \d+ medewerkers? (is|zijn) bijgewerkt\./).waitFor()
		const row = page.getByRole('row', { name: new RegExp(`^${PROFILE.replace(/[()]/g, '\\$&')} ${COMPETENCY.replace(/[()]/g, '\\$&')} 2020-01-01 0 dagen Eigen`) })
		await row.waitFor()
		expect(await stored()).toEqual([expect.objectContaining({ tenantId: rvo, jobProfileId: profile!.id, graceDays: 0, active: true })])
		// No job ran: the dot was recomputed in the same transaction.
		expect(await dotOf(sanneId, competency!.id)).toBe('red')
		expect(await accessibilityViolations(page)).toEqual([])
		await page.setViewportSize({ width: 320, height: 800 })
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
		expect(await accessibilityViolations(page)).toEqual([])
		await page.setViewportSize({ width: 1280, height: 800 })

		// Sanne sees it red on her passport.
		const sannePage = await e2e.newPage()
		await signInAs(sannePage, SANNE)
		await sannePage.goto('/mijn-paspoort')
		const item = sannePage.getByRole('listitem').filter({ has: sannePage.getByRole('heading', { name: COMPETENCY }) })
		await item.getByText('Ontbreekt of verlopen').waitFor()

		// Deactivating asks first; cancelling changes nothing.
		await row.getByRole('link', { name: `Deactiveren: ${COMPETENCY}, ${PROFILE}` }).click()
		const confirm = page.getByRole('region', { name: `Eis voor ${COMPETENCY} deactiveren?` })
		await confirm.waitFor()
		expect(await accessibilityViolations(page)).toEqual([])
		await confirm.getByRole('link', { name: 'Annuleren' }).click()
		await confirm.waitFor({ state: 'detached' })
		expect(await stored()).toEqual([expect.objectContaining({ active: true })])
		await row.getByRole('link', { name: `Deactiveren: ${COMPETENCY}, ${PROFILE}` }).click()
		await confirm.getByRole('button', { name: 'Ja, deactiveren' }).click()
		await page.getByText(/De eis is gedeactiveerd\./).waitFor()
		expect(await row.count()).toBe(0)
		expect(await stored()).toEqual([expect.objectContaining({ active: false })])
		expect(await dotOf(sanneId, competency!.id)).toBe('not_required')
		const trail = await owner.db.select({ action: schema.auditLog.action }).from(schema.auditLog).where(eq(schema.auditLog.objectId, (await stored())[0]!.id))
		expect(trail.map((entry) => entry.action).sort()).toEqual(['passport.requirement.create', 'passport.requirement.deactivate'])
	})

	test('the concern administrator adds a requirement for a job-profile name: every unit’s people of that name turn red within seconds, through the queue', async () => {
		const { id: sanneId } = await sanne()
		const [competency] = await owner.db.insert(schema.competencies).values({ name: 'Concernbreed (e2e)', validityMonths: 12, warningDays: 30 }).returning({ id: schema.competencies.id })
		const page = await e2e.newPage()
		await signInAs(page, ELS)
		await openAdministrationTask(page, 'Paspoorteisen concern')
		await page.getByRole('heading', { level: 1, name: 'Eisen van het concern' }).waitFor()
		expect(await accessibilityViolations(page)).toEqual([])
		await page.getByLabel('Bekwaamheid').selectOption({ label: 'Concernbreed (e2e)' })
		await page.getByLabel('Functienaam (leeg: iedereen)').fill(PROFILE)
		await page.getByLabel('Ingangsdatum').fill('2020-01-01')
		await page.getByRole('button', { name: 'Eis toevoegen' }).click()
		await page.getByText(/De paspoorten van alle \d+ organisatieonderdelen worden binnen enkele seconden bijgewerkt\./).waitFor()
		await page.setViewportSize({ width: 320, height: 800 })
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
		expect(await accessibilityViolations(page)).toEqual([])
		// The job worker recomputes RVO (where Sanne is an Adviseur (e2e)) within seconds; nobody runs a job by hand.
		await expect.poll(() => dotOf(sanneId, competency!.id), { timeout: 20_000, interval: 250 }).toBe('red')
	})
})
