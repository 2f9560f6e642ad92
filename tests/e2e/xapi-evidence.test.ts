import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { APP_ROLE, createDatabase, type DatabaseClient } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import { testDrivers, withUser } from '@leerplein/db/testing'
import { amsterdamDate } from '@leerplein/domain'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import type { ServiceContext } from '../../app/core/service.server.ts'
import { sweepXapiRuleBacklogs } from '../../app/features/xapi/rule-backlog.server.ts'
import { accessibleAt320, ELS, FATIMA, PETER, signInAs, useE2E } from '../support/e2e.ts'
import { plantXapiClient, type PlantedXapiClient } from '../support/xapi-clients.ts'
import { openAdministrationTask } from '../support/navigation.ts'

// Statements that count (ADR 039): RVO's coordinator adds a rule ("Salmonella-PCR performed
// successfully 3 times in 12 months"), previews it against the statements already stored and
// switches it on; RVO's laboratory system posts a batch of performed analyses → the employee's
// dot turns green right after the POST answers, and the passport's history lists the statements.
// NVWA's coordinator sees and changes none of it, not even by naming RVO (`?eenheid=`); the concern
// administrator chooses RVO and keeps its rules there, audited in RVO's trail. The portal is the file's own.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

const PATH = '/beheer/xapi-regels'
const HOME = 'https://lims.rvo.example'
const PERFORMED = 'https://w3id.org/xapi/dod-isd/verbs/performed'
const PCR = 'https://lims.rvo.example/analyses/salmonella-pcr'
const DAY = 86_400_000

describe.each(drivers)('xAPI statements that count for the passport, on %s', (driver) => {
	const e2e = useE2E({ driver, owner: true, own: true })
	let client: PlantedXapiClient
	let rvoId: string
	let anna: { id: string; employeeNumber: string; name: string }
	let bram: { id: string; employeeNumber: string; name: string }
	let cas: { id: string; employeeNumber: string; name: string }
	let dina: { id: string; employeeNumber: string; name: string }
	const competencyName = `Salmonella-PCR ${randomUUID().slice(0, 8)}`
	let competencyId: string

	beforeAll(async () => {
		const { db } = e2e.owner
		client = await plantXapiClient(db, { unit: 'rvo', name: 'LIMS van RVO' })
		rvoId = client.tenantId
		const personaEmails = DEMO_PERSONAS.map((persona) => persona.email)
		const people = (
			await db.select({ id: schema.users.id, employeeNumber: schema.users.employeeNumber, name: schema.users.name, email: schema.users.email }).from(schema.users).where(eq(schema.users.tenantId, rvoId)).limit(10)
		).filter((person) => !personaEmails.includes(person.email))
		anna = people[0]!
		bram = people[1]!
		cas = people[2]!
		dina = people[3]!
		// The unit's identifier, planted as owner (the setting's own page is tested in xapi-people.test.ts).
		await db.insert(schema.xapiSettings).values({ tenantId: rvoId, personIdentifier: 'account', accountHomePage: HOME, updatedAt: new Date() })
		const [competency] = await db.insert(schema.competencies).values({ name: competencyName, validityMonths: 24 }).returning({ id: schema.competencies.id })
		competencyId = competency!.id
		// Anna and Bram must have it: without evidence their dots are red once computed. Cas need not.
		await db.insert(schema.personRequirements).values([anna, bram].map((person) => ({ tenantId: rvoId, userId: person.id, competencyId, introducedOn: '2020-01-01' })))
	})

	const post = (statements: unknown) =>
		fetch(`${e2e.portal.url}/xapi/statements`, {
			method: 'POST',
			headers: { 'X-Experience-API-Version': '2.0.0', 'Content-Type': 'application/json', Authorization: client.authorization },
			body: JSON.stringify(statements),
		})
	const performed = (employeeNumber: string, daysAgo: number, success = true) => ({
		id: randomUUID(),
		actor: { objectType: 'Agent', account: { homePage: HOME, name: employeeNumber } },
		verb: { id: PERFORMED, display: { 'nl-NL': 'uitgevoerd' } },
		object: { id: PCR, definition: { type: 'https://lims.rvo.example/types/analysis' } },
		result: { success },
		timestamp: new Date(Date.now() - daysAgo * DAY).toISOString(),
	})
	const cookieOf = async (page: Page) => (await page.context().cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ')
	const postForm = async (page: Page, form: Record<string, string>, query = '') =>
		fetch(`${e2e.portal.url}${PATH}${query}`, { method: 'POST', redirect: 'manual', headers: { Origin: e2e.portal.url, Cookie: await cookieOf(page) }, body: new URLSearchParams(form) })
	/** The portal weighs a batch's people right after answering it: until RVO's rule backlog is empty. */
	const weighed = () =>
		vi.waitFor(async () => expect(await e2e.owner.db.select().from(schema.xapiRuleBacklog).where(eq(schema.xapiRuleBacklog.tenantId, rvoId))).toEqual([]), { timeout: 10_000, interval: 20 })
	const dotOf = async (userId: string) =>
		(await e2e.owner.db.select({ status: schema.passportStatus.status }).from(schema.passportStatus).where(and(eq(schema.passportStatus.userId, userId), eq(schema.passportStatus.competencyId, competencyId))))[0]?.status ?? null

	test('a rule is previewed and switched on; a batch of performed analyses turns the employee’s dot green with the statements in the history; another unit sees and changes nothing', async () => {
		// Bram and Cas performed the analysis three times already; Anna twice, once without success.
		const earlier = [bram, cas].flatMap((person) => [200, 100, 50].map((daysAgo) => performed(person.employeeNumber, daysAgo)))
		expect((await post([...earlier, performed(anna.employeeNumber, 90, false)])).status).toBe(200)

		const fatima = await e2e.newPage()
		await signInAs(fatima, FATIMA)
		await openAdministrationTask(fatima, 'xAPI: regels voor het paspoort')
		await fatima.getByRole('heading', { level: 1, name: 'Leerrecords die tellen voor het kwaliteitspaspoort' }).waitFor()
		await fatima.getByText('Er zijn nog geen regels.').waitFor()
		await accessibleAt320(fatima)

		// Bad input: refused beside the fields, in Dutch; what was typed stays; nothing is stored.
		const count = fatima.getByLabel('Aantal keer')
		await count.fill('0')
		await fatima.getByLabel('Werkwoord (verb-id)').fill('uitgevoerd')
		await fatima.getByRole('button', { name: 'Regel toevoegen' }).click()
		await fatima.locator('.field__error', { hasText: 'Geef de regel een naam.' }).waitFor()
		const countError = fatima.locator('.field__error', { hasText: 'Vul een aantal keer in van 1 tot en met 100.' })
		await countError.waitFor()
		expect(await count.getAttribute('aria-describedby')).toContain(await countError.getAttribute('id'))
		await fatima.locator('.field__error', { hasText: 'Vul het volledige id van het werkwoord in' }).waitFor()
		expect(await fatima.getByLabel('Werkwoord (verb-id)').inputValue()).toBe('uitgevoerd')
		await accessibleAt320(fatima)
		const crafted = await postForm(fatima, { intent: 'add', name: 'Handgemaakt', competencyId, verbId: PERFORMED, activityMatch: 'id', activityPattern: 'x y', requiresSuccess: 'yes', minScoreKind: 'scaled', minScore: '3', requiredCount: 'abc', periodMonths: '12' })
		expect(crafted.status).toBe(400)
		expect(await e2e.owner.db.select().from(schema.xapiEvidenceRules).where(eq(schema.xapiEvidenceRules.tenantId, rvoId))).toEqual([])

		// The rule, by its fields' labels.
		await fatima.getByLabel('Naam').fill('Salmonella-PCR 3× per jaar')
		await fatima.getByLabel('Bekwaamheid').selectOption({ label: competencyName })
		await fatima.getByLabel('Werkwoord (verb-id)').fill(PERFORMED)
		await fatima.getByLabel('Activiteit aanwijzen met').selectOption({ label: 'het id van de activiteit' })
		await fatima.getByLabel('Activiteit (id of type)').fill('https://lims.rvo.example/analyses/salmonella-*')
		await fatima.getByLabel('Alleen met succes (result.success)').selectOption({ label: 'Ja' })
		await count.fill('3')
		await fatima.getByLabel('Binnen hoeveel maanden').fill('12')
		await fatima.getByRole('button', { name: 'Regel toevoegen' }).click()

		// The preview, as if switched on: Bram's and Cas's three count, but only Bram must hold the competency, so one dot turns green; Anna's two (one failed) do not count.
		await fatima.getByRole('heading', { name: 'Voorbeeld: Salmonella-PCR 3× per jaar' }).waitFor()
		await fatima.getByText('Deze regel zou 1 bolletje groen maken.').waitFor()
		await fatima.getByText('Inschakelen zou nu 2 bewijsstukken vastleggen.').waitFor()
		await fatima.getByRole('listitem').filter({ hasText: bram.name }).waitFor()
		expect(await fatima.getByRole('listitem').filter({ hasText: cas.name }).count()).toBe(0)
		expect(await fatima.getByRole('row').filter({ hasText: 'Salmonella-PCR 3× per jaar' }).getByRole('cell').nth(2).textContent()).toBe('Uit')
		await accessibleAt320(fatima)
		expect(await e2e.owner.db.select().from(schema.passportEvidence).where(eq(schema.passportEvidence.competencyId, competencyId))).toEqual([])

		// Switched on: Bram's and Cas's evidence is written at once, and Bram's dot is green.
		expect(await dotOf(bram.id)).not.toBe('green')
		await fatima.getByRole('button', { name: 'Regel inschakelen' }).click()
		await fatima.getByRole('status').filter({ hasText: 'De regel staat aan. 2 nieuwe bewijsstukken zijn vastgelegd.' }).waitFor()
		expect(await dotOf(bram.id)).toBe('green')
		const [rule] = await e2e.owner.db.select({ id: schema.xapiEvidenceRules.id, active: schema.xapiEvidenceRules.active }).from(schema.xapiEvidenceRules).where(eq(schema.xapiEvidenceRules.tenantId, rvoId))
		expect(rule!.active).toBe(true)

		// RVO's system posts Anna's batch: three successful analyses (one arriving out of order) and one failed.
		expect(await dotOf(anna.id)).not.toBe('green')
		const batch = [performed(anna.employeeNumber, 30), performed(anna.employeeNumber, 10, false), performed(anna.employeeNumber, 5), performed(anna.employeeNumber, 60)]
		expect((await post(batch)).status).toBe(200)
		// The batch is answered when stored; the portal weighs its people right after (within a second: the xapi benchmark).
		await weighed()
		expect(await dotOf(anna.id)).toBe('green')
		// Posting the same batch again changes nothing (the evidence reference is the rule and the day it was met).
		expect((await post(batch)).status).toBe(200)
		await weighed()
		const evidence = await e2e.owner.db.select({ id: schema.passportEvidence.id, sourceKind: schema.passportEvidence.sourceKind, sourceRef: schema.passportEvidence.sourceRef }).from(schema.passportEvidence).where(and(eq(schema.passportEvidence.userId, anna.id), eq(schema.passportEvidence.competencyId, competencyId)))
		expect(evidence).toEqual([{ id: expect.any(String), sourceKind: 'xapi_statement', sourceRef: `rule:${rule!.id}:${amsterdamDate(new Date(batch[2]!.timestamp))}` }])
		const links = await e2e.owner.db.select({ statementId: schema.passportEvidenceStatements.statementId }).from(schema.passportEvidenceStatements).where(eq(schema.passportEvidenceStatements.evidenceId, evidence[0]!.id))
		expect(links.map((link) => link.statementId).sort()).toEqual([batch[0]!.id, batch[2]!.id, batch[3]!.id].sort())

		// The coordinator reads Anna's passport: green, and the history lists the statements it rests on.
		await fatima.goto(`${e2e.portal.url}/paspoorten/medewerker/${anna.id}`)
		const history = fatima.getByRole('region', { name: 'Geschiedenis' }).or(fatima.locator('section[aria-labelledby="passport-history-title"]'))
		await history.getByText('Op grond van deze leerrecords (Salmonella-PCR 3× per jaar):').waitFor()
		expect(await history.locator('.xapi-evidence-statements li').count()).toBe(3)
		expect(await history.locator('.xapi-evidence-statements li').first().textContent()).toContain(`${PERFORMED} – ${PCR} – geslaagd`)
		expect(await history.locator('.xapi-evidence-statements li').first().textContent()).toContain('LIMS van RVO')
		await accessibleAt320(fatima)

		// The system voids the analysis that completed Anna's count: without it the rule is not met on that day,
		// so Leerplein withdraws the piece, in the voiding batch's own transaction, and her dot is no longer green.
		const voiding = { actor: { objectType: 'Agent', account: { homePage: HOME, name: 'lims' } }, verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { objectType: 'StatementRef', id: batch[2]!.id } }
		expect((await post([voiding])).status).toBe(200)
		const [withdrawn] = await e2e.owner.db.select({ revokedAt: schema.passportEvidence.revokedAt, revokedReason: schema.passportEvidence.revokedReason, revokedBy: schema.passportEvidence.revokedBy }).from(schema.passportEvidence).where(eq(schema.passportEvidence.id, evidence[0]!.id))
		expect(withdrawn).toMatchObject({ revokedAt: expect.any(Date), revokedReason: 'xapi_statement_voided', revokedBy: null })
		expect(await dotOf(anna.id)).not.toBe('green')
		await fatima.reload()
		await fatima.getByText('door Leerplein: het systeem dat de leerrecord aanleverde, heeft die ongeldig verklaard', { exact: false }).waitFor()

		// NVWA's coordinator sees no rule of RVO's, cannot preview it nor switch it off, and NVWA's rules page lists none.
		const peter = await e2e.newPage()
		await signInAs(peter, PETER, { returnTo: PATH })
		await peter.getByRole('heading', { level: 1, name: 'Leerrecords die tellen voor het kwaliteitspaspoort' }).waitFor()
		expect(await peter.content()).not.toContain('Salmonella-PCR 3× per jaar')
		expect((await fetch(`${e2e.portal.url}${PATH}?voorbeeld=${rule!.id}`, { headers: { Cookie: await cookieOf(peter) } })).status).toBe(404)
		expect((await postForm(peter, { intent: 'switch-off', ruleId: rule!.id })).status).toBe(404)
		const [still] = await e2e.owner.db.select({ active: schema.xapiEvidenceRules.active }).from(schema.xapiEvidenceRules).where(eq(schema.xapiEvidenceRules.id, rule!.id))
		expect(still!.active).toBe(true)
		// NVWA's own system cannot read RVO's statements either.
		const nvwaClient = await plantXapiClient(e2e.owner.db, { unit: 'nvwa', name: 'LIMS van de NVWA' })
		const read = await fetch(`${e2e.portal.url}/xapi/statements?statementId=${batch[0]!.id}`, { headers: { 'X-Experience-API-Version': '2.0.0', Authorization: nvwaClient.authorization } })
		expect(read.status).toBe(404)

		// RVO's coordinator switches the rule off; the evidence it gave stays (Bram's dot stays green). Audited throughout.
		await fatima.goto(`${e2e.portal.url}${PATH}`)
		await fatima.getByRole('button', { name: 'Regel Salmonella-PCR 3× per jaar uitschakelen' }).click()
		await fatima.getByRole('status').filter({ hasText: 'De regel staat uit.' }).waitFor()
		expect(await dotOf(bram.id)).toBe('green')
		const trail = await e2e.owner.db.select({ action: schema.auditLog.action }).from(schema.auditLog).where(and(eq(schema.auditLog.tenantId, rvoId), eq(schema.auditLog.objectId, rule!.id)))
		expect(trail.map((row) => row.action).sort()).toEqual(['xapi.rule.activate', 'xapi.rule.create', 'xapi.rule.deactivate'])
	})

	test('people a portal left on the backlog (it stopped after the commit, before weighing) are weighed by the minute’s sweep', async () => {
		// Dina's analyses arrive while the rule is off: stored, and nobody queued.
		const analyses = [performed(dina.employeeNumber, 20), performed(dina.employeeNumber, 15), performed(dina.employeeNumber, 3)]
		expect((await post(analyses)).status).toBe(200)
		const { db } = e2e.owner
		expect(await db.select().from(schema.xapiRuleBacklog).where(eq(schema.xapiRuleBacklog.tenantId, rvoId))).toEqual([])
		// As a batch's transaction leaves it when its portal dies before weighing: the rule on, Dina queued, no evidence.
		const [rule] = await db.update(schema.xapiEvidenceRules).set({ active: true }).where(eq(schema.xapiEvidenceRules.tenantId, rvoId)).returning({ id: schema.xapiEvidenceRules.id })
		await db.insert(schema.xapiRuleBacklog).values({ tenantId: rvoId, personId: dina.id, queuedAt: new Date() })
		const evidenceOfDina = () => db.select({ sourceRef: schema.passportEvidence.sourceRef }).from(schema.passportEvidence).where(and(eq(schema.passportEvidence.userId, dina.id), eq(schema.passportEvidence.competencyId, competencyId)))
		expect(await evidenceOfDina()).toEqual([])

		// The sweep, as the worker runs it: every unit in its own context.
		const ctx: ServiceContext = { db: (await appConnection()).db, logger: silent, clock: { now: () => new Date() }, requestId: null, clientIp: null }
		const swept = await sweepXapiRuleBacklogs(ctx, { actor: null })
		expect(swept).toEqual({ ok: true, value: 1 })
		expect(await db.select().from(schema.xapiRuleBacklog)).toEqual([])
		expect(await evidenceOfDina()).toEqual([{ sourceRef: `rule:${rule!.id}:${amsterdamDate(new Date(analyses[2]!.timestamp))}` }])
		// Nothing left: the next minute weighs no one.
		expect(await sweepXapiRuleBacklogs(ctx, { actor: null })).toEqual({ ok: true, value: 0 })
	})

	test('another unit’s coordinator neither sees nor switches them by ?eenheid=; the concern administrator lists, adds, previews and switches the rules of the unit chosen', async () => {
		const { db } = e2e.owner
		const rulesOfRvo = () => db.select({ id: schema.xapiEvidenceRules.id, name: schema.xapiEvidenceRules.name, active: schema.xapiEvidenceRules.active }).from(schema.xapiEvidenceRules).where(eq(schema.xapiEvidenceRules.tenantId, rvoId))
		// The rule the sweep's test switched on (by SQL) is RVO's only one.
		const [rule] = await rulesOfRvo()
		expect(rule).toMatchObject({ name: 'Salmonella-PCR 3× per jaar', active: true })
		const addForm = { intent: 'add', name: 'Ingeschoven regel', competencyId, verbId: PERFORMED, activityMatch: 'id', activityPattern: PCR, requiresSuccess: 'yes', minScoreKind: 'none', requiredCount: '1', periodMonths: '12' }

		// NVWA's coordinator names RVO: refused before anything is read or changed, as on the privacy page.
		const peter = await e2e.newPage()
		await signInAs(peter, PETER, { returnTo: PATH })
		await peter.getByRole('heading', { level: 1, name: 'Leerrecords die tellen voor het kwaliteitspaspoort' }).waitFor()
		expect(await peter.getByRole('combobox', { name: 'Organisatieonderdeel' }).count()).toBe(0)
		const cookie = await cookieOf(peter)
		const listed = await fetch(`${e2e.portal.url}${PATH}?eenheid=${rvoId}`, { headers: { Cookie: cookie } })
		expect(listed.status).toBe(403)
		expect(await listed.text()).not.toContain(rule!.name)
		expect((await fetch(`${e2e.portal.url}${PATH}?eenheid=${rvoId}&voorbeeld=${rule!.id}`, { headers: { Cookie: cookie } })).status).toBe(403)
		expect((await postForm(peter, { intent: 'switch-off', ruleId: rule!.id }, `?eenheid=${rvoId}`)).status).toBe(403)
		expect((await postForm(peter, addForm, `?eenheid=${rvoId}`)).status).toBe(403)
		expect(await rulesOfRvo()).toEqual([rule])

		// The concern administrator opens the page from the main navigation: no unit's rules until one is chosen.
		const els = await e2e.newPage()
		await signInAs(els, ELS)
		await openAdministrationTask(els, 'xAPI: regels voor het paspoort')
		await els.getByRole('heading', { level: 1, name: 'Leerrecords die tellen voor het kwaliteitspaspoort' }).waitFor()
		expect(await els.getByRole('button', { name: 'Regel toevoegen' }).count()).toBe(0)
		expect(await els.content()).not.toContain(rule!.name)
		await accessibleAt320(els)
		const [rvo] = await db.select({ name: schema.tenants.name }).from(schema.tenants).where(eq(schema.tenants.id, rvoId))
		await els.getByRole('combobox', { name: 'Organisatieonderdeel' }).selectOption({ label: rvo!.name })
		await els.getByRole('button', { name: 'Tonen' }).click()
		await els.getByRole('heading', { name: `Regels van ${rvo!.name}` }).waitFor()
		expect(await els.getByRole('row').filter({ hasText: rule!.name }).getByRole('cell').nth(2).textContent()).toBe('Aan')
		await accessibleAt320(els)

		// Switching RVO's rule off keeps the unit in the address.
		await els.getByRole('button', { name: `Regel ${rule!.name} uitschakelen` }).click()
		await els.getByRole('status').filter({ hasText: 'De regel staat uit.' }).waitFor()
		expect(new URL(els.url()).searchParams.get('eenheid')).toBe(rvoId)
		expect(await rulesOfRvo()).toEqual([{ ...rule, active: false }])

		// A rule of one successful analysis: Anna's two remaining ones (the voided one no longer counts) now meet it.
		const name = 'Salmonella-PCR 1× per jaar'
		await els.getByLabel('Naam').fill(name)
		await els.getByLabel('Bekwaamheid').selectOption({ label: competencyName })
		await els.getByLabel('Werkwoord (verb-id)').fill(PERFORMED)
		await els.getByLabel('Activiteit aanwijzen met').selectOption({ label: 'het id van de activiteit' })
		await els.getByLabel('Activiteit (id of type)').fill(PCR)
		await els.getByLabel('Aantal keer').fill('1')
		await els.getByLabel('Binnen hoeveel maanden').fill('12')
		await els.getByRole('button', { name: 'Regel toevoegen' }).click()
		await els.getByRole('heading', { name: `Voorbeeld: ${name}` }).waitFor()
		expect(new URL(els.url()).searchParams.get('eenheid')).toBe(rvoId)
		await els.getByText('Deze regel zou 1 bolletje groen maken.').waitFor()
		await els.getByRole('listitem').filter({ hasText: anna.name }).waitFor()
		await accessibleAt320(els)
		expect(await dotOf(anna.id)).not.toBe('green')
		await els.getByRole('button', { name: 'Regel inschakelen' }).click()
		await els.getByRole('status').filter({ hasText: 'De regel staat aan.' }).waitFor()
		expect(new URL(els.url()).searchParams.get('eenheid')).toBe(rvoId)
		expect(await dotOf(anna.id)).toBe('green')

		// The new rule is RVO's, and RVO's trail records each act with the administrator as actor.
		const added = (await rulesOfRvo()).find((candidate) => candidate.name === name)
		expect(added).toMatchObject({ active: true })
		const elsEmail = DEMO_PERSONAS.find((persona) => persona.key === 'concern-admin')!.email
		const [admin] = await db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, elsEmail))
		const trail = await db
			.select({ action: schema.auditLog.action, objectId: schema.auditLog.objectId, actorUserId: schema.auditLog.actorUserId })
			.from(schema.auditLog)
			.where(and(eq(schema.auditLog.tenantId, rvoId), eq(schema.auditLog.actorUserId, admin!.id)))
		expect(trail.map(({ action, objectId }) => [action, objectId]).sort()).toEqual(
			[
				['xapi.rule.activate', added!.id],
				['xapi.rule.create', added!.id],
				['xapi.rule.deactivate', rule!.id],
			].sort(),
		)

		// RVO's coordinator finds the administrator's rule on her own page; NVWA's still lists none of RVO's.
		const fatima = await e2e.newPage()
		await signInAs(fatima, FATIMA, { returnTo: PATH })
		expect(await fatima.getByRole('row').filter({ hasText: name }).getByRole('cell').nth(2).textContent()).toBe('Aan')
		await peter.reload()
		expect(await peter.content()).not.toContain(name)
	})

	let app: DatabaseClient | undefined
	/** The worker's own connection: the app role on the portal's database. */
	async function appConnection(): Promise<DatabaseClient> {
		const url = e2e.portal.databaseUrl!
		app ??= await createDatabase({ driver: 'postgres', url: withUser(url, APP_ROLE), migrationUrl: url, maxConnections: 2 }, { role: 'app' })
		return app
	}
	afterAll(async () => {
		await app?.close()
	})
})

const silent = { info() {}, warn() {}, error() {}, debug() {}, child: () => silent } as unknown as ServiceContext['logger']
