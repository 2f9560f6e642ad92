import { createHash, randomUUID } from 'node:crypto'
import { and, eq, inArray } from 'drizzle-orm'
import { schema } from '@leerplein/db/schema'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import { testDrivers } from '@leerplein/db/testing'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, test } from 'vitest'
import { accessibleAt320, accessibilityViolations, FATIMA, PETER, signInAs, useE2E } from '../support/e2e.ts'
import { plantXapiClient, type PlantedXapiClient } from '../support/xapi-clients.ts'
import { openAdministrationTask } from '../support/navigation.ts'

// People matched to xAPI statements (ADR 039, "People"): a unit's statements about its known
// employees are matched as they are stored, by the identifier the unit's coordinator chose; the
// others are kept, listed for the coordinator and matched again once the person is known. The
// portal is the file's own, so the unit's list holds only what this file sent.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

const PATH = '/beheer/xapi-onbekend'
const HOME = 'https://lims.rvo.example'
const completed = { id: 'http://adlnet.gov/expapi/verbs/completed' }

describe.each(drivers)('xAPI statements matched to the unit’s people, on %s', (driver) => {
	const e2e = useE2E({ driver, owner: true, own: true })
	let client: PlantedXapiClient
	let rvoId: string
	let anna: { id: string; employeeNumber: string; email: string }
	let bram: { id: string; employeeNumber: string; email: string }
	const newcomerNumber = `N${randomUUID().slice(0, 8)}`
	const ids = { anna: [randomUUID(), randomUUID()], bram: [randomUUID()], newcomer: [randomUUID(), randomUUID()], group: [randomUUID()] }

	beforeAll(async () => {
		const { db } = e2e.owner
		client = await plantXapiClient(db, { unit: 'rvo', name: 'LIMS van RVO' })
		rvoId = client.tenantId
		const personaEmails = DEMO_PERSONAS.map((persona) => persona.email)
		const people = (await db.select({ id: schema.users.id, employeeNumber: schema.users.employeeNumber, email: schema.users.email }).from(schema.users).where(eq(schema.users.tenantId, rvoId)).limit(10)).filter(
			(person) => !personaEmails.includes(person.email),
		)
		anna = people[0]!
		bram = people[1]!
	})

	const post = (statements: unknown) =>
		fetch(`${e2e.portal.url}/xapi/statements`, {
			method: 'POST',
			headers: { 'X-Experience-API-Version': '2.0.0', 'Content-Type': 'application/json', Authorization: client.authorization },
			body: JSON.stringify(statements),
		})
	const byAccount = (id: string, name: string) => ({ id, actor: { objectType: 'Agent', account: { homePage: HOME, name } }, verb: completed, object: { id: 'http://example.nl/monstername' } })
	const personOf = async (statementIds: string[]) =>
		(await e2e.owner.db.select({ id: schema.xapiStatements.id, personId: schema.xapiStatements.personId }).from(schema.xapiStatements).where(and(eq(schema.xapiStatements.tenantId, rvoId), inArray(schema.xapiStatements.id, statementIds))))
			.map((row) => row.personId)
	const cookieOf = async (page: Page) => (await page.context().cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ')
	const postForm = async (page: Page, form: Record<string, string>) =>
		fetch(`${e2e.portal.url}${PATH}`, { method: 'POST', redirect: 'manual', headers: { Origin: e2e.portal.url, Cookie: await cookieOf(page) }, body: new URLSearchParams(form) })

	test('known employees are matched at once, the unknown one is listed, and matched after being added and a re-match; another unit sees and matches none of it', async () => {
		const fatima = await e2e.newPage()
		await signInAs(fatima, FATIMA)
		await openAdministrationTask(fatima, 'xAPI: onbekende personen')
		await fatima.getByRole('heading', { level: 1, name: 'Leerrecords koppelen aan medewerkers' }).waitFor()
		await fatima.getByText('Nog niet ingesteld: er wordt niemand gekoppeld.').waitFor()
		await fatima.getByText('Er zijn geen records over onbekende personen.').waitFor()
		await accessibleAt320(fatima)

		// Bad input: an account without a usable home page is refused beside the field, in Dutch, and nothing is stored.
		await fatima.getByLabel('Aanduiding van de medewerker').selectOption({ label: 'Account met personeelsnummer' })
		const homePage = fatima.getByLabel('Webadres van het systeem (homePage van het account)')
		await homePage.fill('lims rvo')
		await fatima.getByRole('button', { name: 'Instelling opslaan' }).click()
		const fieldError = fatima.locator('.field__error', { hasText: 'Vul het volledige webadres van het systeem in, dat begint met https:// of http://, zonder spaties.' })
		await fieldError.waitFor()
		expect(await homePage.getAttribute('aria-invalid')).toBe('true')
		expect(await homePage.getAttribute('aria-describedby')).toContain(await fieldError.getAttribute('id'))
		expect(await homePage.inputValue()).toBe('lims rvo')
		await accessibleAt320(fatima)
		// The same refusal from the server, for a browser without JavaScript.
		const crafted = await postForm(fatima, { intent: 'identifier', personIdentifier: 'account', accountHomePage: 'javascript:alert(1)' })
		expect(crafted.status).toBe(400)
		expect(await e2e.owner.db.select().from(schema.xapiSettings).where(eq(schema.xapiSettings.tenantId, rvoId))).toEqual([])

		// By keyboard: correct the field, then send the form with Enter.
		await homePage.fill('')
		await homePage.focus()
		await fatima.keyboard.type(HOME)
		await fatima.keyboard.press('Enter')
		await fatima.getByRole('status').filter({ hasText: 'De instelling is opgeslagen.' }).waitFor()
		expect(await e2e.owner.db.select({ personIdentifier: schema.xapiSettings.personIdentifier, accountHomePage: schema.xapiSettings.accountHomePage }).from(schema.xapiSettings).where(eq(schema.xapiSettings.tenantId, rvoId))).toEqual([
			{ personIdentifier: 'account', accountHomePage: HOME },
		])

		// One batch: two statements about Anna, one about Bram, two about someone RVO does not know yet,
		// and one by a group named with Anna's account as a member (a group is no person, its members are not matched).
		const group = { id: ids.group[0], actor: { objectType: 'Group', name: 'Team monstername', member: [{ account: { homePage: HOME, name: anna.employeeNumber } }] }, verb: completed, object: { id: 'http://example.nl/monstername' } }
		const batch = [
			byAccount(ids.anna[0]!, anna.employeeNumber),
			byAccount(ids.newcomer[0]!, newcomerNumber),
			byAccount(ids.bram[0]!, bram.employeeNumber),
			byAccount(ids.anna[1]!, anna.employeeNumber),
			byAccount(ids.newcomer[1]!, newcomerNumber),
			group,
		]
		expect((await post(batch)).status).toBe(200)
		expect(await personOf(ids.anna)).toEqual([anna.id, anna.id])
		expect(await personOf(ids.bram)).toEqual([bram.id])
		expect(await personOf(ids.newcomer)).toEqual([null, null])
		expect(await personOf(ids.group)).toEqual([null])

		// The unknown one is listed for RVO's coordinator: identifier, count, the system that sent it.
		await fatima.reload()
		const row = fatima.getByRole('row').filter({ has: fatima.getByRole('rowheader', { name: `Account ${newcomerNumber} op ${HOME}` }) })
		await row.waitFor()
		expect(await row.getByRole('cell').allTextContents()).toEqual(['2', expect.any(String), expect.any(String), 'LIMS van RVO'])
		await fatima.getByRole('heading', { name: '1 onbekende persoon' }).waitFor()
		await fatima.getByText('2 records zijn nog niet gekoppeld.', { exact: false }).waitFor()
		await accessibleAt320(fatima)

		// NVWA's coordinator sees none of it, and a crafted re-match in NVWA reaches none of RVO's statements.
		const peter = await e2e.newPage()
		await signInAs(peter, PETER, { returnTo: PATH })
		await peter.getByRole('heading', { level: 1, name: 'Leerrecords koppelen aan medewerkers' }).waitFor()
		expect(await peter.content()).not.toContain(newcomerNumber)
		const [newcomer] = await e2e.owner.db
			.insert(schema.users)
			.values({ tenantId: rvoId, employeeNumber: newcomerNumber, name: 'Noor Nieuwkomer', email: `${newcomerNumber.toLowerCase()}@rvo.example` })
			.returning({ id: schema.users.id })
		expect((await postForm(peter, { intent: 'rematch' })).status).toBe(303)
		expect((await postForm(peter, { intent: 'identifier', personIdentifier: 'account', accountHomePage: HOME })).status).toBe(303)
		expect((await postForm(peter, { intent: 'rematch' })).status).toBe(303)
		expect(await personOf(ids.newcomer)).toEqual([null, null])
		// Not even RVO's settings changed: NVWA's coordinator set NVWA's own.
		expect((await e2e.owner.db.select().from(schema.xapiSettings)).map((row) => row.tenantId)).toHaveLength(2)

		// RVO's coordinator matches again, by keyboard: the two statements about the newcomer are matched.
		await fatima.getByRole('button', { name: 'Opnieuw koppelen' }).focus()
		await fatima.keyboard.press('Enter')
		await fatima.getByRole('status').filter({ hasText: '2 gekoppeld, 0 nog onbekend.' }).waitFor()
		expect(await personOf(ids.newcomer)).toEqual([newcomer!.id, newcomer!.id])
		await fatima.getByText('Er zijn geen records over onbekende personen.').waitFor()
		expect(await accessibilityViolations(fatima)).toEqual([])

		const trail = await e2e.owner.db
			.select({ action: schema.auditLog.action, after: schema.auditLog.after })
			.from(schema.auditLog)
			.where(and(eq(schema.auditLog.tenantId, rvoId), inArray(schema.auditLog.action, ['xapi.people.identifier.update', 'xapi.people.rematch'])))
		expect(trail).toEqual(
			expect.arrayContaining([
				{ action: 'xapi.people.identifier.update', after: { personIdentifier: 'account', accountHomePage: HOME } },
				{ action: 'xapi.people.rematch', after: { matched: 2, unmatched: 0 } },
			]),
		)
	})

	test('under the e-mail identifier an address matches in any case, and its SHA-1 too; an account no longer does', async () => {
		const fatima = await e2e.newPage()
		await signInAs(fatima, FATIMA, { returnTo: PATH })
		await fatima.getByLabel('Aanduiding van de medewerker').selectOption({ label: 'E-mailadres (mbox of mbox_sha1sum)' })
		await fatima.getByRole('button', { name: 'Instelling opslaan' }).click()
		await fatima.getByRole('status').filter({ hasText: 'De instelling is opgeslagen.' }).waitFor()

		const sent = { mbox: randomUUID(), sha1: randomUUID(), account: randomUUID() }
		const sha1 = createHash('sha1').update(`mailto:${anna.email}`).digest('hex')
		expect(
			(
				await post([
					{ id: sent.mbox, actor: { mbox: `mailto:${bram.email.toUpperCase()}` }, verb: completed, object: { id: 'http://example.nl/hygiene' } },
					{ id: sent.sha1, actor: { mbox_sha1sum: sha1 }, verb: completed, object: { id: 'http://example.nl/hygiene' } },
					byAccount(sent.account, anna.employeeNumber),
				])
			).status,
		).toBe(200)
		expect(await personOf([sent.mbox])).toEqual([bram.id])
		expect(await personOf([sent.sha1])).toEqual([anna.id])
		expect(await personOf([sent.account])).toEqual([null])
		await fatima.reload()
		await fatima.getByRole('rowheader', { name: `Account ${anna.employeeNumber} op ${HOME}` }).waitFor()
	})
})
