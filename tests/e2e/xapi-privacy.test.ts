import { randomUUID } from 'node:crypto'
import { and, asc, eq, inArray } from 'drizzle-orm'
import { APP_ROLE, createDatabase, type DatabaseClient } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { xapiRetentionFirstKeptDay } from '@leerplein/domain'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import { testDrivers, withUser } from '@leerplein/db/testing'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { applyXapiRetention } from '../../app/features/xapi/privacy.server.ts'
import { accessibleAt320, ELS, FATIMA, PETER, signInAs, useE2E } from '../support/e2e.ts'
import { silentLogger } from '../support/mail-worker.ts'
import { plantXapiClient, type PlantedXapiClient } from '../support/xapi-clients.ts'
import { openAdministrationTask } from '../support/navigation.ts'

// Privacy of a unit's xAPI statements (ADR 039, "Privacy"): RVO's system posts statements about
// two of its employees (a rule turns them into passport evidence), NVWA's about one of its own.
// RVO's coordinator downloads exactly one person's statements, then erases them: the store no
// longer returns them, the other person's stay, the evidence stays without its links, and both acts
// are audited. NVWA's coordinator can neither see, export nor erase RVO's. The retention job, run
// with a fixed clock, deletes only what was stored before the unit's retention. The portal is the file's own.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

const PATH = '/beheer/xapi-privacy'
const DOWNLOAD = '/beheer/xapi-privacy/download'
const HOME = 'https://lims.rvo.example'
const NVWA_HOME = 'https://lims.nvwa.example'
const PERFORMED = 'https://w3id.org/xapi/dod-isd/verbs/performed'
const PCR = 'https://lims.rvo.example/analyses/salmonella-pcr'
const DAY = 86_400_000

type Person = { id: string; employeeNumber: string; name: string }

describe.each(drivers)('privacy of xAPI statements, on %s', (driver) => {
	const e2e = useE2E({ driver, owner: true, own: true })
	let rvoClient: PlantedXapiClient
	let nvwaClient: PlantedXapiClient
	let rvoId: string
	let nvwaId: string
	let anna: Person
	let bram: Person
	let cees: Person
	let competencyId: string
	const annaStatements: ReturnType<typeof performed>[] = []
	const bramStatements: Record<string, unknown>[] = []
	let ceesStatement: ReturnType<typeof performed>

	const headers = (client: PlantedXapiClient) => ({ 'X-Experience-API-Version': '2.0.0', 'Content-Type': 'application/json', Authorization: client.authorization })
	/** Posts statements, then waits until the portal has weighed the batch's people by the rules (right after its answer). */
	const post = async (client: PlantedXapiClient, statements: unknown) => {
		const response = await fetch(`${e2e.portal.url}/xapi/statements`, { method: 'POST', headers: headers(client), body: JSON.stringify(statements) })
		await vi.waitFor(async () => expect(await e2e.owner.db.select().from(schema.xapiRuleBacklog)).toEqual([]), { timeout: 10_000, interval: 20 })
		return response
	}
	const getOne = (client: PlantedXapiClient, id: string) => fetch(`${e2e.portal.url}/xapi/statements?statementId=${id}`, { headers: headers(client) })
	function performed(home: string, employeeNumber: string, daysAgo: number) {
		return {
			id: randomUUID(),
			actor: { objectType: 'Agent', account: { homePage: home, name: employeeNumber } },
			verb: { id: PERFORMED, display: { 'nl-NL': 'uitgevoerd' } },
			object: { id: PCR, definition: { type: 'https://lims.rvo.example/types/analysis' } },
			result: { success: true },
			timestamp: new Date(Date.now() - daysAgo * DAY).toISOString(),
		}
	}
	const cookieOf = async (page: Page) => (await page.context().cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ')
	const postForm = async (page: Page, form: Record<string, string>, query = '', path = PATH) =>
		fetch(`${e2e.portal.url}${path}${query}`, { method: 'POST', redirect: 'manual', headers: { Origin: e2e.portal.url, Cookie: await cookieOf(page) }, body: new URLSearchParams(form) })
	const storedIds = async (personId: string) =>
		(await e2e.owner.db.select({ id: schema.xapiStatements.id }).from(schema.xapiStatements).where(eq(schema.xapiStatements.personId, personId))).map((row) => row.id).sort()
	const evidenceOf = async (personId: string) =>
		e2e.owner.db.select({ id: schema.passportEvidence.id }).from(schema.passportEvidence).where(and(eq(schema.passportEvidence.userId, personId), eq(schema.passportEvidence.competencyId, competencyId)))
	const linksOf = async (evidenceIds: string[]) =>
		evidenceIds.length === 0 ? [] : e2e.owner.db.select({ statementId: schema.passportEvidenceStatements.statementId }).from(schema.passportEvidenceStatements).where(inArray(schema.passportEvidenceStatements.evidenceId, evidenceIds))
	const trail = async (tenantId: string, action: string) =>
		e2e.owner.db
			.select({ objectId: schema.auditLog.objectId, actorUserId: schema.auditLog.actorUserId, after: schema.auditLog.after })
			.from(schema.auditLog)
			.where(and(eq(schema.auditLog.tenantId, tenantId), eq(schema.auditLog.action, action)))
			.orderBy(asc(schema.auditLog.id))

	beforeAll(async () => {
		const { db } = e2e.owner
		rvoClient = await plantXapiClient(db, { unit: 'rvo', name: 'LIMS van RVO' })
		nvwaClient = await plantXapiClient(db, { unit: 'nvwa', name: 'LIMS van de NVWA' })
		rvoId = rvoClient.tenantId
		nvwaId = nvwaClient.tenantId
		const personaEmails = DEMO_PERSONAS.map((persona) => persona.email)
		const peopleOf = async (tenantId: string) =>
			(await db.select({ id: schema.users.id, employeeNumber: schema.users.employeeNumber, name: schema.users.name, email: schema.users.email }).from(schema.users).where(eq(schema.users.tenantId, tenantId)).limit(10)).filter(
				(person) => !personaEmails.includes(person.email),
			)
		const rvoPeople = await peopleOf(rvoId)
		anna = rvoPeople[0]!
		bram = rvoPeople[1]!
		cees = (await peopleOf(nvwaId))[0]!
		await db.insert(schema.xapiSettings).values([
			{ tenantId: rvoId, personIdentifier: 'account', accountHomePage: HOME, updatedAt: new Date() },
			{ tenantId: nvwaId, personIdentifier: 'account', accountHomePage: NVWA_HOME, updatedAt: new Date() },
		])
		// An active rule of RVO's: one performed analysis is evidence, so the statements get evidence links.
		const [competency] = await db.insert(schema.competencies).values({ name: `Salmonella-PCR ${randomUUID().slice(0, 8)}`, validityMonths: 24 }).returning({ id: schema.competencies.id })
		competencyId = competency!.id
		// Anna must have it: her passport's history then names the evidence her statements gave.
		await db.insert(schema.personRequirements).values({ tenantId: rvoId, userId: anna.id, competencyId, introducedOn: '2020-01-01' })
		await db.insert(schema.xapiEvidenceRules).values({ tenantId: rvoId, name: 'PCR één keer', competencyId, verbId: PERFORMED, activityMatch: 'id', activityPattern: PCR, requiredCount: 1, periodMonths: 12, active: true })

		annaStatements.push(performed(HOME, anna.employeeNumber, 30), performed(HOME, anna.employeeNumber, 20), performed(HOME, anna.employeeNumber, 10))
		bramStatements.push(performed(HOME, bram.employeeNumber, 40), performed(HOME, bram.employeeNumber, 5))
		// Bram's system refers to Anna's first statement: a statement of another person, which stays when Anna's go.
		bramStatements.push({
			id: randomUUID(),
			actor: { objectType: 'Agent', account: { homePage: HOME, name: bram.employeeNumber } },
			verb: { id: 'http://adlnet.gov/expapi/verbs/commented' },
			object: { objectType: 'StatementRef', id: annaStatements[0]!.id },
		})
		ceesStatement = performed(NVWA_HOME, cees.employeeNumber, 15)
		// One at a time, so that `stored` orders them as sent.
		for (const statement of annaStatements) expect((await post(rvoClient, statement)).status).toBe(200)
		// Bram's first alone, so that it gets evidence of its own (the rule's evidence rests on the latest statement of a batch).
		expect((await post(rvoClient, bramStatements[0])).status).toBe(200)
		expect((await post(rvoClient, bramStatements.slice(1))).status).toBe(200)
		expect((await post(nvwaClient, ceesStatement)).status).toBe(200)
		expect(await storedIds(anna.id)).toEqual(annaStatements.map((s) => s.id).sort())
		expect(await storedIds(cees.id)).toEqual([ceesStatement.id])
	})

	test('the coordinator downloads exactly one person’s statements, then erases them after confirming; the evidence stays without them; all audited', async () => {
		const fatima = await e2e.newPage()
		await signInAs(fatima, FATIMA)
		await openAdministrationTask(fatima, 'xAPI: privacy')
		await fatima.getByRole('heading', { level: 1, name: 'Privacy van leerbewijs (xAPI)' }).waitFor()
		await fatima.getByLabel('Naam, personeelsnummer of e-mailadres').fill(anna.employeeNumber)
		await fatima.getByRole('button', { name: 'Zoeken' }).click()
		const row = fatima.getByRole('row').filter({ hasText: anna.name })
		await row.waitFor()
		expect(await row.getByRole('cell').nth(2).textContent()).toBe('3')
		await accessibleAt320(fatima)

		// The download: the xAPI statement result, the statements as the store returns them, oldest stored first.
		const exported = await postForm(fatima, { intent: 'export', personId: anna.id }, '', DOWNLOAD)
		expect(exported.status).toBe(200)
		expect(exported.headers.get('content-disposition')).toMatch(/^attachment; filename="xapi-statements-.+\.json"$/)
		expect(exported.headers.get('cache-control')).toBe('no-store')
		const body = (await exported.json()) as { statements: Record<string, unknown>[] }
		expect(Object.keys(body)).toEqual(['statements'])
		expect(body.statements.map((statement) => statement.id)).toEqual(annaStatements.map((statement) => statement.id))
		expect(body.statements[0]).toEqual(await (await getOne(rvoClient, annaStatements[0]!.id)).json())
		// The download button is a real form post: the browser saves a file.
		const [download] = await Promise.all([fatima.waitForEvent('download'), row.getByRole('button', { name: `Downloaden: ${anna.name}` }).click()])
		expect(download.suggestedFilename()).toMatch(/^xapi-statements-.+\.json$/)

		// Anna's evidence rests on her statements; Bram's on his.
		const annaEvidence = await evidenceOf(anna.id)
		const bramEvidence = await evidenceOf(bram.id)
		expect(annaEvidence.length).toBeGreaterThan(0)
		expect((await linksOf(annaEvidence.map((e) => e.id))).length).toBeGreaterThan(0)
		const bramLinks = await linksOf(bramEvidence.map((e) => e.id))
		expect(bramLinks.length).toBeGreaterThan(0)

		// Erasing asks first, naming the person and the count, and says what stays.
		await row.getByRole('link', { name: `Wissen: ${anna.name}` }).click()
		const confirm = fatima.getByRole('region', { name: `3 records over ${anna.name} wissen?` })
		await confirm.waitFor()
		await confirm.getByText('blijft in het kwaliteitspaspoort staan').waitFor()
		await accessibleAt320(fatima)
		expect(await storedIds(anna.id)).toHaveLength(3)
		await confirm.getByRole('button', { name: 'Ja, definitief wissen' }).click()
		await fatima.getByRole('status').filter({ hasText: 'Er zijn 3 records gewist.' }).waitFor()

		// Gone from the store; Bram's stay, including the one that refers to Anna's; Anna's evidence stays without links.
		expect(await storedIds(anna.id)).toEqual([])
		expect((await getOne(rvoClient, annaStatements[0]!.id)).status).toBe(404)
		const agent = encodeURIComponent(JSON.stringify({ account: { homePage: HOME, name: anna.employeeNumber } }))
		const byAgent = (await (await fetch(`${e2e.portal.url}/xapi/statements?agent=${agent}`, { headers: headers(rvoClient) })).json()) as { statements: unknown[] }
		expect(byAgent.statements).toEqual([])
		expect(await storedIds(bram.id)).toEqual(bramStatements.map((s) => s.id as string).sort())
		expect((await getOne(rvoClient, bramStatements[2]!.id as string)).status).toBe(200)
		expect(await evidenceOf(anna.id)).toEqual(annaEvidence)
		expect(await linksOf(annaEvidence.map((e) => e.id))).toEqual([])
		expect(await linksOf(bramEvidence.map((e) => e.id))).toEqual(bramLinks)
		expect(await storedIds(cees.id)).toEqual([ceesStatement.id])

		// Anna's passport: the history still shows the evidence, and says its records were erased.
		await fatima.goto(`${e2e.portal.url}/paspoorten/medewerker/${anna.id}`)
		const history = fatima.locator('section[aria-labelledby="passport-history-title"]')
		await history.getByText('De leerrecords waarop dit bewijs steunde, zijn gewist; het bewijs blijft staan.').first().waitFor()
		expect(await history.locator('.xapi-evidence-statements li').count()).toBe(0)
		await accessibleAt320(fatima)

		// Audited with the counts, never the content.
		const [fatimaId] = (await e2e.owner.db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.name, FATIMA))).map((u) => u.id)
		expect(await trail(rvoId, 'xapi.person_exported')).toEqual([
			{ objectId: anna.id, actorUserId: fatimaId, after: { statements: 3 } },
			{ objectId: anna.id, actorUserId: fatimaId, after: { statements: 3 } },
		])
		expect(await trail(rvoId, 'xapi.person_erased')).toEqual([{ objectId: anna.id, actorUserId: fatimaId, after: { statements: 3, evidenceLinks: expect.any(Number) } }])
		expect(((await trail(rvoId, 'xapi.person_erased'))[0]!.after as { evidenceLinks: number }).evidenceLinks).toBeGreaterThan(0)
	})

	test('another unit’s coordinator neither sees, exports nor erases them; the concern administrator acts for the unit named', async () => {
		const peter = await e2e.newPage()
		await signInAs(peter, PETER, { returnTo: `${PATH}?zoek=${encodeURIComponent(bram.employeeNumber)}` })
		await peter.getByRole('heading', { level: 1, name: 'Privacy van leerbewijs (xAPI)' }).waitFor()
		expect(await peter.content()).not.toContain(bram.name)
		const cookie = await cookieOf(peter)
		expect((await fetch(`${e2e.portal.url}${PATH}?wis=${bram.id}`, { headers: { Cookie: cookie } })).status).toBe(404)
		expect((await fetch(`${e2e.portal.url}${PATH}?eenheid=${rvoId}`, { headers: { Cookie: cookie } })).status).toBe(403)
		const exported = await postForm(peter, { intent: 'export', personId: bram.id }, '', DOWNLOAD)
		expect((await postForm(peter, { intent: 'export', personId: bram.id }, `?eenheid=${rvoId}`, DOWNLOAD)).status).toBe(403)
		expect(exported.status).toBe(404)
		expect(await exported.text()).not.toContain(PERFORMED)
		expect((await postForm(peter, { intent: 'erase', personId: bram.id })).status).toBe(404)
		expect((await postForm(peter, { intent: 'erase', personId: bram.id }, `?eenheid=${rvoId}`)).status).toBe(403)
		expect((await postForm(peter, { intent: 'retention', retentionMonths: '1' }, `?eenheid=${rvoId}`)).status).toBe(403)
		expect(await storedIds(bram.id)).toHaveLength(3)
		expect(await trail(rvoId, 'xapi.person_erased')).toHaveLength(1)
		// Peter's own unit: Cees and his one statement.
		await peter.goto(`${e2e.portal.url}${PATH}?zoek=${encodeURIComponent(cees.employeeNumber)}`)
		expect(await peter.getByRole('row').filter({ hasText: cees.name }).getByRole('cell').nth(2).textContent()).toBe('1')

		// The concern administrator chooses RVO and finds Bram there.
		const els = await e2e.newPage()
		await signInAs(els, ELS, { returnTo: PATH })
		const [rvo] = await e2e.owner.db.select({ name: schema.tenants.name }).from(schema.tenants).where(eq(schema.tenants.id, rvoId))
		await els.getByRole('combobox', { name: 'Organisatieonderdeel' }).selectOption({ label: rvo!.name })
		await els.getByRole('button', { name: 'Tonen' }).click()
		await els.getByLabel('Naam, personeelsnummer of e-mailadres').fill(bram.employeeNumber)
		await els.getByRole('button', { name: 'Zoeken' }).click()
		expect(await els.getByRole('row').filter({ hasText: bram.name }).getByRole('cell').nth(2).textContent()).toBe('3')
		expect(els.url()).toContain(`eenheid=${rvoId}`)
		await accessibleAt320(els)
	})

	test('the retention is set beside its field, and the daily job deletes only what was stored before it, with a fixed clock', async () => {
		const fatima = await e2e.newPage()
		await signInAs(fatima, FATIMA, { returnTo: PATH })
		const months = fatima.getByLabel('Bewaartermijn in maanden')
		await months.fill('0')
		await fatima.getByRole('button', { name: 'Bewaartermijn opslaan' }).click()
		const error = fatima.locator('.field__error', { hasText: 'Vul een heel aantal maanden in van 1 tot en met 120, of laat het veld leeg.' })
		await error.waitFor()
		expect(await months.getAttribute('aria-describedby')).toContain(await error.getAttribute('id'))
		await accessibleAt320(fatima)
		expect((await postForm(fatima, { intent: 'retention', retentionMonths: '121' })).status).toBe(400)
		await months.fill('12')
		await fatima.getByRole('button', { name: 'Bewaartermijn opslaan' }).click()
		await fatima.getByRole('status').filter({ hasText: 'De bewaartermijn is opgeslagen.' }).waitFor()
		await fatima.getByText('Records worden 12 maanden na ontvangst verwijderd.').waitFor()
		const [setting] = await e2e.owner.db.select({ retentionMonths: schema.xapiSettings.retentionMonths, personIdentifier: schema.xapiSettings.personIdentifier }).from(schema.xapiSettings).where(eq(schema.xapiSettings.tenantId, rvoId))
		expect(setting).toEqual({ retentionMonths: 12, personIdentifier: 'account' })
		expect((await trail(rvoId, 'xapi.retention.update')).map((row) => row.after)).toEqual([{ retentionMonths: 12 }])

		// A fixed clock a month ahead; Bram's first statement was stored 400 days before it, his second 300, and NVWA's (no retention) 5 years.
		const now = new Date(Math.floor(Date.now() / DAY) * DAY + 30 * DAY + 10 * 3_600_000)
		const storedAt = (id: string, stored: Date) => e2e.owner.db.update(schema.xapiStatements).set({ stored }).where(eq(schema.xapiStatements.id, id))
		await storedAt(bramStatements[0]!.id as string, new Date(now.getTime() - 400 * DAY))
		await storedAt(bramStatements[1]!.id as string, new Date(now.getTime() - 300 * DAY))
		await storedAt(ceesStatement.id, new Date(now.getTime() - 5 * 365 * DAY))
		const bramEvidence = await evidenceOf(bram.id)
		const bramLinksBefore = await linksOf(bramEvidence.map((e) => e.id))
		expect(bramLinksBefore.map((link) => link.statementId)).toContain(bramStatements[0]!.id)

		const app = await appConnection()
		const ctx = { db: app.db, logger: silentLogger, clock: { now: () => now }, requestId: null, clientIp: null }
		const applied = await applyXapiRetention(ctx, { actor: null })
		expect(applied.ok && applied.value.statements).toBe(1)
		expect(applied.ok && applied.value.units.filter((unit) => unit.statements > 0)).toEqual([{ tenantId: rvoId, statements: 1, evidenceLinks: 1 }])
		expect(await storedIds(bram.id)).toEqual([bramStatements[1]!.id as string, bramStatements[2]!.id as string].sort())
		expect(await storedIds(cees.id)).toEqual([ceesStatement.id])
		expect((await linksOf((await evidenceOf(bram.id)).map((e) => e.id))).map((link) => link.statementId)).not.toContain(bramStatements[0]!.id)
		expect(await evidenceOf(bram.id)).toEqual(bramEvidence)
		expect((await trail(rvoId, 'xapi.retention_applied')).map((row) => [row.actorUserId, row.after])).toEqual([
			[null, { retentionMonths: 12, storedBefore: xapiRetentionFirstKeptDay(now, 12), statements: 1, evidenceLinks: 1 }],
		])
		// Again: nothing more is old enough, and nothing is audited.
		const again = await applyXapiRetention(ctx, { actor: null })
		expect(again.ok && again.value.statements).toBe(0)
		expect(await trail(rvoId, 'xapi.retention_applied')).toHaveLength(1)
		expect(await trail(nvwaId, 'xapi.retention_applied')).toEqual([])
	})

	let app: DatabaseClient | undefined
	/** The job's own connection: the app role on the portal's database, as the worker runs. */
	async function appConnection(): Promise<DatabaseClient> {
		const url = e2e.portal.databaseUrl!
		app ??= await createDatabase({ driver: 'postgres', url: withUser(url, APP_ROLE), migrationUrl: url, maxConnections: 2 }, { role: 'app' })
		return app
	}
	afterAll(async () => {
		await app?.close()
	})
})
