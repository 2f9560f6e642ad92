import { randomBytes } from 'node:crypto'
import { schema } from '@leerplein/db/schema'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import { testDrivers } from '@leerplein/db/testing'
import { ALL_LTI_SCOPES, LTI_SCOPES } from '@leerplein/domain'
import { moodleLtiUsername } from '@leerplein/moodle'
import { and, eq } from 'drizzle-orm'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { accessibilityViolations, ELS, FATIMA, SANNE, signInAs, useE2E } from '../support/e2e.ts'
import { startMoodle, type RunningMoodle } from '../support/moodle.ts'

// The concern administrator's page of one learning tool (issue 6): edit the registration with
// Dutch errors beside the fields, deactivate with confirmation (the tool's tokens stop working) and
// reactivate, set Moodle web services (the token never shown back), list Moodle's courses and
// activities, and run the completion sync, whose result and Moodle's errors the page shows.

const persona = (key: string) => DEMO_PERSONAS.find((candidate) => candidate.key === key)!
const drivers = await testDrivers()
const WS_TOKEN = 'ws-token-secret-0123456789'

describe.skipIf(!drivers.includes('postgres'))('a learning tool on its administration page', () => {
	const e2e = useE2E({ driver: 'postgres', env: { SECRETS_KEY: randomBytes(32).toString('base64') }, owner: true })
	const { portal, owner } = e2e
	// One Moodle site: its enrol_lti tool is registered with Leerplein, its web services give completion.
	let moodle: RunningMoodle
	let ids: { toolId: string; sanne: string; enrolment: string }

	beforeAll(async () => {
		moodle = await startMoodle({ token: WS_TOKEN })
		const db = owner.db
		const [rvo] = await db.select().from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
		const [sanne] = await db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, persona('rvo-employee').email))
		const [course] = await db
			.insert(schema.courses)
			.values({ providerTenantId: rvo!.id, title: 'AVG-richtlijn lezen (online)', summary: 's', description: 'd', form: 'elearning', durationMinutes: 30, status: 'published' })
			.returning()
		const [session] = await db
			.insert(schema.sessions)
			.values({ tenantId: rvo!.id, courseId: course!.id, startsAt: new Date(Date.now() - 86_400_000), endsAt: new Date(Date.now() + 30 * 86_400_000), capacity: 100 })
			.returning()
		const [enrolment] = await db.insert(schema.enrolments).values({ tenantId: rvo!.id, sessionId: session!.id, userId: sanne!.id, status: 'enrolled' }).returning()
		moodle.setClientId('moodle-admin-test')
		const [registered] = await db
			.insert(schema.ltiTools)
			.values({
				name: 'Moodle (beheertest)',
				clientId: 'moodle-admin-test',
				deploymentIds: ['1'],
				loginUrl: moodle.loginUrl,
				targetLinkUri: moodle.redirectUri,
				redirectUris: [moodle.redirectUri],
				jwksUrl: moodle.jwksUrl,
				scopes: [...ALL_LTI_SCOPES],
			})
			.returning()
		// The part is a Moodle page without a grade: activity 101 in Moodle course 2.
		await db.insert(schema.ltiResourceLinks).values({ tenantId: rvo!.id, courseId: course!.id, toolId: registered!.id, deploymentId: '1', title: 'Richtlijn', moodleCourseId: 2, moodleActivityId: 101 })
		// Sanne opened it once, so Moodle knows her as an LTI user, and she finished reading.
		moodle.accounts.set(moodleLtiUsername(portal.url, sanne!.id), 77)
		moodle.completion.set('2:77', new Map([[101, 1]]))
		ids = { toolId: registered!.id, sanne: sanne!.id, enrolment: enrolment!.id }
	})
	afterAll(() => moodle?.stop())

	async function adminPage(): Promise<Page> {
		const context = await e2e.newContext()
		const page = await context.newPage()
		await signInAs(page, ELS)
		await page.goto('/beheer/leeromgevingen')
		await page.getByRole('link', { name: 'Moodle (beheertest) beheren' }).click()
		await page.getByRole('heading', { level: 1, name: 'Moodle (beheertest)' }).waitFor()
		return page
	}
	const audit = (action: string) => owner.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.action, action), eq(schema.auditLog.objectId, ids.toolId)))

	test('the administrator edits the registration: an error stands beside its field, in Dutch; a valid change is saved and audited', async () => {
		const page = await adminPage()
		expect(await accessibilityViolations(page)).toEqual([])
		await page.getByLabel('Naam', { exact: true }).fill('')
		await page.getByLabel('JWKS-adres van de tool').fill('geen adres')
		await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click()
		// Exact: the error summary above the form repeats it after the field's label.
		await page.getByText('Vul een naam in van hoogstens 200 tekens.', { exact: true }).waitFor()
		expect(await page.getByLabel('Naam', { exact: true }).getAttribute('aria-invalid')).toBe('true')
		expect(await page.getByLabel('JWKS-adres van de tool').getAttribute('aria-describedby')).toContain('jwksUrl-error')
		expect(await page.getByText('Vul een volledig webadres in dat begint met https://.').count()).toBeGreaterThan(0)
		expect(await accessibilityViolations(page)).toEqual([])

		await page.getByLabel('Naam', { exact: true }).fill('Moodle (beheertest)')
		await page.getByLabel('JWKS-adres van de tool').fill(moodle.jwksUrl)
		await page.getByLabel('Deployment-id(s)').fill('1, 2')
		await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click()
		await page.getByText('De registratie is gewijzigd.').waitFor()
		const [stored] = await owner.db.select().from(schema.ltiTools).where(eq(schema.ltiTools.id, ids.toolId))
		expect(stored!.deploymentIds).toEqual(['1', '2'])
		expect(await audit('lti.tool_updated')).toEqual([expect.objectContaining({ before: expect.objectContaining({ deploymentIds: ['1'] }), after: expect.objectContaining({ deploymentIds: ['1', '2'] }) })])
		await page.context().close()
	})

	test("web services: the token is stored sealed and never shown back; Moodle's courses and activities are listed; the sync completes an ungraded part", async () => {
		const page = await adminPage()
		expect(await page.getByText('Nog niet gesynchroniseerd.').isVisible()).toBe(true)
		await page.getByLabel('Adres van de Moodle-site').fill(moodle.baseUrl)
		await page.getByLabel('Webservicetoken').fill(WS_TOKEN)
		await page.getByRole('button', { name: 'Webservices opslaan' }).click()
		await page.getByText('De webservices zijn opgeslagen.').waitFor()
		expect(await page.getByText('Er is een token bewaard dat eindigt op 6789.').isVisible()).toBe(true)
		expect(await page.content()).not.toContain(WS_TOKEN)
		expect(await page.getByLabel('Webservicetoken').inputValue()).toBe('')
		const [sealed] = await owner.db.select().from(schema.ltiToolWebServices).where(eq(schema.ltiToolWebServices.toolId, ids.toolId))
		expect(sealed!.tokenCiphertext).not.toContain(WS_TOKEN)
		expect(JSON.stringify(await audit('lti.web_services_saved'))).not.toContain(WS_TOKEN)
		expect(portal.logs().some((line) => JSON.stringify(line).includes(WS_TOKEN))).toBe(false)

		await page.getByRole('link', { name: 'Cursussen in Moodle tonen' }).click()
		await page.getByRole('link', { name: 'AVG in de praktijk' }).click()
		const activities = page.getByRole('table', { name: 'Activiteiten van Moodle-cursus 2' })
		await activities.waitFor()
		expect(await activities.getByRole('row').filter({ hasText: 'Lees de AVG-richtlijn' }).getByRole('cell', { name: '101' }).isVisible()).toBe(true)
		expect(await accessibilityViolations(page)).toEqual([])

		await page.getByRole('button', { name: 'Nu synchroniseren' }).click()
		await page.getByText('De synchronisatie is uitgevoerd.').waitFor()
		expect(await page.getByText(/Laatst gesynchroniseerd op .+: 1 onderdeel afgerond\./).isVisible()).toBe(true)
		const [enrolment] = await owner.db.select().from(schema.enrolments).where(eq(schema.enrolments.id, ids.enrolment))
		expect(enrolment!.status).toBe('completed')
		expect(await audit('lti.web_services_synced')).toEqual([expect.objectContaining({ result: 'success', after: { status: 'ok', completed: 1 } })])
		await page.context().close()

		// Sanne sees it under "Mijn leren".
		const context = await e2e.newContext()
		const employee = await context.newPage()
		await signInAs(employee, SANNE)
		await employee.goto('/mijn-leren')
		expect(await employee.getByText(/Online onderdeel Richtlijn: Afgerond op/).isVisible()).toBe(true)
		// And on the course page, without a score.
		await employee.getByRole('link', { name: 'AVG-richtlijn lezen (online)', exact: true }).click()
		await employee.getByText(/Afgerond op/).waitFor()
		expect(await employee.getByText(/score/).count()).toBe(0)
		await context.close()
	})

	test("Moodle's error envelope shows on the tool page as a failed sync, and nothing changes", async () => {
		moodle.token = 'revoked-in-moodle'
		const page = await adminPage()
		await page.getByRole('button', { name: 'Nu synchroniseren' }).click()
		await page.getByText('De synchronisatie is uitgevoerd.').waitFor()
		expect(await page.getByText(/Synchronisatie op .+ mislukt, er is niets veranderd\. Moodle meldt: invalidtoken: Invalid token - token not found/).isVisible()).toBe(true)
		await page.getByRole('link', { name: 'Cursussen in Moodle tonen' }).click()
		await page.getByRole('alert').filter({ hasText: 'Moodle meldt: invalidtoken' }).waitFor()
		expect(await accessibilityViolations(page)).toEqual([])
		expect((await audit('lti.web_services_synced')).map((row) => row.result)).toEqual(['success', 'failed'])
		moodle.token = WS_TOKEN
		await page.context().close()
	})

	test('removing the web services asks first, then forgets address and token; the completions stay; audited', async () => {
		const page = await adminPage()
		await page.getByRole('link', { name: 'Webservices verwijderen' }).click()
		await page.getByText('Leerplein vergeet het adres en het token').waitFor()
		expect(await accessibilityViolations(page)).toEqual([])
		await page.getByRole('button', { name: 'Webservices verwijderen' }).click()
		await page.getByText('De webservices zijn verwijderd.').waitFor()
		expect(await page.getByRole('button', { name: 'Nu synchroniseren' }).count()).toBe(0)
		expect(await owner.db.select().from(schema.ltiToolWebServices).where(eq(schema.ltiToolWebServices.toolId, ids.toolId))).toEqual([])
		const [enrolment] = await owner.db.select().from(schema.enrolments).where(eq(schema.enrolments.id, ids.enrolment))
		expect(enrolment!.status).toBe('completed')
		expect(await audit('lti.web_services_removed')).toHaveLength(1)
		await page.context().close()
	})

	test('deactivating (after confirmation) stops the tool’s tokens at once; reactivating lets it in again; both audited', async () => {
		const endpoint = `${portal.url}/lti/token`
		const token = await moodle.accessToken(endpoint, [LTI_SCOPES.lineItem])
		const courseId = (await owner.db.select({ courseId: schema.ltiResourceLinks.courseId }).from(schema.ltiResourceLinks).where(eq(schema.ltiResourceLinks.toolId, ids.toolId)))[0]!.courseId
		const lineItems = () => fetch(`${portal.url}/lti/ags/${courseId}/lineitems`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/vnd.ims.lis.v2.lineitemcontainer+json' } })
		expect((await lineItems()).status).toBe(200)

		const page = await adminPage()
		await page.getByRole('link', { name: 'Deactiveren' }).click()
		await page.getByText('Weet u zeker dat u Moodle (beheertest) wilt deactiveren?').waitFor()
		expect(await accessibilityViolations(page)).toEqual([])
		await page.getByRole('button', { name: 'Deactiveren' }).click()
		await page.getByText('De leeromgeving is gedeactiveerd.').waitFor()
		expect(await page.getByText('Gedeactiveerd', { exact: false }).first().isVisible()).toBe(true)

		expect((await lineItems()).status).toBe(401)
		// The tool proves itself with its own key, so it is told why (issue 13).
		const refused = await moodle.requestToken(endpoint, [LTI_SCOPES.lineItem])
		expect(refused.status).toBe(400)
		expect(await refused.json()).toMatchObject({ error: 'unauthorized_client', error_description: expect.stringContaining('deactivated') })
		expect(await audit('lti.tool_deactivated')).toHaveLength(1)

		await page.getByRole('button', { name: 'Weer activeren' }).click()
		await page.getByText('De leeromgeving is weer actief.').waitFor()
		expect((await lineItems()).status).toBe(200)
		expect(await audit('lti.tool_reactivated')).toHaveLength(1)
		await page.context().close()
	})

	test('the administrator registers a tool by hand: errors stand beside their fields, in Dutch; a valid registration is listed', async () => {
		const context = await e2e.newContext()
		const page = await context.newPage()
		await signInAs(page, ELS)
		await page.goto('/beheer/leeromgevingen')
		const manual = page.getByRole('region', { name: 'Met de hand registreren' })
		await manual.getByLabel('Inlog-initiatieadres (OIDC login)').fill('niet een adres')
		await manual.getByRole('button', { name: 'Registreren' }).click()
		await page.locator('#register-tool-name-error').waitFor()
		expect(await page.locator('#register-tool-name-error').textContent()).toBe('Vul een naam in van hoogstens 200 tekens.')
		expect(await page.locator('#register-tool-loginUrl-error').textContent()).toBe('Vul een volledig webadres in dat begint met https://.')
		expect(await manual.getByLabel('Inlog-initiatieadres (OIDC login)').inputValue()).toBe('niet een adres')
		expect(await accessibilityViolations(page)).toEqual([])

		await manual.getByLabel('Naam', { exact: true }).fill('Moodle (met de hand)')
		await manual.getByLabel('Inlog-initiatieadres (OIDC login)').fill('https://moodle-hand.test/enrol/lti/login.php')
		await manual.getByLabel('Lanceeradres (target link URI)').fill('https://moodle-hand.test/enrol/lti/launch.php')
		await manual.getByLabel("Redirect-URI's").fill('https://moodle-hand.test/enrol/lti/launch.php')
		await manual.getByLabel('JWKS-adres van de tool').fill('https://moodle-hand.test/enrol/lti/jwks.php')
		await manual.getByRole('button', { name: 'Registreren' }).click()
		await page.getByText('De leeromgeving is geregistreerd.').waitFor()
		expect(await page.getByRole('link', { name: 'Moodle (met de hand) beheren' }).isVisible()).toBe(true)
		const [stored] = await owner.db.select().from(schema.ltiTools).where(eq(schema.ltiTools.name, 'Moodle (met de hand)'))
		expect(stored).toMatchObject({ deploymentIds: ['1'], shareName: false, shareEmail: false, scopes: [...ALL_LTI_SCOPES] })
		await context.close()
	})

	test('a coordinator may not open the tool page', async () => {
		const context = await e2e.newContext()
		const page = await context.newPage()
		await signInAs(page, FATIMA)
		const response = await page.goto(`/beheer/leeromgevingen/${ids.toolId}`)
		expect(response?.status()).toBe(403)
		await context.close()
	})
})
