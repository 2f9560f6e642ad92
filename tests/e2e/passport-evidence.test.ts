import { and, eq } from 'drizzle-orm'
import { randomBytes, randomUUID } from 'node:crypto'
import { recomputePassports } from '@leerplein/db/passport'
import { schema } from '@leerplein/db/schema'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import { testDrivers } from '@leerplein/db/testing'
import { addDays, amsterdamDate } from '@leerplein/domain'
import { describe, expect, test } from 'vitest'
import { accessibleAt320, FATIMA, SANNE, signInAs, useE2E } from '../support/e2e.ts'

// Revoking evidence on a person's passport (issue 15, item 3; ADR 031, evidence on a screen): a
// coordinator opens Sanne from the matrix, revokes her one piece for a competency with a reason
// after a confirmation, and the dot on the same page has turned red. PostgreSQL, so the test can
// plant the requirement and the evidence as the owner.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

describe.each(drivers)('revoking evidence, on %s', (driver) => {
	const e2e = useE2E({ driver, owner: true })

	test('Fatima opens Sanne from the matrix, revokes a piece of her evidence with a reason (none is refused beside the field), and the dot turns red on the page', async () => {
		const { db } = e2e.owner
		const name = `Asbestherkenning ${randomBytes(3).toString('hex')}`
		const [rvo] = await db.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
		const sanneEmail = DEMO_PERSONAS.find((persona) => persona.key === 'rvo-employee')!.email
		const [sanne] = await db.select({ id: schema.users.id }).from(schema.users).where(and(eq(schema.users.tenantId, rvo!.id), eq(schema.users.email, sanneEmail)))
		const [competency] = await db.insert(schema.competencies).values({ name, validityMonths: 24, warningDays: 60 }).returning({ id: schema.competencies.id })
		await db.insert(schema.personRequirements).values({ tenantId: rvo!.id, userId: sanne!.id, competencyId: competency!.id, introducedOn: '2020-01-01', graceDays: 0, reason: 'e2e' })
		const today = amsterdamDate(new Date())
		const day = addDays(today, -30)
		const [piece] = await db
			.insert(schema.passportEvidence)
			.values({ tenantId: rvo!.id, userId: sanne!.id, competencyId: competency!.id, sourceKind: 'import', sourceRef: `csv:${day}`, occurredAt: new Date(`${day}T12:00:00Z`), occurredOn: day })
			.returning({ id: schema.passportEvidence.id })
		// An earlier piece Leerplein itself revoked when her attendance was corrected: the trigger's code, shown in words.
		const earlier = addDays(today, -90)
		await db.insert(schema.passportEvidence).values({
			tenantId: rvo!.id,
			userId: sanne!.id,
			competencyId: competency!.id,
			sourceKind: 'session_attendance',
			sourceRef: randomUUID(),
			occurredAt: new Date(`${earlier}T12:00:00Z`),
			occurredOn: earlier,
			revokedAt: new Date(),
			revokedReason: 'enrolment_no_show',
		})
		await recomputePassports(db, { tenantId: rvo!.id, userIds: [sanne!.id], today, trigger: 'requirement' })

		const page = await e2e.newPage()
		page.setDefaultTimeout(15_000)
		await signInAs(page, FATIMA, { returnTo: `/paspoorten?wie=eenheid&q=${encodeURIComponent(SANNE)}` })
		await page.getByRole('link', { name: `Paspoort van ${SANNE} openen` }).click()
		await page.getByRole('heading', { level: 1, name: `Paspoort van ${SANNE}` }).waitFor()
		const dot = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name }) })
		await dot.locator('.passport-dot--green').getByText('Geldig').waitFor()
		const evidence = page.getByRole('region', { name: `Bewijs voor ${name}` })
		await evidence.getByRole('row', { name: /^Import .* Telt mee/ }).waitFor()
		await evidence.getByRole('row', { name: /Ingetrokken op .* door Leerplein: de aanwezigheid is gecorrigeerd naar niet aanwezig$/ }).waitFor()

		await evidence.getByRole('link', { name: new RegExp(`^Bewijs Import van .* voor ${name} intrekken$`) }).click()
		const confirm = page.getByRole('region', { name: 'Bewijs intrekken' })
		await confirm.getByText(/kan niet ongedaan worden gemaakt/).waitFor()
		await confirm.getByRole('button', { name: 'Bewijs definitief intrekken' }).click()
		await confirm.locator('.field').filter({ has: page.getByLabel('Reden van intrekken') }).getByText('Vul de reden in.').waitFor()
		expect(await page.getByLabel('Reden van intrekken').getAttribute('aria-invalid')).toBe('true')
		await accessibleAt320(page)

		await page.getByLabel('Reden van intrekken').fill('Geïmporteerd bij de verkeerde medewerker')
		await confirm.getByRole('button', { name: 'Bewijs definitief intrekken' }).click()
		await page.getByText('Het bewijs is ingetrokken; de stand hieronder is bijgewerkt.').waitFor()
		await dot.locator('.passport-dot--red').getByText('Ontbreekt of verlopen').waitFor()
		expect(await dot.locator('.passport-dot__shape').textContent()).toBe('✕')
		await evidence.getByRole('row', { name: new RegExp(`Ingetrokken op .* door ${FATIMA}: Geïmporteerd bij de verkeerde medewerker`) }).waitFor()
		expect(await evidence.getByRole('link', { name: /intrekken$/ }).count()).toBe(0)
		await accessibleAt320(page)

		const [stored] = await db.select().from(schema.passportEvidence).where(eq(schema.passportEvidence.id, piece!.id))
		expect(stored).toMatchObject({ revokedReason: 'Geïmporteerd bij de verkeerde medewerker' })
		const trail = await db.select({ action: schema.auditLog.action }).from(schema.auditLog).where(eq(schema.auditLog.objectId, piece!.id))
		expect(trail.map((row) => row.action)).toEqual(['passport.evidence.revoke'])
	}, 120_000)
})
