import { randomUUID } from 'node:crypto'
import { schema } from '@leerplein/db/schema'
import { testDrivers } from '@leerplein/db/testing'
import { and, eq } from 'drizzle-orm'
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { hashXapiSecret } from '../../app/features/xapi/client-auth.server.ts'
import { accessibleAt320, accessibilityViolations, ELS, FATIMA, PETER, signInAs, useE2E } from '../support/e2e.ts'
import { plantXapiClient } from '../support/xapi-clients.ts'
import { openAdministrationTask } from '../support/navigation.ts'

// A unit's xAPI systems on /beheer/xapi-systemen (issue 17, ADR 039): the coordinator registers a
// system and sees its secret once, the system sends a statement with it, the list shows its use;
// deactivated, its credentials are refused. Another unit's coordinator neither sees nor touches it;
// the concern administrator acts for the one unit they choose. Chromium, axe, 320 px, keyboard.

const drivers = await testDrivers()
const PATH = '/beheer/xapi-systemen'
const TITLE = 'Systemen die leerbewijs aanleveren (xAPI)'

describe.skipIf(!drivers.includes('postgres'))("a unit's xAPI systems", () => {
	const e2e = useE2E({ driver: 'postgres', owner: true })
	const { owner } = e2e

	const tenantId = async (slug: string) => (await owner.db.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, slug)))[0]!.id
	const clientNamed = async (name: string) => (await owner.db.select().from(schema.xapiClients).where(eq(schema.xapiClients.name, name)))[0]
	const auditOf = (action: string, objectId: string) =>
		owner.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.action, action), eq(schema.auditLog.objectId, objectId)))
	const sendStatement = (key: string, secret: string) =>
		fetch(`${e2e.portal.url}/xapi/statements`, {
			method: 'POST',
			headers: {
				Authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`,
				'X-Experience-API-Version': '1.0.3',
				'Content-Type': 'application/json',
			},
			body: JSON.stringify({
				actor: { mbox: `mailto:${randomUUID()}@example.nl` },
				verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
				object: { id: `http://example.nl/practicum/${randomUUID()}` },
			}),
		})
	/** Moves focus onto a control by keyboard (Tab), as a keyboard user would, and checks it arrived. */
	async function tabTo(page: Page, name: string | RegExp, role: 'textbox' | 'checkbox' | 'button' | 'link') {
		const target = page.getByRole(role, { name, exact: typeof name === 'string' })
		for (let presses = 0; presses < 80; presses++) {
			if (await target.evaluate((element) => element === document.activeElement)) return
			await page.keyboard.press('Tab')
		}
		throw new Error(`Tab never reached ${String(name)}`)
	}

	test('the coordinator registers a system by keyboard and sees its secret once; the system sends a statement; deactivated, it is refused', async () => {
		const page = await e2e.newPage()
		await signInAs(page, FATIMA)
		await openAdministrationTask(page, 'xAPI-systemen')
		await page.getByRole('heading', { level: 1, name: TITLE }).waitFor()
		await accessibleAt320(page)

		// Name and scopes by keyboard: the first scope is ticked already, the second is ticked with Space.
		const name = `Practicumsysteem ${randomUUID().slice(0, 8)}`
		await page.getByRole('textbox', { name: 'Naam' }).focus()
		await page.keyboard.type(name)
		await tabTo(page, 'De eigen aangeleverde leerervaringen teruglezen', 'checkbox')
		await page.keyboard.press('Space')
		await tabTo(page, 'Registreren', 'button')
		await page.keyboard.press('Enter')

		const shown = page.getByRole('status').filter({ has: page.getByRole('heading', { name: `${name} is geregistreerd` }) })
		await shown.waitFor()
		const [endpoint, key, secret] = await shown.getByRole('definition').allTextContents()
		expect(endpoint).toBe(`${e2e.portal.url}/xapi/`)
		expect(key).toMatch(/^xapi-[0-9a-f]{24}$/)
		// 256 random bits, base64url.
		expect(Buffer.from(secret!, 'base64url')).toHaveLength(32)
		await shown.getByText('toont het nooit meer').waitFor()
		await accessibleAt320(page)

		// Stored as its hash only, with the scopes chosen; the trail names the key, never the secret.
		const stored = (await clientNamed(name))!
		expect(stored).toMatchObject({ key, secretHash: hashXapiSecret(secret!), scopes: ['statements/write', 'statements/read/mine'], active: true, tenantId: await tenantId('rvo') })
		const [registered] = await auditOf('xapi.client_registered', stored.id)
		expect(registered).toMatchObject({ tenantId: stored.tenantId, after: { name, key, scopes: ['statements/write', 'statements/read/mine'] } })
		expect(JSON.stringify(registered)).not.toContain(secret)

		// Shown once: the page itself, opened again, has the key but not the secret.
		await page.goto(PATH)
		const row = page.getByRole('row', { name: new RegExp(name) })
		await row.getByText(key!).waitFor()
		expect(await page.content()).not.toContain(secret)
		await expect(row.getByRole('cell').allTextContents()).resolves.toEqual(expect.arrayContaining(['aanleveren, eigen lezen', 'beide (volgens het verzoek)', 'Actief', 'Nog niet', '0']))

		// The system sends a statement with those credentials; the list shows its use and volume.
		expect((await sendStatement(key!, secret!)).status).toBe(200)
		await page.reload()
		const cells = await row.getByRole('cell').allTextContents()
		expect(cells).toContain('1')
		expect(cells).not.toContain('Nog niet')

		// Renamed, with other scopes: changed and audited with before and after.
		await tabTo(page, `Wijzigen: ${name}`, 'link')
		await page.keyboard.press('Enter')
		await page.getByRole('heading', { name: `${name} wijzigen` }).waitFor()
		const renamed = `${name} casussen`
		await page.getByRole('textbox', { name: 'Naam' }).fill(renamed)
		await page.getByRole('checkbox', { name: 'Alle leerervaringen van het organisatieonderdeel lezen' }).check()
		// It speaks 1.0.3 only, and sometimes forgets the version header.
		await page.getByLabel('Welke xAPI-versie spreekt het systeem?').selectOption('1.0.3')
		await page.getByRole('button', { name: 'Opslaan' }).click()
		await page.getByRole('status').getByText('Het systeem is gewijzigd.').waitFor()
		await page.getByRole('row', { name: new RegExp(renamed) }).getByRole('cell', { name: '1.0.3', exact: true }).waitFor()
		const [changed] = await auditOf('xapi.client_changed', stored.id)
		expect(changed).toMatchObject({
			before: { name, scopes: ['statements/write', 'statements/read/mine'], xapiVersion: null },
			after: { name: renamed, scopes: ['statements/write', 'statements/read/mine', 'statements/read'], xapiVersion: '1.0.3' },
		})

		// A new secret, after confirmation, shown once: both it and the one before work for a week; after that only the new one.
		await page.getByRole('link', { name: `Nieuw geheim: ${renamed}` }).click()
		await page.getByRole('heading', { name: `Een nieuw geheim voor ${renamed}?` }).waitFor()
		await page.getByText('Het huidige geheim blijft nog 7 dagen werken').waitFor()
		expect(await accessibilityViolations(page)).toEqual([])
		await page.getByRole('button', { name: 'Ja, nieuw geheim' }).click()
		const renewed = page.getByRole('status').filter({ has: page.getByRole('heading', { name: `${renamed} heeft een nieuw geheim` }) })
		await renewed.waitFor()
		await renewed.getByText('Het vorige geheim werkt nog tot').waitFor()
		const [, sameKey, newSecret] = await renewed.getByRole('definition').allTextContents()
		expect(sameKey).toBe(key)
		expect(newSecret).not.toBe(secret)
		await accessibleAt320(page)
		expect((await sendStatement(key!, newSecret!)).status).toBe(200)
		expect((await sendStatement(key!, secret!)).status).toBe(200)
		const [renewal] = await auditOf('xapi.client_secret_renewed', stored.id)
		expect(renewal).toMatchObject({ after: { key, previousSecretUntil: expect.any(String) } })
		expect(JSON.stringify(renewal)).not.toContain(newSecret)
		// The week is over (as the owner moves it): the old secret is refused, the new one opens.
		await e2e.owner.db.update(schema.xapiClients).set({ previousSecretUntil: new Date(Date.now() - 1000) }).where(eq(schema.xapiClients.id, stored.id))
		expect((await sendStatement(key!, secret!)).status).toBe(401)
		expect((await sendStatement(key!, newSecret!)).status).toBe(200)

		// Deactivated after confirmation: the same credentials are refused (401); activated again, they work.
		await page.getByRole('link', { name: `Deactiveren: ${renamed}` }).click()
		await page.getByRole('heading', { name: `${renamed} deactiveren?` }).waitFor()
		expect(await accessibilityViolations(page)).toEqual([])
		await page.getByRole('button', { name: 'Ja, deactiveren' }).click()
		await page.getByRole('status').getByText('Het systeem is gedeactiveerd').waitFor()
		await page.getByRole('row', { name: new RegExp(renamed) }).getByRole('cell', { name: 'Gedeactiveerd' }).waitFor()
		expect((await sendStatement(key!, newSecret!)).status).toBe(401)
		expect(await auditOf('xapi.client_deactivated', stored.id)).toHaveLength(1)
		await page.getByRole('button', { name: `Weer activeren: ${renamed}` }).click()
		await page.getByRole('status').getByText('Het systeem is weer actief.').waitFor()
		expect((await sendStatement(key!, newSecret!)).status).toBe(200)
		expect(await auditOf('xapi.client_activated', stored.id)).toHaveLength(1)
	})

	test('bad input gets a Dutch message beside its field, and nothing is registered', async () => {
		const page = await e2e.newPage()
		await signInAs(page, FATIMA, { returnTo: PATH })
		const before = await owner.db.select({ id: schema.xapiClients.id }).from(schema.xapiClients)
		const nameField = page.getByRole('textbox', { name: 'Naam' })
		const firstScope = page.getByRole('checkbox', { name: 'Leerervaringen aanleveren (statements schrijven)' })

		// An empty name and no scopes: leaving the boxes already says so (the summary takes focus), sending says both.
		await firstScope.uncheck()
		await page.keyboard.press('Tab')
		await page.getByRole('alert').getByText('Kies ten minste één recht voor het systeem.').waitFor()
		await page.getByRole('button', { name: 'Registreren' }).click()
		await page.getByRole('alert').getByText('Vul de naam van het systeem in.').waitFor()
		await expect(nameField.getAttribute('aria-invalid')).resolves.toBe('true')
		await expect(page.locator(`#${await nameField.getAttribute('aria-describedby').then((ids) => ids!.split(' ').at(-1))}`).textContent()).resolves.toBe('Vul de naam van het systeem in.')
		const scopesError = await firstScope.getAttribute('aria-describedby')
		await expect(page.locator(`#${scopesError}`).textContent()).resolves.toBe('Kies ten minste één recht voor het systeem.')
		expect(await accessibilityViolations(page)).toEqual([])

		// A name of 201 characters, past the field's own maximum (as a script or an old browser would send it).
		await firstScope.check()
		await nameField.evaluate((input: HTMLInputElement) => {
			input.removeAttribute('maxlength')
			input.value = 'x'.repeat(201)
		})
		await page.getByRole('button', { name: 'Registreren' }).click()
		await page.getByRole('alert').getByText('De naam is te lang: hoogstens 200 tekens.').waitFor()
		await expect(page.locator(`#${await nameField.getAttribute('aria-describedby').then((ids) => ids!.split(' ').at(-1))}`).textContent()).resolves.toBe('De naam is te lang: hoogstens 200 tekens.')
		expect(await owner.db.select({ id: schema.xapiClients.id }).from(schema.xapiClients)).toHaveLength(before.length)
	})

	test("another unit's coordinator neither sees nor changes the system, by list, URL or forged form", async () => {
		const rvoSystem = `Casussysteem van RVO ${randomUUID().slice(0, 8)}`
		const planted = await plantXapiClient(owner.db, { unit: 'rvo', name: rvoSystem })
		const page = await e2e.newPage()
		await signInAs(page, PETER, { returnTo: PATH })
		await page.getByRole('heading', { level: 1, name: TITLE }).waitFor()
		expect(await page.content()).not.toContain(rvoSystem)

		const origin = { Origin: e2e.portal.url }
		expect((await page.request.get(`${PATH}?bewerk=${planted.id}`)).status()).toBe(404)
		expect((await page.request.get(`${PATH}?deactiveer=${planted.id}`)).status()).toBe(404)
		expect((await page.request.get(`${PATH}?eenheid=${planted.tenantId}`)).status()).toBe(403)
		expect((await page.request.post(PATH, { headers: origin, form: { intent: 'deactivate', id: planted.id } })).status()).toBe(404)
		expect((await page.request.post(PATH, { headers: origin, form: { intent: 'save', id: planted.id, name: 'Overgenomen', scopes: 'statements/read' } })).status()).toBe(404)
		expect((await page.request.post(`${PATH}?eenheid=${planted.tenantId}`, { headers: origin, form: { intent: 'register', name: 'Ingeschoven', scopes: 'statements/read' } })).status()).toBe(403)
		expect(await clientNamed(rvoSystem)).toMatchObject({ id: planted.id, name: rvoSystem, active: true, scopes: ['statements/write', 'statements/read', 'state'] })
		expect(await clientNamed('Ingeschoven')).toBeUndefined()
		expect((await sendStatement(planted.key, planted.secret)).status).toBe(200)
	})

	test('the concern administrator chooses one unit, and registers a system for it', async () => {
		const rvo = await tenantId('rvo')
		const rvoSystem = `Auteursomgeving van RVO ${randomUUID().slice(0, 8)}`
		await plantXapiClient(owner.db, { unit: 'rvo', name: rvoSystem })
		const page = await e2e.newPage()
		await signInAs(page, ELS)
		await openAdministrationTask(page, 'xAPI-systemen')
		await page.getByRole('heading', { level: 1, name: TITLE }).waitFor()
		// No unit until one is chosen: no list, no form.
		expect(await page.getByRole('button', { name: 'Registreren' }).count()).toBe(0)
		await accessibleAt320(page)

		const unitName = (await owner.db.select({ name: schema.tenants.name }).from(schema.tenants).where(eq(schema.tenants.id, rvo)))[0]!.name
		await page.getByRole('combobox', { name: 'Organisatieonderdeel' }).selectOption({ label: unitName })
		await page.getByRole('button', { name: 'Tonen' }).click()
		await page.getByRole('heading', { name: new RegExp(`^Systemen van ${unitName}`) }).waitFor()
		await page.getByRole('row', { name: new RegExp(rvoSystem) }).waitFor()
		await accessibleAt320(page)

		const name = `Labsysteem ${randomUUID().slice(0, 8)}`
		await page.getByRole('textbox', { name: 'Naam' }).fill(name)
		await page.getByRole('button', { name: 'Registreren' }).click()
		await page.getByRole('heading', { name: `${name} is geregistreerd` }).waitFor()
		const stored = (await clientNamed(name))!
		expect(stored.tenantId).toBe(rvo)
		// The unit's own trail records it, with the concern administrator as the one who acted.
		const [entry] = await auditOf('xapi.client_registered', stored.id)
		const [els] = await owner.db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.name, ELS))
		expect(entry).toMatchObject({ tenantId: rvo, actorUserId: els!.id })
		// The list after registering is still the chosen unit's.
		await page.getByRole('row', { name: new RegExp(name) }).waitFor()
		expect(new URL(page.url()).searchParams.get('eenheid')).toBe(rvo)
	})
})
