import { schema } from '@leerplein/db/schema'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import { testDrivers } from '@leerplein/db/testing'
import { eq } from 'drizzle-orm'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { accessibleAt320, ELS, FATIMA, signInAs, useE2E } from '../support/e2e.ts'
import { startIdentityProvider, type TestIdentityProvider } from '../support/identity-provider.ts'
import { openAdministrationTask } from '../support/navigation.ts'

// Issue 22, item 3, in Chromium (ADR 051): the concern administrator sets RVO's identity provider
// on the settings screen against a real oidc-provider on 127.0.0.1 — a wrong issuer is refused
// beside its field after a live discovery, the right one is saved and audited — and an RVO
// employee then signs in through it end to end. Removal asks first. RVO's coordinator gets 403.
// Keyboard only in the form; axe clean at 1280 and 320 px. PostgreSQL, so the test reads the
// audit log as the owner while the portal serves.

const SECRET = 'rvo-geheim-instellingen-5d2b9e'
const SANNE = DEMO_PERSONAS.find((persona) => persona.key === 'rvo-employee')!
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

describe.each(drivers)('single sign-on set on the screen, on %s', (driver) => {
	const e2e = useE2E({ driver, env: { SSO_RVO_CLIENT_SECRET: SECRET }, owner: true })
	const { portal, owner } = e2e
	let provider: TestIdentityProvider
	let rvoId: string

	beforeAll(async () => {
		provider = await startIdentityProvider({ clientSecret: SECRET, redirectUri: `${portal.url}/inloggen/sso/callback`, claimNames: ['personeelsnummer'] })
		const [rvo] = await owner.db.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
		rvoId = rvo!.id
	})
	afterAll(() => provider?.stop())

	/** Types into a field found by its label, with the keyboard only: focus by Tab order is the page's own. */
	async function type(page: Page, label: string, value: string) {
		const field = page.getByLabel(label, { exact: true })
		await field.focus()
		await page.keyboard.press('ControlOrMeta+A')
		await page.keyboard.type(value)
	}

	/** The error the field labelled so names in its aria-describedby, once it is marked invalid. */
	async function errorBeside(page: Page, label: string): Promise<string> {
		const field = page.getByLabel(label, { exact: true })
		await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true')
		const errorId = (await field.getAttribute('aria-describedby'))!.split(' ').at(-1)!
		return (await page.locator(`[id="${errorId}"]`).textContent()) ?? ''
	}

	const auditRows = () => owner.db.select().from(schema.auditLog).where(eq(schema.auditLog.objectType, 'tenant_sso_config'))

	test('the concern administrator sets RVO’s provider: a wrong issuer refused beside the field, the right one saved and audited; an RVO employee signs in through it', async () => {
		const page = await e2e.newPage({ viewport: { width: 1280, height: 800 } })
		await signInAs(page, ELS)
		await openAdministrationTask(page, 'Inloggen per onderdeel')
		await page.getByRole('heading', { level: 1, name: 'Inloggen per organisatieonderdeel' }).waitFor()
		const rvoRow = page.getByRole('row', { name: /Rijksdienst voor Ondernemend Nederland/ })
		expect(await rvoRow.getByRole('cell').first().textContent()).toBe('Geen')
		await page.getByText(`${portal.url}/inloggen/sso/callback`).waitFor()
		await accessibleAt320(page)

		// Into RVO's page and through the form by keyboard.
		await page.getByRole('link', { name: 'Inloggen voor Rijksdienst voor Ondernemend Nederland instellen' }).focus()
		await page.keyboard.press('Enter')
		await page.getByRole('heading', { level: 1, name: 'Inloggen voor Rijksdienst voor Ondernemend Nederland' }).waitFor()
		// The breadcrumb leads back to the task.
		await page.getByRole('navigation', { name: 'Kruimelpad' }).getByRole('link', { name: 'Inloggen per onderdeel' }).waitFor()
		await page.getByText('Rijksdienst voor Ondernemend Nederland heeft geen eigen inlogdienst.', { exact: false }).waitFor()
		await accessibleAt320(page)

		// The provider calls itself without the trailing slash: refused after a live discovery, beside the issuer.
		await type(page, 'Inlogdienst (issuer)', `${provider.issuer}/`)
		await page.keyboard.press('Tab')
		expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('clientId')
		await page.keyboard.type('leerplein')
		await type(page, 'Naam van de omgevingsvariabele met het clientgeheim', 'SSO_RVO_CLIENT_SECRET')
		await type(page, 'Claim met het personeelsnummer', 'personeelsnummer')
		await page.keyboard.press('Enter')
		expect(await errorBeside(page, 'Inlogdienst (issuer)')).toContain(`De inlogdienst noemt zichzelf ${provider.issuer}. Vul de issuer precies zo in`)
		// What was typed stays; nothing was saved or audited.
		expect(await page.getByLabel('Client-id', { exact: true }).inputValue()).toBe('leerplein')
		expect(await owner.db.select().from(schema.tenantSsoConfigs).where(eq(schema.tenantSsoConfigs.tenantId, rvoId))).toEqual([])
		expect(await auditRows()).toEqual([])
		await accessibleAt320(page)

		// The same refusal in English, when English is chosen.
		await page.getByRole('button', { name: 'English' }).click()
		await page.waitForFunction(() => document.documentElement.lang === 'en')
		await type(page, 'Identity provider (issuer)', `${provider.issuer}/`)
		await type(page, 'Client id', 'leerplein')
		await type(page, 'Name of the environment variable holding the client secret', 'SSO_RVO_CLIENT_SECRET')
		await type(page, 'Claim holding the employee number', 'personeelsnummer')
		await page.keyboard.press('Enter')
		expect(await errorBeside(page, 'Identity provider (issuer)')).toContain(`The identity provider names itself ${provider.issuer}. Enter the issuer exactly so`)
		await page.getByRole('button', { name: 'Nederlands' }).click()
		await page.waitForFunction(() => document.documentElement.lang === 'nl')

		// The issuer exactly: saved.
		await type(page, 'Inlogdienst (issuer)', provider.issuer)
		await type(page, 'Client-id', 'leerplein')
		await type(page, 'Naam van de omgevingsvariabele met het clientgeheim', 'SSO_RVO_CLIENT_SECRET')
		await type(page, 'Claim met het personeelsnummer', 'personeelsnummer')
		await type(page, 'acr-waarden voor inloggen met meer factoren', 'urn:test:loa:hoog')
		await page.keyboard.press('Enter')
		await page.getByRole('status').filter({ hasText: 'De inlogdienst is gecontroleerd en opgeslagen.' }).waitFor()
		await page.getByText('De variabele SSO_RVO_CLIENT_SECRET is ingesteld in de omgeving van dit portaal.').waitFor()
		await accessibleAt320(page)

		const [saved] = await auditRows()
		expect(saved).toMatchObject({
			action: 'sso.config_saved',
			result: 'success',
			objectId: rvoId,
			before: null,
			after: { unit: 'rvo', issuer: provider.issuer, clientId: 'leerplein', clientSecretEnv: 'SSO_RVO_CLIENT_SECRET', employeeNumberClaim: 'personeelsnummer', mfaAcrValues: ['urn:test:loa:hoog'] },
		})

		// An RVO employee signs in through the provider just set.
		const visitor = await e2e.newPage()
		await visitor.goto('/inloggen')
		provider.signInNext({ sub: 'rvo-sub-sanne', claims: { personeelsnummer: SANNE.employeeNumber }, amr: ['pwd'] })
		await visitor.getByRole('link', { name: 'Inloggen via RVO' }).click()
		await visitor.getByRole('link', { name: `Ingelogd als ${SANNE.name}` }).waitFor()

		// The secret's value is nowhere in the trail or the logs.
		const everything = JSON.stringify([await owner.db.select().from(schema.auditLog), portal.logs()])
		expect(everything).not.toContain(SECRET)
	})

	test('removing RVO’s provider asks first; then RVO’s people can no longer start single sign-on', async () => {
		const page = await e2e.newPage({ viewport: { width: 1280, height: 800 } })
		await signInAs(page, ELS, { returnTo: '/beheer/inloggen/rvo' })
		await page.getByRole('link', { name: 'Inlogdienst verwijderen' }).click()
		const confirm = page.getByRole('region', { name: 'Inlogdienst van Rijksdienst voor Ondernemend Nederland verwijderen?' })
		await confirm.waitFor()
		await accessibleAt320(page)
		// Cancelling keeps it.
		await confirm.getByRole('link', { name: 'Annuleren' }).click()
		await page.getByRole('link', { name: 'Inlogdienst verwijderen' }).waitFor()
		expect(await owner.db.select().from(schema.tenantSsoConfigs).where(eq(schema.tenantSsoConfigs.tenantId, rvoId))).toHaveLength(1)

		await page.getByRole('link', { name: 'Inlogdienst verwijderen' }).click()
		await confirm.getByRole('button', { name: 'Inlogdienst verwijderen' }).focus()
		await page.keyboard.press('Enter')
		await page.getByRole('status').filter({ hasText: 'De inlogdienst is verwijderd.' }).waitFor()
		expect(await owner.db.select().from(schema.tenantSsoConfigs).where(eq(schema.tenantSsoConfigs.tenantId, rvoId))).toEqual([])
		expect((await auditRows()).find((row) => row.action === 'sso.config_removed')).toMatchObject({ before: { issuer: provider.issuer, clientSecretEnv: 'SSO_RVO_CLIENT_SECRET' }, after: null })

		const response = await fetch(`${portal.url}/inloggen/sso/rvo`, { redirect: 'manual' })
		expect(response.status).toBe(404)
	})

	test('RVO’s own coordinator gets 403 on the list, the unit’s page and its action', async () => {
		const page = await e2e.newPage()
		await signInAs(page, FATIMA)
		expect((await page.goto('/beheer/inloggen'))?.status()).toBe(403)
		expect((await page.goto('/beheer/inloggen/rvo'))?.status()).toBe(403)
		const posted = await page.request.post(`${portal.url}/beheer/inloggen/rvo`, { form: { intent: 'remove' }, headers: { Origin: portal.url }, maxRedirects: 0 })
		expect(posted.status()).toBe(403)
	})
})
