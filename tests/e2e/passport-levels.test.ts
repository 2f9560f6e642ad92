import { and, eq } from 'drizzle-orm'
import { randomBytes } from 'node:crypto'
import { recomputePassports } from '@leerplein/db/passport'
import { schema } from '@leerplein/db/schema'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import { testDrivers } from '@leerplein/db/testing'
import { addDays, amsterdamDate } from '@leerplein/domain'
import { describe, expect, test } from 'vitest'
import { accessibleAt320, FATIMA, SANNE, signInAs, useE2E } from '../support/e2e.ts'

// Levels on the passport (ADR 031, addendum on levels): Sanne needs a competency at level 2
// (Gevorderd) and holds it only at level 1, so her dot is red for that reason — in colour, shape
// and words — and only the course that grants level 2 is suggested. She sends in a certificate,
// stating level 1 by mistake; her manager sees that level proposed, chooses level 2 (what the
// certificate says) on approval, and her dot is green at level 2, no job run. PostgreSQL, so the
// test can plant the competency, courses and evidence as the owner.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')
const MARK = 'Mark Jansen' // manager, RVO; Sanne's manager in the demo data

describe.each(drivers)('a passport with levels, on %s', (driver) => {
	const e2e = useE2E({ driver, owner: true })

	/** A competency with three levels that Sanne needs at level 2 and holds at level 1 (a month ago), and a course granting each of levels 1 and 2. */
	async function plant() {
		const { db } = e2e.owner
		const suffix = randomBytes(3).toString('hex')
		const NAME = `Inspectietechnieken ${suffix}`
		const [rvo] = await db.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
		const [sanne] = await db.select({ id: schema.users.id }).from(schema.users).where(and(eq(schema.users.tenantId, rvo!.id), eq(schema.users.name, SANNE)))
		const [theme] = await db.select({ id: schema.themes.id }).from(schema.themes).limit(1)
		const [competency] = await db
			.insert(schema.competencies)
			.values({ name: NAME, validityMonths: 36, warningDays: 60, levels: ['Basis', 'Gevorderd', 'Expert'] })
			.returning({ id: schema.competencies.id })
		await db.insert(schema.personRequirements).values({ tenantId: rvo!.id, userId: sanne!.id, competencyId: competency!.id, introducedOn: '2020-01-01', graceDays: 0, minLevel: 2, reason: 'e2e' })
		const course = (title: string) => ({
			providerTenantId: rvo!.id,
			themeId: theme!.id,
			title,
			summary: `${title}.`,
			description: 'Alleen voor de e2e-test van niveaus.',
			form: 'classroom' as const,
			durationMinutes: 120,
			status: 'published' as const,
			visibility: 'concern' as const,
		})
		const BASIC = `Inspecteren basis ${suffix}`
		const ADVANCED = `Inspecteren gevorderd ${suffix}`
		const [basic, advanced] = await db.insert(schema.courses).values([course(BASIC), course(ADVANCED)]).returning({ id: schema.courses.id })
		await db.insert(schema.courseCompetencies).values([
			{ courseId: basic!.id, competencyId: competency!.id, grantsLevel: 1 },
			{ courseId: advanced!.id, competencyId: competency!.id, grantsLevel: 2 },
		])
		// Held at level 1 (Basis), a month ago.
		const today = amsterdamDate(new Date())
		const day = addDays(today, -30)
		await db.insert(schema.passportEvidence).values({
			tenantId: rvo!.id,
			userId: sanne!.id,
			competencyId: competency!.id,
			sourceKind: 'import',
			sourceRef: `csv:${day}`,
			occurredAt: new Date(`${day}T12:00:00Z`),
			occurredOn: day,
			level: 1,
		})
		await recomputePassports(db, { tenantId: rvo!.id, userIds: [sanne!.id], today, trigger: 'requirement' })

		return { db, rvo: rvo!, sanne: sanne!, competency: competency!, NAME, BASIC, ADVANCED, today }
	}

	test('Sanne is red for a level too low, with the explanation and only the course granting enough; her manager approves her certificate at level 2 and the dot is green', async () => {
		const { db, sanne, competency, NAME, BASIC, ADVANCED, today } = await plant()

		// Red, for want of level: colour, shape and words, and what to do.
		const page = await e2e.newPage()
		page.setDefaultTimeout(15_000)
		await signInAs(page, SANNE)
		await page.goto('/mijn-paspoort')
		const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: NAME }) })
		await item.locator('.passport-dot--red').getByText('Ontbreekt of verlopen').waitFor()
		expect(await item.locator('.passport-dot__shape').textContent()).toBe('✕')
		await item.getByText('Uw niveau: 1 Basis · Vereist: minimaal niveau 2 Gevorderd').waitFor()
		await item.getByText('Niveau te laag: u hebt niveau 2 Gevorderd nodig voor uw werk, uw geldige bewijs is van niveau 1 Basis. Dat telt hiervoor niet.').waitFor()
		const todo = page.getByRole('region', { name: `Wat kunt u doen voor ${NAME}?` })
		await todo.getByRole('link', { name: `Bekijken en inschrijven: ${ADVANCED}` }).waitFor()
		expect(await todo.getByRole('listitem').textContent()).toMatch(new RegExp(`^Bekijken en inschrijven: ${ADVANCED} \\(geeft niveau 2 Gevorderd\\) — `))
		// The course granting only level 1 would not turn the dot: not suggested.
		expect(await todo.getByRole('link', { name: `Bekijken en inschrijven: ${BASIC}` }).count()).toBe(0)
		await accessibleAt320(page)

		// She sends in her new certificate, stating level 1 by mistake.
		await page.getByRole('link', { name: 'Certificaat toevoegen' }).click()
		await page.getByRole('heading', { level: 1, name: 'Certificaat toevoegen' }).waitFor()
		await page.getByLabel('Bekwaamheid').selectOption({ label: `${NAME} (1 Basis, 2 Gevorderd, 3 Expert)` })
		await page.getByLabel('Behaald op').fill(addDays(today, -10))
		await page.getByLabel('Niveau (optioneel)').fill('1')
		await page.getByLabel('Certificaat', { exact: true }).setInputFiles({ name: 'inspectie.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') })
		await page.getByRole('button', { name: 'Certificaat insturen' }).click()
		await page.getByText('Uw certificaat is ingestuurd. Het telt mee zodra het is goedgekeurd.').waitFor()
		await item.locator('.passport-dot--red').waitFor()

		// Mark sees the level she stated, proposed on approval; the certificate says Gevorderd.
		const markPage = await e2e.newPage()
		markPage.setDefaultTimeout(15_000)
		await signInAs(markPage, MARK)
		await markPage.goto('/paspoorten/bewijs')
		const upload = markPage.getByRole('listitem').filter({ has: markPage.getByRole('heading', { level: 2, name: `${SANNE} — ${NAME}` }) })
		await upload.getByText('Opgegeven niveau: 1 Basis').waitFor()
		const level = upload.getByLabel(`Niveau bij goedkeuren (${NAME} van ${SANNE})`)
		expect(await level.inputValue()).toBe('1')
		await accessibleAt320(markPage)
		await level.selectOption({ label: '2 Gevorderd' })
		await upload.getByRole('button', { name: `Certificaat van ${SANNE} voor ${NAME} goedkeuren` }).click()
		await markPage.getByText('Het certificaat is goedgekeurd; het paspoort is bijgewerkt.').waitFor()
		const pieces = await db
			.select({ sourceKind: schema.passportEvidence.sourceKind, level: schema.passportEvidence.level })
			.from(schema.passportEvidence)
			.where(and(eq(schema.passportEvidence.userId, sanne!.id), eq(schema.passportEvidence.competencyId, competency!.id)))
		expect(pieces.sort((a, b) => a.sourceKind.localeCompare(b.sourceKind))).toEqual([
			{ sourceKind: 'import', level: 1 },
			{ sourceKind: 'upload', level: 2 },
		])

		// Green at level 2, no job run; nothing left to do for it.
		await page.goto('/mijn-paspoort')
		await item.locator('.passport-dot--green').getByText('Geldig').waitFor()
		expect(await item.locator('.passport-dot__shape').textContent()).toBe('✓')
		await item.getByText('Uw niveau: 2 Gevorderd · Vereist: minimaal niveau 2 Gevorderd').waitFor()
		expect(await page.getByRole('region', { name: `Wat kunt u doen voor ${NAME}?` }).count()).toBe(0)
		await accessibleAt320(page)
	}, 120_000)

	test('a coordinator imports history with levels: by name or number, an unknown level or a level on a competency without levels is skipped with the reason, and the dot turns green', async () => {
		const { db, sanne, competency, NAME } = await plant()
		const employeeNumber = DEMO_PERSONAS.find((persona) => persona.key === 'rvo-employee')!.employeeNumber
		const page = await e2e.newPage()
		page.setDefaultTimeout(15_000)
		await signInAs(page, FATIMA, { returnTo: '/paspoorten/importeren' })
		const csv = [
			'medewerker;bekwaamheid;datum;niveau',
			`${employeeNumber};${NAME};1-3-2026;Gevorderd`,
			`${employeeNumber};${NAME};1-3-2026;Meester`,
			`${employeeNumber};Omgaan met agressie;1-3-2026;2`,
		].join('\n')
		await page.getByLabel('Of plak de regels hier').fill(csv)
		await page.getByRole('button', { name: 'Controleren' }).click()
		const results = page.getByRole('region', { name: 'Uitkomst per regel' })
		await results.getByRole('row', { name: new RegExp(`^2 ${SANNE} ${NAME} .*2 Gevorderd.* Wordt geïmporteerd$`) }).waitFor()
		await results.getByRole('row', { name: /^3 .* Geen niveau van deze bekwaamheid; kies uit 1 Basis, 2 Gevorderd, 3 Expert$/ }).waitFor()
		await results.getByRole('row', { name: /^4 .* Deze bekwaamheid heeft geen niveaus: laat het niveau leeg$/ }).waitFor()
		await accessibleAt320(page)

		await page.getByRole('button', { name: '1 regel importeren' }).click()
		await page.getByRole('status').filter({ hasText: '1 bewijs geïmporteerd; de paspoorten zijn bijgewerkt.' }).waitFor()
		const imported = await db
			.select({ level: schema.passportEvidence.level, occurredOn: schema.passportEvidence.occurredOn })
			.from(schema.passportEvidence)
			.where(and(eq(schema.passportEvidence.userId, sanne.id), eq(schema.passportEvidence.competencyId, competency.id), eq(schema.passportEvidence.sourceRef, 'csv:2026-03-01')))
		expect(imported).toEqual([{ level: 2, occurredOn: '2026-03-01' }])

		// Green at level 2 on her passport, no job run.
		const sannePage = await e2e.newPage()
		await signInAs(sannePage, SANNE, { returnTo: '/mijn-paspoort' })
		const item = sannePage.getByRole('listitem').filter({ has: sannePage.getByRole('heading', { name: NAME }) })
		await item.locator('.passport-dot--green').getByText('Geldig').waitFor()
		await item.getByText('Uw niveau: 2 Gevorderd · Vereist: minimaal niveau 2 Gevorderd').waitFor()
	}, 120_000)
})
